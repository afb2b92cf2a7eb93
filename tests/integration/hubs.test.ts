// Hubs (issue 8): admins create them from organisations and name coordinators; a coordinator
// approves or declines the members joining their own hub and nothing outside it (refused, and
// nothing changes); their hub's page is theirs alone; browse can be limited to one hub. Every
// refusal changes nothing.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addCoordinator, createHub, removeCoordinator, updateHub } from "../../lib/hubs/manage-hubs";
import { hubForCoordinator, hubOf, hubsCoordinatedBy, listHubs } from "../../lib/hubs/queries";
import { parseBrowseParams, searchListings } from "../../lib/listings/queries";
import { approveHubMember, approveMember, declineHubMember } from "../../lib/members/approve-member";
import type { AppErrorCode } from "../../lib/errors";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();

let admin: TestMember;
let plain: TestMember;
const org: Record<"north1" | "north2" | "south" | "loose", string> = { north1: "", north2: "", south: "", loose: "" };

/** Everything hubs touch: refused calls must leave it as it was. */
async function hubState() {
  return {
    hubs: await prisma.hub.findMany({ orderBy: { id: "asc" } }),
    coordinators: await prisma.hubCoordinator.findMany({ orderBy: [{ hubId: "asc" }, { memberId: "asc" }] }),
    organisations: await prisma.organisation.findMany({ select: { id: true, hubId: true }, orderBy: { id: "asc" } }),
    members: await prisma.user.findMany({ select: { id: true, status: true, statusReason: true }, orderBy: { id: "asc" } }),
  };
}

/** Refused with this code (and these fields' errors), with nothing changed anywhere. */
async function refused(attempt: () => Promise<unknown>, code: AppErrorCode, fields?: string[]) {
  const err = await expectRefusal(prisma, attempt, { code, unchanged: hubState });
  if (fields) expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
}

async function memberOf(organisationId: string, options: Parameters<typeof createMember>[1] = {}): Promise<TestMember> {
  const m = await createMember(prisma, options);
  await prisma.user.update({ where: { id: m.id }, data: { organisationId } });
  return m;
}

beforeAll(async () => {
  admin = await createMember(prisma, { role: "admin" });
  plain = await createMember(prisma);
  for (const key of Object.keys(org) as (keyof typeof org)[]) {
    org[key] = (await prisma.organisation.create({ data: { name: `Org ${key} ${randomUUID().slice(0, 4)}`, kind: "Acute trust" } })).id;
  }
});

