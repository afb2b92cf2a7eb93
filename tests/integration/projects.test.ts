// Improvement projects: starting, editing, moving between the method's steps, finishing and
// reopening, PDSA cycles (numbered under concurrency, completed once), following, requests that
// belong to a project, and the hours exchanged for a project by the ledger's rule. Only active
// members write, only owners change their projects, and every refusal changes nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { reverse } from "../../lib/ledger";
import { createListing } from "../../lib/listings/create-listing";
import { updateListing } from "../../lib/listings/update-listing";
import { addCycle } from "../../lib/projects/add-cycle";
import { createProject } from "../../lib/projects/create-project";
import { followProject } from "../../lib/projects/follow-project";
import { moveProjectStage } from "../../lib/projects/move-project-stage";
import {
  getProjectForViewer,
  listFollowedProjects,
  listMyProjects,
  listOwnOpenProjects,
  listProjects,
  parseProjectParams,
  projectExchangedMinutes,
  projectOfListing,
} from "../../lib/projects/queries";
import { setProjectFinished } from "../../lib/projects/set-project-finished";
import { unfollowProject } from "../../lib/projects/unfollow-project";
import { updateCycle } from "../../lib/projects/update-cycle";
import { updateProject } from "../../lib/projects/update-project";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma({ max: 12 });
const skill = await createSkill(prisma, "Process mapping");

const key = () => randomUUID();

function projectInput(overrides: Record<string, unknown> = {}) {
  return {
    title: "Antibiotics within the hour for sepsis",
    aim: "90% of adults with red-flag sepsis on the AMU get antibiotics within 60 minutes of arrival by June.",
    measures: "Outcome: % within 60 minutes. Process: screening tool completed. Balancing: C. difficile rates.",
    setting: "Acute medical unit, Bramley General Hospital",
    requestKey: key(),
    ...overrides,
  };
}

function cycleInput(projectId: string, overrides: Record<string, unknown> = {}) {
  return {
    projectId,
    title: "Pre-packed sepsis trolley",
    plan: "Put a trolley with antibiotics and blood culture bottles in bay 1 for one week of day shifts.",
    prediction: "Median time to antibiotics falls from 95 to under 60 minutes.",
    requestKey: key(),
    ...overrides,
  };
}

async function newProject(owner: TestMember, overrides: Record<string, unknown> = {}) {
  return createProject(owner.id, projectInput(overrides), prisma);
}

/** Everything a project write may change, to show that a refusal changed none of it. */
async function projectTables() {
  const [projects, changes, cycles, followers, listingProjects, updated] = await Promise.all([
    prisma.project.findMany({ orderBy: { id: "asc" } }),
    prisma.projectStageChange.count(),
    prisma.pdsaCycle.findMany({ orderBy: { id: "asc" } }),
    prisma.projectFollower.count(),
    prisma.listing.findMany({ where: { projectId: { not: null } }, select: { id: true, projectId: true }, orderBy: { id: "asc" } }),
    prisma.$queryRaw`SELECT max(updated_at) AS m FROM projects`,
  ]);
  return { projects, changes, cycles, followers, listingProjects, updated };
}

async function request(owner: TestMember, overrides: Record<string, unknown> = {}) {
  return createListing(
    owner.id,
    {
      kind: "request",
      title: "Help us map the sepsis pathway",
      description: "Two hours with the AMU team mapping arrival to first antibiotic dose.",
      skillId: skill.id,
      hours: "2",
      mins: "0",
      requestKey: key(),
      ...overrides,
    },
    prisma,
  );
}

/** An exchange on a request, driven through the real steps to confirmed: returns its id and transfer. */
async function confirmedHelp(listingId: string, owner: TestMember, helper: TestMember, minutes: number) {
  const { id } = await proposeExchange(helper.id, { listingId, minutes, requestKey: key() }, prisma);
  await acceptExchange(owner.id, { exchangeId: id }, prisma);
  await deliverExchange(helper.id, { exchangeId: id, minutesGiven: minutes }, prisma);
  await confirmExchange(owner.id, { exchangeId: id }, prisma);
  const ex = await prisma.exchange.findUniqueOrThrow({ where: { id } });
  return { id, transferId: ex.transferId! };
}

