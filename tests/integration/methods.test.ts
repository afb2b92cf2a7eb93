// The method library: an admin writes or edits a skill's page (audited; anyone else refused, bad
// input refused, nothing changed), the library's content reaches every skill whose slug it knows
// without replacing a page, and the pages' reads show admins who edited last.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getMethodPage, getMethodPageForEdit, listMethodLibrary } from "../../lib/methods/queries";
import { saveMethodPage } from "../../lib/methods/save-method-page";
import { addMissingMethodPages } from "../../lib/methods/seed-pages";
import { METHOD_CONTENT } from "../../lib/seed/method-content";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();

const pagesState = async () => ({
  pages: await prisma.methodPage.findMany({ orderBy: { skillId: "asc" } }),
  audit: await prisma.auditLog.count({ where: { action: "method.save" } }),
});

const TEXT = {
  whatItIs: "A way of drawing every step of a pathway with the people who work in it.",
  whenToUse: "Early in a project, when nobody can see the whole of a pathway.",
  goodExchange: "A mapping session with the team, and a photographed map to keep.",
};

async function customSkill() {
  return createSkill(prisma, `Custom skill ${randomUUID().slice(0, 6)}`);
}

describe("saving a method page", () => {
  it("lets an admin write the page of a skill that has none, and audits it", async () => {
    const admin = await createMember(prisma, { role: "admin", name: "Ada Admin" });
    const skill = await customSkill();
    const saved = await saveMethodPage(admin.id, { skillId: skill.id, ...TEXT }, prisma);
    expect(saved).toMatchObject({ skillId: skill.id, slug: skill.slug, created: true });
    expect(await prisma.methodPage.findUniqueOrThrow({ where: { skillId: skill.id } })).toMatchObject({ ...TEXT, updatedById: admin.id });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "method.save", targetId: skill.id } });
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "skill", details: { slug: skill.slug, created: true } });
  });

  it("edits a page, names the parts that changed, and trims them", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const skill = await customSkill();
    await saveMethodPage(admin.id, { skillId: skill.id, ...TEXT }, prisma);
    const other = await createMember(prisma, { role: "admin", name: "Bea Admin" });
    const saved = await saveMethodPage(other.id, { skillId: skill.id, ...TEXT, whenToUse: "   When a pathway crosses several teams and nobody owns it.  " }, prisma);
    expect(saved).toMatchObject({ created: false, changed: ["whenToUse"] });
    expect(await prisma.methodPage.findUniqueOrThrow({ where: { skillId: skill.id } })).toMatchObject({
      whenToUse: "When a pathway crosses several teams and nobody owns it.",
      updatedById: other.id,
    });
    expect(await prisma.auditLog.count({ where: { action: "method.save", targetId: skill.id } })).toBe(2);
    const view = await getMethodPage(admin.id, skill.slug, prisma);
    expect(view?.edited).toMatchObject({ byName: "Bea Admin" });
  });

  it("changes nothing and audits nothing when the words are the same", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const skill = await customSkill();
    await saveMethodPage(admin.id, { skillId: skill.id, ...TEXT }, prisma);
    const before = await pagesState();
    expect(await saveMethodPage(admin.id, { skillId: skill.id, ...TEXT }, prisma)).toMatchObject({ created: false, changed: [] });
    expect(await pagesState()).toEqual(before);
  });

  it("refuses anyone but an active admin, changing nothing", async () => {
    const skill = await customSkill();
    const input = { skillId: skill.id, ...TEXT };
    const callers = [
      await createMember(prisma),
      await createMember(prisma, { status: "pending" }),
      await createMember(prisma, { status: "suspended" }),
      await createMember(prisma, { role: "admin", status: "suspended" }),
      await createMember(prisma, { role: "admin", profileDone: false }),
    ];
    for (const caller of callers) await expectRefusal(prisma, () => saveMethodPage(caller.id, input, prisma), { code: "forbidden", unchanged: pagesState });
    await expectRefusal(prisma, () => saveMethodPage(randomUUID(), input, prisma), { code: "unauthenticated", unchanged: pagesState });
  });

  it("refuses bad input and an unknown skill, changing nothing", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const skill = await customSkill();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ whatItIs: "Too short." }, "whatItIs", /at least 20 characters/],
      [{ whenToUse: "x".repeat(2001) }, "whenToUse", /2000 characters or fewer/],
      [{ goodExchange: undefined }, "goodExchange", /good exchange/],
      [{ goodExchange: "                         " }, "goodExchange", /at least 20/],
      [{ skillId: "process-mapping" }, "skillId", /not found/],
    ];
    for (const [overrides, field, message] of cases) {
      const err = await expectRefusal(prisma, () => saveMethodPage(admin.id, { skillId: skill.id, ...TEXT, ...overrides }, prisma), { code: "invalid", unchanged: pagesState });
      expect(err.fieldErrors?.[field]?.join(" "), field).toMatch(message);
    }
    await expectRefusal(prisma, () => saveMethodPage(admin.id, { skillId: randomUUID(), ...TEXT }, prisma), { code: "not_found", unchanged: pagesState });
  });
});