describe("admins manage hubs", () => {
  it("creates a hub from organisations, whose members then belong to it", async () => {
    const { id } = await createHub(admin.id, { name: "North Partnership", description: "Trusts of the north.", organisationIds: [org.north1, org.north2] }, prisma);
    expect((await prisma.organisation.findMany({ where: { hubId: id } })).map((o) => o.id).sort()).toEqual([org.north1, org.north2].sort());
    const m = await memberOf(org.north1);
    expect(await hubOf(m.id, prisma)).toEqual({ id, name: "North Partnership" });
    expect(await prisma.auditLog.count({ where: { action: "hub.create", targetId: id } })).toBe(1);
  });

  it("refuses a taken name, an organisation in another hub, bad input and anyone but an admin, changing nothing", async () => {
    const good = { name: "South Partnership", description: "Practices of the south.", organisationIds: [org.south] };
    await refused(() => createHub(admin.id, { ...good, name: "North Partnership" }, prisma), "invalid", ["name"]);
    await refused(() => createHub(admin.id, { ...good, organisationIds: [org.north1] }, prisma), "invalid", ["organisationIds"]);
    await refused(() => createHub(admin.id, { ...good, organisationIds: ["not-a-uuid"] }, prisma), "invalid", ["organisationIds"]);
    await refused(() => createHub(admin.id, { ...good, organisationIds: [randomUUID()] }, prisma), "invalid", ["organisationIds"]);
    await refused(() => createHub(admin.id, { ...good, name: "ab", description: "short" }, prisma), "invalid", ["name", "description"]);
    await refused(() => createHub(plain.id, good, prisma), "forbidden");
    const { id } = await createHub(admin.id, good, prisma);
    expect((await listHubs(prisma)).map((h) => h.name)).toEqual(["North Partnership", "South Partnership"]);
    expect(id).toBeTruthy();
  });

  it("names coordinators who belong to the hub, and no one else", async () => {
    const north = (await prisma.hub.findUniqueOrThrow({ where: { name: "North Partnership" } })).id;
    const coordinator = await memberOf(org.north2, { name: "Nia North" });
    const outsider = await memberOf(org.south);
    const pending = await memberOf(org.north1, { status: "pending" });
    await expect(addCoordinator(admin.id, { hubId: north, email: coordinator.email.toUpperCase() }, prisma)).resolves.toMatchObject({ memberId: coordinator.id });
    await refused(() => addCoordinator(admin.id, { hubId: north, email: coordinator.email }, prisma), "conflict");
    await refused(() => addCoordinator(admin.id, { hubId: north, email: outsider.email }, prisma), "invalid", ["email"]);
    await refused(() => addCoordinator(admin.id, { hubId: north, email: pending.email }, prisma), "invalid", ["email"]);
    await refused(() => addCoordinator(admin.id, { hubId: north, email: "nobody@example.invalid" }, prisma), "invalid", ["email"]);
    await refused(() => addCoordinator(coordinator.id, { hubId: north, email: outsider.email }, prisma), "forbidden");
    expect(await hubsCoordinatedBy(coordinator.id, prisma)).toEqual([{ id: north, name: "North Partnership", pendingMembers: 1 }]);
    // A coordinator's organisation cannot be taken out of the hub while they coordinate it.
    await refused(() => updateHub(admin.id, { hubId: north, name: "North Partnership", description: "Trusts of the north.", organisationIds: [org.north1] }, prisma), "invalid", ["organisationIds"]);
  });

  it("edits a hub's organisations and removes a coordinator", async () => {
    const north = (await prisma.hub.findUniqueOrThrow({ where: { name: "North Partnership" } })).id;
    await updateHub(admin.id, { hubId: north, name: "North Coast Partnership", description: "Trusts of the north coast.", organisationIds: [org.north1, org.north2, org.loose] }, prisma);
    expect(await prisma.organisation.count({ where: { hubId: north } })).toBe(3);
    const c = await prisma.hubCoordinator.findFirstOrThrow({ where: { hubId: north } });
    await removeCoordinator(admin.id, { hubId: north, memberId: c.memberId }, prisma);
    await refused(() => removeCoordinator(admin.id, { hubId: north, memberId: c.memberId }, prisma), "not_found");
    await updateHub(admin.id, { hubId: north, name: "North Coast Partnership", description: "Trusts of the north coast.", organisationIds: [org.north1, org.north2] }, prisma);
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: org.loose } })).hubId).toBeNull();
  });
});