describe("starting a project", () => {
  it("makes the project and the first row of its stage history, from no stage to the first step", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    expect(project).toMatchObject({ ownerId: owner.id, stage: "identify", finishedAt: null });
    const history = await prisma.projectStageChange.findMany({ where: { projectId: project.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ fromStage: null, toStage: "identify", changedById: owner.id, note: null });
  });

  it("may start further along the method, and trims what was typed", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner, { stage: "understand", title: "  Discharge before noon  " });
    expect(project).toMatchObject({ stage: "understand", title: "Discharge before noon" });
    expect(await prisma.projectStageChange.findFirstOrThrow({ where: { projectId: project.id } })).toMatchObject({ fromStage: null, toStage: "understand" });
  });

  it("returns the first project when the same form is sent again, and refuses another member's form key", async () => {
    const owner = await createMember(prisma);
    const requestKey = key();
    const [a, b] = await Promise.all([newProject(owner, { requestKey }), newProject(owner, { requestKey })]);
    expect(a.id).toBe(b.id);
    expect(await prisma.project.count({ where: { requestKey } })).toBe(1);
    expect(await prisma.projectStageChange.count({ where: { projectId: a.id } })).toBe(1);
    const other = await createMember(prisma);
    await expectRefusal(prisma, () => newProject(other, { requestKey }), { code: "conflict", unchanged: projectTables });
  });

  it("refuses pending, suspended and unknown members, and changes nothing", async () => {
    const pending = await createMember(prisma, { status: "pending" });
    const suspended = await createMember(prisma, { status: "suspended" });
    await expectRefusal(prisma, () => newProject(pending), { code: "forbidden", unchanged: projectTables });
    await expectRefusal(prisma, () => newProject(suspended), { code: "forbidden", message: /suspended/, unchanged: projectTables });
    await expectRefusal(prisma, () => newProject({ id: randomUUID() } as TestMember), { code: "unauthenticated", unchanged: projectTables });
  });

  it("refuses bad input with a message for each field, and changes nothing", async () => {
    const owner = await createMember(prisma);
    const err = await expectRefusal(
      prisma,
      () => newProject(owner, { title: "ab", aim: "short", measures: "", setting: "x".repeat(201), stage: "plan" }),
      { code: "invalid", unchanged: projectTables },
    );
    expect(err.fieldErrors).toEqual({
      title: ["Write at least 3 characters for the title."],
      aim: ["Write at least 10 characters for the aim."],
      measures: ["Say how you will know a change is an improvement."],
      setting: ["Keep the setting to 200 characters or fewer."],
      stage: ["Choose a stage of the method."],
    });
  });
});

describe("editing a project", () => {
  it("lets the owner change its title, aim, measures and setting, even once finished", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    await setProjectFinished(owner.id, { projectId: project.id, finished: "yes" }, prisma);
    await updateProject(owner.id, { projectId: project.id, ...projectInput({ title: "Sepsis: antibiotics within the hour" }) }, prisma);
    expect(await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ title: "Sepsis: antibiotics within the hour", stage: "identify" });
  });

  it("refuses another member, an admin, a suspended owner, an unknown project and bad input", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const other = await createMember(prisma);
    const admin = await createMember(prisma, { role: "admin" });
    const edit = (actorId: string, overrides: Record<string, unknown> = {}) =>
      updateProject(actorId, { projectId: project.id, ...projectInput({ title: "Taken over", ...overrides }) }, prisma);
    await expectRefusal(prisma, () => edit(other.id), { code: "forbidden", unchanged: projectTables });
    await expectRefusal(prisma, () => edit(admin.id), { code: "forbidden", unchanged: projectTables });
    await expectRefusal(prisma, () => updateProject(owner.id, { projectId: randomUUID(), ...projectInput() }, prisma), { code: "not_found", unchanged: projectTables });
    const err = await expectRefusal(prisma, () => edit(owner.id, { aim: "" }), { code: "invalid", unchanged: projectTables });
    expect(err.fieldErrors?.aim).toEqual(["Say what the project aims to improve."]);
    await prisma.user.update({ where: { id: owner.id }, data: { status: "suspended" } });
    await expectRefusal(prisma, () => edit(owner.id), { code: "forbidden", unchanged: projectTables });
  });
});