describe("the library's content", () => {
  it("gives every skill whose slug it knows a page, leaves others without, and never replaces a page", async () => {
    const known = await createSkill(prisma, "Process mapping");
    const alsoKnown = await createSkill(prisma, "Run charts");
    const unknown = await customSkill();
    const admin = await createMember(prisma, { role: "admin" });
    await saveMethodPage(admin.id, { skillId: alsoKnown.id, ...TEXT }, prisma);

    expect(await addMissingMethodPages(prisma)).toBeGreaterThanOrEqual(1);
    expect(await prisma.methodPage.findUniqueOrThrow({ where: { skillId: known.id } })).toMatchObject({
      whatItIs: METHOD_CONTENT["process-mapping"]!.whatItIs,
      updatedById: null,
    });
    expect(await prisma.methodPage.findUniqueOrThrow({ where: { skillId: alsoKnown.id } })).toMatchObject({ whatItIs: TEXT.whatItIs, updatedById: admin.id });
    expect(await prisma.methodPage.findUnique({ where: { skillId: unknown.id } })).toBeNull();
    // Again: nothing more to add.
    expect(await addMissingMethodPages(prisma)).toBe(0);
  });
});

describe("reading the library", () => {
  it("groups every skill by category, saying which have a page", async () => {
    const library = await listMethodLibrary(prisma);
    const skills = library.flatMap((c) => c.skills);
    expect(skills.length).toBe(await prisma.skill.count());
    expect(skills.find((s) => s.slug === "process-mapping")).toMatchObject({ hasPage: true });
    expect(library.every((c) => c.skills.length > 0)).toBe(true);
  });

  it("shows a page to anyone, with how many active members have the skill and open listings use it", async () => {
    const skill = await prisma.skill.findUniqueOrThrow({ where: { slug: "process-mapping" } });
    const helper = await createMember(prisma);
    const suspended = await createMember(prisma, { status: "suspended" });
    await prisma.memberSkill.createMany({ data: [helper, suspended].map((m) => ({ memberId: m.id, skillId: skill.id })) });
    await prisma.listing.createMany({
      data: [
        { kind: "offer", ownerId: helper.id, title: "Map your pathway", description: "A mapping session", skillId: skill.id, estimatedMinutes: 90 },
        { kind: "offer", ownerId: helper.id, title: "Paused map", description: "A mapping session", skillId: skill.id, estimatedMinutes: 90, status: "paused" },
        { kind: "request", ownerId: helper.id, title: "Help map discharge", description: "Our discharge pathway", skillId: skill.id, estimatedMinutes: 120 },
        { kind: "offer", ownerId: suspended.id, title: "Hidden", description: "A mapping session", skillId: skill.id, estimatedMinutes: 90 },
      ],
    });
    const view = await getMethodPage(null, "process-mapping", prisma);
    expect(view).toMatchObject({ membersWithSkill: 1, openOffers: 1, openRequests: 1, viewerIsAdmin: false, edited: null });
    expect(view?.page?.whatItIs).toBe(METHOD_CONTENT["process-mapping"]!.whatItIs);
    const member = await createMember(prisma);
    expect((await getMethodPage(member.id, "process-mapping", prisma))?.edited).toBeNull();
    const admin = await createMember(prisma, { role: "admin" });
    expect(await getMethodPage(admin.id, "process-mapping", prisma)).toMatchObject({ viewerIsAdmin: true, edited: { byName: null } });
  });

  it("shows a skill without a page by its description, and nothing for an unknown or malformed slug", async () => {
    const skill = await customSkill();
    expect(await getMethodPage(null, skill.slug, prisma)).toMatchObject({ page: null, skill: { description: skill.description } });
    expect(await getMethodPage(null, "no-such-skill", prisma)).toBeNull();
    expect(await getMethodPage(null, "../etc/passwd", prisma)).toBeNull();
    expect(await getMethodPage(null, "x".repeat(101), prisma)).toBeNull();
  });

  it("starts the edit form from the page, or from the library's words for a missing page, for admins only", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const member = await createMember(prisma);
    const custom = await customSkill();
    await expect(getMethodPageForEdit(member.id, custom.slug, prisma)).rejects.toMatchObject({ code: "forbidden" });
    expect(await getMethodPageForEdit(admin.id, custom.slug, prisma)).toMatchObject({ exists: false, initial: { whatItIs: "" } });
    const fishbone = await createSkill(prisma, "Fishbone root cause");
    expect(await getMethodPageForEdit(admin.id, fishbone.slug, prisma)).toMatchObject({ exists: false, initial: METHOD_CONTENT["fishbone-root-cause"] });
    expect(await getMethodPageForEdit(admin.id, "process-mapping", prisma)).toMatchObject({ exists: true });
    expect(await getMethodPageForEdit(admin.id, "nope", prisma)).toBeNull();
  });
});