describe("coordinators approve the members joining their hub, and only theirs", () => {
  let north: string;
  let south: string;
  let northCoordinator: TestMember;
  let southCoordinator: TestMember;

  beforeAll(async () => {
    north = (await prisma.hub.findUniqueOrThrow({ where: { name: "North Coast Partnership" } })).id;
    south = (await prisma.hub.findUniqueOrThrow({ where: { name: "South Partnership" } })).id;
    northCoordinator = await memberOf(org.north1, { name: "Nell North" });
    southCoordinator = await memberOf(org.south, { name: "Sol South" });
    await addCoordinator(admin.id, { hubId: north, email: northCoordinator.email }, prisma);
    await addCoordinator(admin.id, { hubId: south, email: southCoordinator.email }, prisma);
  });

  it("approves a member of their hub: active, an account, told, and audited as the hub's coordinator", async () => {
    const joining = await memberOf(org.north2, { status: "pending" });
    await approveHubMember(northCoordinator.id, joining.id, prisma);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: joining.id } })).status).toBe("active");
    expect(await prisma.notification.count({ where: { memberId: joining.id, kind: "member.approved" } })).toBe(1);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "member.approve", targetId: joining.id } });
    expect(audit).toMatchObject({ actorId: northCoordinator.id, details: expect.objectContaining({ asCoordinatorOf: north }) });
  });

  it("refuses a coordinator of another hub, a plain member and a member of no hub, changing nothing", async () => {
    const joining = await memberOf(org.north1, { status: "pending" });
    await refused(() => approveHubMember(southCoordinator.id, joining.id, prisma), "forbidden");
    await refused(() => declineHubMember(southCoordinator.id, { memberId: joining.id, reason: "Not in our hub at all." }, prisma), "forbidden");
    await refused(() => approveHubMember(plain.id, joining.id, prisma), "forbidden");
    // A member of no hub: only an admin may approve them.
    const loose = await memberOf(org.loose, { status: "pending" });
    await refused(() => approveHubMember(northCoordinator.id, loose.id, prisma), "forbidden");
    await approveHubMember(admin.id, loose.id, prisma);
    // The admin-only approval still refuses a coordinator.
    await refused(() => approveMember(northCoordinator.id, joining.id, prisma), "forbidden");
  });

  it("loses their say when they move to an organisation outside the hub", async () => {
    const mover = await memberOf(org.north1, { name: "Mo Mover" });
    await addCoordinator(admin.id, { hubId: north, email: mover.email }, prisma);
    await prisma.user.update({ where: { id: mover.id }, data: { organisationId: org.south } });
    const joining = await memberOf(org.north1, { status: "pending" });
    await refused(() => approveHubMember(mover.id, joining.id, prisma), "forbidden");
    expect(await hubsCoordinatedBy(mover.id, prisma)).toEqual([]);
  });

  it("declines a member of their hub with a reason the member reads", async () => {
    const joining = await memberOf(org.north1, { status: "pending" });
    await refused(() => declineHubMember(northCoordinator.id, { memberId: joining.id, reason: "no" }, prisma), "invalid", ["reason"]);
    await declineHubMember(northCoordinator.id, { memberId: joining.id, reason: "Please say which team you work in." }, prisma);
    const n = await prisma.notification.findFirstOrThrow({ where: { memberId: joining.id, kind: "member.declined" } });
    expect(n.body).toContain("A coordinator of your hub");
    expect(n.body).toContain("Please say which team you work in.");
  });

  it("shows a hub's page to its coordinators and admins, and to no one else", async () => {
    const page = await hubForCoordinator({ id: northCoordinator.id, role: "member" }, north, prisma);
    expect(page).toMatchObject({ name: "North Coast Partnership", viewerIs: "coordinator" });
    expect(page!.months).toHaveLength(12);
    expect(page!.organisations).toHaveLength(2);
    expect(page!.coordinators).toContain("Nell North");
    expect(await hubForCoordinator({ id: admin.id, role: "admin" }, north, prisma)).toMatchObject({ viewerIs: "admin" });
    expect(await hubForCoordinator({ id: southCoordinator.id, role: "member" }, north, prisma)).toBeNull();
    expect(await hubForCoordinator({ id: plain.id, role: "member" }, north, prisma)).toBeNull();
    expect(await hubForCoordinator({ id: northCoordinator.id, role: "member" }, "not-a-uuid", prisma)).toBeNull();
  });
});

describe("browse limited to one hub", () => {
  it("lists only the open listings of the hub's members", async () => {
    const skill = await createSkill(prisma, "Driver diagrams");
    const north = (await prisma.hub.findUniqueOrThrow({ where: { name: "North Coast Partnership" } })).id;
    const inside = await memberOf(org.north2);
    const outside = await memberOf(org.south);
    const listing = (ownerId: string, title: string) =>
      prisma.listing.create({ data: { kind: "offer", ownerId, title, description: "For the hub browse test", skillId: skill.id, estimatedMinutes: 60 } });
    await listing(inside.id, "Driver diagrams in the north");
    await listing(outside.id, "Driver diagrams in the south");
    const result = await searchListings(parseBrowseParams({ hub: north, skill: skill.id }), prisma);
    expect(result.listings.map((l) => l.title)).toEqual(["Driver diagrams in the north"]);
    const all = await searchListings(parseBrowseParams({ skill: skill.id }), prisma);
    expect(all.listings).toHaveLength(2);
    const none = await searchListings(parseBrowseParams({ hub: randomUUID(), skill: skill.id }), prisma);
    expect(none.total).toBe(0);
  });
});