describe("moving a project between the method's steps", () => {
  it("moves forward and back with notes, keeps the whole history in order, and tells followers but not the owner", async () => {
    const owner = await createMember(prisma, { name: "Olu Owner" });
    const follower = await createMember(prisma);
    const project = await newProject(owner);
    await followProject(follower.id, { projectId: project.id }, prisma);

    await moveProjectStage(owner.id, { projectId: project.id, stage: "understand", note: "Mapped the pathway with the team." }, prisma);
    await moveProjectStage(owner.id, { projectId: project.id, stage: "test", note: "" }, prisma);
    await moveProjectStage(owner.id, { projectId: project.id, stage: "aim", note: "Our aim was too broad: back to it." }, prisma);

    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).stage).toBe("aim");
    const history = await prisma.projectStageChange.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.fromStage, h.toStage, h.note])).toEqual([
      [null, "identify", null],
      ["identify", "understand", "Mapped the pathway with the team."],
      ["understand", "test", null],
      ["test", "aim", "Our aim was too broad: back to it."],
    ]);
    const told = await prisma.notification.findMany({ where: { memberId: follower.id, kind: "project.updated" }, orderBy: { createdAt: "asc" } });
    expect(told).toHaveLength(3);
    expect(told[2]).toMatchObject({ link: `/projects/${project.id}`, emailPending: true });
    expect(told[2]!.title).toContain("Set an aim and measures");
    expect(told[2]!.body).toContain("Olu wrote: Our aim was too broad");
    expect(await prisma.notification.count({ where: { memberId: owner.id } })).toBe(0);
  });

  it("answers a move to the stage it is already at as done, and changes nothing", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const before = await projectTables();
    const again = await moveProjectStage(owner.id, { projectId: project.id, stage: "identify" }, prisma);
    expect(again.replayed).toBe(true);
    expect(await projectTables()).toEqual(before);
  });

  it("does not email a follower who turned project news off, and skips closed accounts", async () => {
    const owner = await createMember(prisma);
    const quiet = await createMember(prisma);
    const gone = await createMember(prisma);
    const project = await newProject(owner);
    await prisma.user.update({ where: { id: quiet.id }, data: { emailOptOut: ["project.updated"] } });
    await followProject(quiet.id, { projectId: project.id }, prisma);
    await followProject(gone.id, { projectId: project.id }, prisma);
    await prisma.user.update({ where: { id: gone.id }, data: { status: "closed" } });
    await moveProjectStage(owner.id, { projectId: project.id, stage: "understand" }, prisma);
    expect(await prisma.notification.findFirstOrThrow({ where: { memberId: quiet.id } })).toMatchObject({ emailPending: false });
    expect(await prisma.notification.count({ where: { memberId: gone.id } })).toBe(0);
  });

  it("refuses another member, an admin, a pending owner, an unknown stage, and a finished project", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const other = await createMember(prisma);
    const admin = await createMember(prisma, { role: "admin" });
    const move = (actorId: string, stage = "understand") => moveProjectStage(actorId, { projectId: project.id, stage }, prisma);
    await expectRefusal(prisma, () => move(other.id), { code: "forbidden", unchanged: projectTables });
    await expectRefusal(prisma, () => move(admin.id), { code: "forbidden", unchanged: projectTables });
    const err = await expectRefusal(prisma, () => move(owner.id, "done"), { code: "invalid", unchanged: projectTables });
    expect(err.fieldErrors?.stage).toEqual(["Choose a stage of the method."]);
    const long = await expectRefusal(prisma, () => moveProjectStage(owner.id, { projectId: project.id, stage: "aim", note: "n".repeat(1001) }, prisma), {
      code: "invalid",
      unchanged: projectTables,
    });
    expect(long.fieldErrors?.note).toEqual(["Keep the note to 1,000 characters or fewer."]);

    await setProjectFinished(owner.id, { projectId: project.id, finished: "yes" }, prisma);
    await expectRefusal(prisma, () => move(owner.id), { code: "conflict", message: /finished.*Reopen it first/, unchanged: projectTables });
    await setProjectFinished(owner.id, { projectId: project.id, finished: "no" }, prisma);
    await move(owner.id);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).stage).toBe("understand");

    await prisma.user.update({ where: { id: owner.id }, data: { status: "pending" } });
    await expectRefusal(prisma, () => move(owner.id, "aim"), { code: "forbidden", unchanged: projectTables });
  });
});

describe("finishing and reopening a project", () => {
  it("sets and clears finished_at; asking twice changes nothing; only the active owner may", async () => {
    const owner = await createMember(prisma);
    const other = await createMember(prisma);
    const project = await newProject(owner);
    const finished = await setProjectFinished(owner.id, { projectId: project.id, finished: "yes" }, prisma);
    expect(finished.finishedAt).not.toBeNull();
    expect((await setProjectFinished(owner.id, { projectId: project.id, finished: "yes" }, prisma)).replayed).toBe(true);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).finishedAt).toEqual(finished.finishedAt);
    await expectRefusal(prisma, () => setProjectFinished(other.id, { projectId: project.id, finished: "no" }, prisma), { code: "forbidden", unchanged: projectTables });
    await expectRefusal(prisma, () => setProjectFinished(owner.id, { projectId: project.id, finished: "maybe" }, prisma), { code: "invalid", unchanged: projectTables });
    const reopened = await setProjectFinished(owner.id, { projectId: project.id, finished: "no" }, prisma);
    expect(reopened).toMatchObject({ finishedAt: null, replayed: false });
  });
});

describe("PDSA cycles", () => {
  it("numbers cycles 1, 2, 3 within each project and tells followers of each new one", async () => {
    const owner = await createMember(prisma);
    const follower = await createMember(prisma);
    const a = await newProject(owner);
    const b = await newProject(owner);
    await followProject(follower.id, { projectId: a.id }, prisma);
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await addCycle(owner.id, cycleInput(a.id), prisma)).number);
    expect(numbers).toEqual([1, 2, 3]);
    expect((await addCycle(owner.id, cycleInput(b.id), prisma)).number).toBe(1);
    const told = await prisma.notification.findMany({ where: { memberId: follower.id, kind: "project.updated" } });
    expect(told.map((n) => n.title).sort()).toEqual([1, 2, 3].map((n) => `${a.title}: PDSA cycle ${n} planned`));
  });

  it("gives twelve cycles added at once twelve different numbers, 1 to 12", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const added = await Promise.all(Array.from({ length: 12 }, () => addCycle(owner.id, cycleInput(project.id), prisma)));
    expect(added.map((c) => c.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("returns the first cycle when the same form is sent again (even at once)", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const input = cycleInput(project.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => addCycle(owner.id, input, prisma)));
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(await prisma.pdsaCycle.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("refuses another member, an admin, a suspended owner, a finished project and bad input", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const other = await createMember(prisma);
    const admin = await createMember(prisma, { role: "admin" });
    await expectRefusal(prisma, () => addCycle(other.id, cycleInput(project.id), prisma), { code: "forbidden", unchanged: projectTables });
    await expectRefusal(prisma, () => addCycle(admin.id, cycleInput(project.id), prisma), { code: "forbidden", unchanged: projectTables });
    const err = await expectRefusal(prisma, () => addCycle(owner.id, cycleInput(project.id, { title: "", plan: "p", prediction: "x".repeat(2001) }), prisma), {
      code: "invalid",
      unchanged: projectTables,
    });
    expect(err.fieldErrors).toEqual({
      title: ["Name the change you are testing."],
      plan: ["Write at least 3 characters for the plan."],
      prediction: ["Keep the prediction to 2,000 characters or fewer."],
    });
    await setProjectFinished(owner.id, { projectId: project.id, finished: "yes" }, prisma);
    await expectRefusal(prisma, () => addCycle(owner.id, cycleInput(project.id), prisma), { code: "conflict", message: /no new cycles/, unchanged: projectTables });
    await setProjectFinished(owner.id, { projectId: project.id, finished: "no" }, prisma);
    await prisma.user.update({ where: { id: owner.id }, data: { status: "suspended" } });
    await expectRefusal(prisma, () => addCycle(owner.id, cycleInput(project.id), prisma), { code: "forbidden", unchanged: projectTables });
  });

  it("saves what happened as it goes, completes the cycle with a decision, tells followers, then keeps it as it is", async () => {
    const owner = await createMember(prisma, { name: "Grace Owner" });
    const follower = await createMember(prisma);
    const project = await newProject(owner);
    await followProject(follower.id, { projectId: project.id }, prisma);
    const cycle = await addCycle(owner.id, cycleInput(project.id), prisma);
    const base = { cycleId: cycle.id, title: "Pre-packed sepsis trolley", plan: "Bay 1, one week of day shifts.", prediction: "Under 60 minutes." };

    const draft = await updateCycle(owner.id, { ...base, happened: "Used for 14 of 17 patients.", learned: "", decision: "" }, prisma);
    expect(draft.completedAt).toBeNull();
    expect(await prisma.pdsaCycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({ happened: "Used for 14 of 17 patients.", learned: null, decision: null });
    expect(await prisma.notification.count({ where: { memberId: follower.id, title: { contains: "complete" } } })).toBe(0);

    const missing = await expectRefusal(prisma, () => updateCycle(owner.id, { ...base, happened: "", learned: "", decision: "adopt" }, prisma), { code: "invalid", unchanged: projectTables });
    expect(missing.fieldErrors).toEqual({ happened: ["Say what happened before you choose a decision."], learned: ["Say what you learned before you choose a decision."] });

    const final = { ...base, happened: "Used for 14 of 17 patients; median 52 minutes.", learned: "Pre-packing saves the hunt for bottles.", decision: "adapt" };
    const done = await updateCycle(owner.id, final, prisma);
    expect(done.completedAt).not.toBeNull();
    expect(await prisma.pdsaCycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({ decision: "adapt", learned: "Pre-packing saves the hunt for bottles." });
    const told = await prisma.notification.findFirstOrThrow({ where: { memberId: follower.id, title: `${project.title}: PDSA cycle 1 complete` } });
    expect(told.body).toContain("decided to adapt the change");

    expect((await updateCycle(owner.id, final, prisma)).replayed).toBe(true);
    await expectRefusal(prisma, () => updateCycle(owner.id, { ...final, learned: "Rewritten afterwards." }, prisma), { code: "conflict", message: /complete/, unchanged: projectTables });
  });

  it("refuses to let anyone but the active owner change a cycle", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const cycle = await addCycle(owner.id, cycleInput(project.id), prisma);
    const other = await createMember(prisma);
    const input = { cycleId: cycle.id, title: "Mine now", plan: "Another plan", prediction: "Something" };
    await expectRefusal(prisma, () => updateCycle(other.id, input, prisma), { code: "forbidden", unchanged: projectTables });
    await expectRefusal(prisma, () => updateCycle(owner.id, { ...input, cycleId: randomUUID() }, prisma), { code: "not_found", unchanged: projectTables });
    await expectRefusal(prisma, () => updateCycle(owner.id, { ...input, decision: "ignore" }, prisma), { code: "invalid", unchanged: projectTables });
    await prisma.user.update({ where: { id: owner.id }, data: { status: "pending" } });
    await expectRefusal(prisma, () => updateCycle(owner.id, input, prisma), { code: "forbidden", unchanged: projectTables });
  });
});

describe("following a project", () => {
  it("follows and unfollows, each idempotently", async () => {
    const owner = await createMember(prisma);
    const member = await createMember(prisma);
    const project = await newProject(owner);
    expect(await followProject(member.id, { projectId: project.id }, prisma)).toMatchObject({ following: true, replayed: false });
    expect(await followProject(member.id, { projectId: project.id }, prisma)).toMatchObject({ following: true, replayed: true });
    expect(await prisma.projectFollower.count({ where: { projectId: project.id } })).toBe(1);
    expect((await getProjectForViewer(project.id, member.id, prisma))?.following).toBe(true);
    expect(await unfollowProject(member.id, { projectId: project.id }, prisma)).toMatchObject({ following: false, replayed: false });
    expect(await unfollowProject(member.id, { projectId: project.id }, prisma)).toMatchObject({ following: false, replayed: true });
    expect(await prisma.projectFollower.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses the owner, pending and suspended members, an unknown project and a project whose owner is suspended", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const pending = await createMember(prisma, { status: "pending" });
    const suspended = await createMember(prisma, { status: "suspended" });
    const member = await createMember(prisma);
    await expectRefusal(prisma, () => followProject(owner.id, { projectId: project.id }, prisma), { code: "conflict", unchanged: projectTables });
    await expectRefusal(prisma, () => followProject(pending.id, { projectId: project.id }, prisma), { code: "forbidden", unchanged: projectTables });
    await expectRefusal(prisma, () => followProject(suspended.id, { projectId: project.id }, prisma), { code: "forbidden", unchanged: projectTables });
    await expectRefusal(prisma, () => followProject(member.id, { projectId: randomUUID() }, prisma), { code: "not_found", unchanged: projectTables });
    await expectRefusal(prisma, () => followProject(member.id, { projectId: "not-an-id" }, prisma), { code: "invalid", unchanged: projectTables });
    await prisma.user.update({ where: { id: owner.id }, data: { status: "suspended" } });
    await expectRefusal(prisma, () => followProject(member.id, { projectId: project.id }, prisma), { code: "not_found", unchanged: projectTables });
  });

  it("refuses a suspended member's unfollow, which leaves their follow as it was", async () => {
    const owner = await createMember(prisma);
    const member = await createMember(prisma);
    const project = await newProject(owner);
    await followProject(member.id, { projectId: project.id }, prisma);
    await prisma.user.update({ where: { id: member.id }, data: { status: "suspended" } });
    await expectRefusal(prisma, () => unfollowProject(member.id, { projectId: project.id }, prisma), { code: "forbidden", unchanged: projectTables });
  });
});

describe("requests that belong to a project", () => {
  it("lets a request belong to one of its owner's running projects, and the listing page name it", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const listing = await request(owner, { projectId: project.id });
    expect(listing.projectId).toBe(project.id);
    expect(await projectOfListing(listing.projectId, null, prisma)).toEqual({ id: project.id, title: project.title });
    expect(await listOwnOpenProjects(owner.id, prisma)).toEqual([{ id: project.id, title: project.title }]);
  });

  it("refuses an offer with a project, another member's project and a finished one, with a field error", async () => {
    const owner = await createMember(prisma);
    const mine = await newProject(owner);
    const theirs = await newProject(await createMember(prisma));
    const offer = () =>
      createListing(owner.id, { kind: "offer", title: "I can map processes", description: "An hour of process mapping with your team.", skillId: skill.id, hours: "1", mins: "0", projectId: mine.id }, prisma);
    const offerErr = await expectRefusal(prisma, offer, { code: "invalid", unchanged: projectTables });
    expect(offerErr.fieldErrors?.projectId?.[0]).toMatch(/Only requests for help can be part of a project/);
    const otherErr = await expectRefusal(prisma, () => request(owner, { projectId: theirs.id }), { code: "invalid", unchanged: projectTables });
    expect(otherErr.fieldErrors?.projectId?.[0]).toMatch(/one of your own projects/);
    const unknown = await expectRefusal(prisma, () => request(owner, { projectId: randomUUID() }), { code: "invalid", unchanged: projectTables });
    expect(unknown.fieldErrors?.projectId?.[0]).toMatch(/one of your own projects/);
    const malformed = await expectRefusal(prisma, () => request(owner, { projectId: "project-1" }), { code: "invalid", unchanged: projectTables });
    expect(malformed.fieldErrors?.projectId).toEqual(["Choose one of your projects from the list."]);
    await setProjectFinished(owner.id, { projectId: mine.id, finished: "yes" }, prisma);
    const finished = await expectRefusal(prisma, () => request(owner, { projectId: mine.id }), { code: "invalid", unchanged: projectTables });
    expect(finished.fieldErrors?.projectId?.[0]).toMatch(/finished/);
  });

  it("keeps the project on an edit that leaves it out or keeps it (even once finished), and clears it when blank", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    const other = await newProject(owner);
    const listing = await request(owner, { projectId: project.id });
    const edit = (extra: Record<string, unknown>) =>
      updateListing(owner.id, { listingId: listing.id, title: listing.title, description: listing.description, skillId: skill.id, hours: "2", mins: "0", ...extra }, prisma);
    await setProjectFinished(owner.id, { projectId: project.id, finished: "yes" }, prisma);
    expect((await edit({})).projectId).toBe(project.id);
    expect((await edit({ projectId: project.id })).projectId).toBe(project.id);
    expect((await edit({ projectId: other.id })).projectId).toBe(other.id);
    await expectRefusal(prisma, () => edit({ projectId: project.id }), { code: "invalid", unchanged: projectTables });
    expect((await edit({ projectId: "" })).projectId).toBeNull();
  });

  it("is refused by the database for an offer, whatever the code does", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    await expect(
      prisma.listing.create({ data: { kind: "offer", ownerId: owner.id, title: "An offer", description: "Not allowed here", skillId: skill.id, estimatedMinutes: 60, projectId: project.id } }),
    ).rejects.toThrow(/listings_project_requests_only/);
  });
});

describe("hours exchanged for a project", () => {
  it("counts the transfers posted for its requests' exchanges, a reversed one as 0, and nothing without a transfer", async () => {
    const owner = await createMember(prisma, { balanceMinutes: 600 });
    const helper = await createMember(prisma, { name: "Hana Helper" });
    const second = await createMember(prisma, { name: "Sam Second" });
    const project = await newProject(owner);
    const mapping = await request(owner, { projectId: project.id });
    const charts = await request(owner, { projectId: project.id, title: "Help with a run chart of door-to-needle times" });
    const elsewhere = await request(owner, { title: "Help with something else entirely" });

    const first = await confirmedHelp(mapping.id, owner, helper, 90);
    await prisma.exchange.update({ where: { id: first.id }, data: { thanksNote: "The map changed how we see the first hour.", learnedNote: "Swim lanes show the handoffs." } });
    const reversed = await confirmedHelp(charts.id, owner, second, 45);
    await confirmedHelp(elsewhere.id, owner, helper, 30);
    // Proposed only: no transfer, so 0.
    await proposeExchange(second.id, { listingId: mapping.id, minutes: 60, requestKey: key() }, prisma);

    expect(await projectExchangedMinutes(project.id, prisma)).toBe(135);
    await reverse({ transferId: reversed.transferId, idempotencyKey: `test-reverse-${reversed.id}` }, prisma);
    expect(await projectExchangedMinutes(project.id, prisma)).toBe(90);

    const page = await getProjectForViewer(project.id, null, prisma);
    expect(page?.exchangedMinutes).toBe(90);
    expect(page?.help.map((h) => [h.helper.firstName, h.minutes, h.reversed])).toEqual([
      ["Sam", 0, true],
      ["Hana", 90, false],
    ]);
    expect(page?.help[1]).toMatchObject({ thanks: "The map changed how we see the first hour.", learned: "Swim lanes show the handoffs." });
    expect(page?.requests.map((r) => r.id).sort()).toEqual([mapping.id, charts.id].sort());
  });
});

describe("reading projects", () => {
  it("shows a project to anyone while its owner is active, and to its owner always", async () => {
    const owner = await createMember(prisma);
    const project = await newProject(owner);
    await addCycle(owner.id, cycleInput(project.id), prisma);
    await moveProjectStage(owner.id, { projectId: project.id, stage: "understand", note: "Mapped it." }, prisma);
    const seen = await getProjectForViewer(project.id, null, prisma);
    expect(seen).toMatchObject({ isOwner: false, stage: "understand", followers: 0, cycleCount: 1, openCycles: 1 });
    expect(seen?.timeline.map((t) => t.kind)).toEqual(["stage", "cycle", "stage"]);
    await prisma.user.update({ where: { id: owner.id }, data: { status: "suspended" } });
    expect(await getProjectForViewer(project.id, null, prisma)).toBeNull();
    expect(await getProjectForViewer(project.id, (await createMember(prisma)).id, prisma)).toBeNull();
    expect((await getProjectForViewer(project.id, owner.id, prisma))?.isOwner).toBe(true);
    expect(await getProjectForViewer("nope", null, prisma)).toBeNull();
  });

  it("lists projects newest first, by stage, with my projects and the ones I follow", async () => {
    const owner = await createMember(prisma);
    const reader = await createMember(prisma);
    const older = await newProject(owner, { title: "Falls on an older people's ward", stage: "sustain" });
    const newer = await newProject(owner, { title: "Theatre start times", stage: "sustain" });
    await prisma.project.update({ where: { id: older.id }, data: { createdAt: new Date(Date.now() - 86_400_000) } });
    await followProject(reader.id, { projectId: older.id }, prisma);

    const all = await listProjects(parseProjectParams({}), reader.id, prisma);
    expect(all.projects).toHaveLength(all.pageSize);
    expect(all.hasNext).toBe(true);
    const atSustain = await listProjects(parseProjectParams({ stage: "sustain" }), null, prisma);
    expect(atSustain.projects.map((p) => p.id)).toEqual([newer.id, older.id]);
    const atAim = await listProjects(parseProjectParams({ stage: "aim" }), null, prisma);
    expect(atAim.projects.length).toBeGreaterThan(0);
    expect(atAim.projects.every((p) => p.stage === "aim")).toBe(true);
    expect(parseProjectParams({ stage: "nonsense", page: "-3" })).toEqual({ stage: null, page: 1 });
    expect((await listMyProjects(owner.id, prisma)).map((p) => p.id)).toEqual([newer.id, older.id]);
    const followed = await listFollowedProjects(reader.id, prisma);
    expect(followed.map((p) => [p.id, p.followers])).toEqual([[older.id, 1]]);
  });
});
