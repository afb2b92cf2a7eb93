// Campaigns (issue 8): admins start bank-wide or hub campaigns and a hub's coordinators start their
// own hub's; members join, tag offers and requests to them and give hours to their pools; the
// organisers, the hub's coordinators and admins spend a pool on the campaign's open requests.
// Every action for every kind of caller; every refusal changes nothing; progress is exactly the
// confirmed minutes; the ledger stays balanced.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { phaseOf } from "../../lib/campaigns/campaign";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { donateToCampaign } from "../../lib/campaigns/donate-to-campaign";
import { joinCampaign } from "../../lib/campaigns/join-campaign";
import { leaveCampaign } from "../../lib/campaigns/leave-campaign";
import { campaignChoices, campaignHubChoices, getCampaignForEdit, getCampaignPage, listCampaigns, weeklyBars } from "../../lib/campaigns/queries";
import { spendCampaignPool } from "../../lib/campaigns/spend-campaign-pool";
import { updateCampaign } from "../../lib/campaigns/update-campaign";
import type { AppErrorCode } from "../../lib/errors";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { thankExchange } from "../../lib/exchanges/thank-exchange";
import { reconcile, reverse, trialBalance, verifyChain } from "../../lib/ledger";
import { createListing } from "../../lib/listings/create-listing";
import { bankToday } from "../../lib/listings/rules";
import { updateListing } from "../../lib/listings/update-listing";
import { isoDay } from "../../lib/format/date";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();

const DAY = 86_400_000;
const day = (offset: number) => isoDay(new Date(bankToday().getTime() + offset * DAY));

let admin: TestMember;
let plain: TestMember;
let pending: TestMember;
let suspended: TestMember;
let northCoordinator: TestMember;
let southCoordinator: TestMember;
let northMember: TestMember;
let northMember2: TestMember;
let southMember: TestMember;
let skillA: string;
let skillB: string;
let north: string;
let south: string;

/** Everything a campaign write touches: a refused call leaves it as it was. */
async function campaignState() {
  return {
    campaigns: await prisma.campaign.findMany({ orderBy: { id: "asc" } }),
    skills: await prisma.campaignSkill.findMany({ orderBy: [{ campaignId: "asc" }, { skillId: "asc" }] }),
    organisers: await prisma.campaignOrganiser.findMany({ orderBy: [{ campaignId: "asc" }, { memberId: "asc" }] }),
    members: await prisma.campaignMember.findMany({ orderBy: [{ campaignId: "asc" }, { memberId: "asc" }] }),
    spends: await prisma.campaignSpend.count(),
    accounts: await prisma.ledgerAccount.findMany({ select: { id: true, balanceMinutes: true }, orderBy: { id: "asc" } }),
    listings: await prisma.listing.findMany({ select: { id: true, campaignId: true }, orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count({ where: { action: { startsWith: "campaign." } } }),
  };
}

/** Refused with this code (and errors on these fields), with nothing changed anywhere. */
async function refused(attempt: () => Promise<unknown>, code: AppErrorCode, fields?: string[]) {
  const err = await expectRefusal(prisma, attempt, { code, unchanged: campaignState });
  if (fields) expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
  return err;
}

async function memberOf(organisationId: string, options: Parameters<typeof createMember>[1] = {}): Promise<TestMember> {
  const m = await createMember(prisma, { balanceMinutes: 600, ...options });
  await prisma.user.update({ where: { id: m.id }, data: { organisationId } });
  return m;
}

function fields(overrides: Record<string, unknown> = {}) {
  return {
    title: "Home for lunch",
    aim: "Patients who are ready go home before noon.",
    whyItMatters: "Every extra night in hospital costs older patients their strength.",
    startsOn: day(-14),
    endsOn: day(60),
    targetHours: "40",
    skillIds: [skillA, skillB],
    organiserEmails: northMember.email,
    ...overrides,
  };
}

async function ledgerIsBalanced() {
  expect(await reconcile(prisma)).toEqual([]);
  expect(await verifyChain(prisma)).toEqual([]);
  expect((await trialBalance(prisma)).totalMinutes).toBe(0);
}

/** A confirmed exchange of `minutes` on `listingId` (a request: the helper proposes and gives). */
async function exchangeOn(listingId: string, owner: TestMember, helper: TestMember, minutes: number, notes?: { thanks: string; learned?: string }) {
  const { id } = await proposeExchange(helper.id, { listingId, minutes, requestKey: randomUUID() }, prisma);
  await acceptExchange(owner.id, { exchangeId: id }, prisma);
  await deliverExchange(helper.id, { exchangeId: id, minutesGiven: minutes }, prisma);
  await confirmExchange(owner.id, { exchangeId: id }, prisma);
  if (notes) await thankExchange(owner.id, { exchangeId: id, ...notes }, prisma);
  return id;
}

function request(owner: TestMember, campaignId: string | null, title = "Map our discharge process") {
  return createListing(owner.id, { kind: "request", title, description: "Two hours with the ward team.", skillId: skillA, estimatedMinutes: 120, campaignId }, prisma);
}

beforeAll(async () => {
  admin = await createMember(prisma, { role: "admin", balanceMinutes: 600 });
  plain = await createMember(prisma, { balanceMinutes: 600 });
  pending = await createMember(prisma, { status: "pending" });
  suspended = await createMember(prisma, { status: "suspended" });
  skillA = (await createSkill(prisma)).id;
  skillB = (await createSkill(prisma)).id;
  const orgNorth = (await prisma.organisation.create({ data: { name: "North Trust", kind: "Acute trust" } })).id;
  const orgSouth = (await prisma.organisation.create({ data: { name: "South Trust", kind: "Acute trust" } })).id;
  north = (await prisma.hub.create({ data: { name: "North Hub", description: "The north's partnership.", organisations: { connect: { id: orgNorth } } } })).id;
  south = (await prisma.hub.create({ data: { name: "South Hub", description: "The south's partnership.", organisations: { connect: { id: orgSouth } } } })).id;
  northCoordinator = await memberOf(orgNorth, { name: "Nia North" });
  southCoordinator = await memberOf(orgSouth, { name: "Sol South" });
  await prisma.hubCoordinator.createMany({ data: [{ hubId: north, memberId: northCoordinator.id }, { hubId: south, memberId: southCoordinator.id }] });
  northMember = await memberOf(orgNorth, { name: "Olu Organiser" });
  northMember2 = await memberOf(orgNorth, { name: "Nell Northern" });
  southMember = await memberOf(orgSouth, { name: "Sam Southern" });
});

describe("starting a campaign", () => {
  it("lets an admin start a bank-wide campaign with its own pool, organisers joined, audited", async () => {
    const { id } = await createCampaign(admin.id, fields({ title: "Everyone's voice", hubId: "", organiserEmails: `${southMember.email.toUpperCase()}, ${northMember.email}` }), prisma);
    const c = await prisma.campaign.findUniqueOrThrow({ where: { id }, include: { poolAccount: true, organisers: true, members: true, skills: true } });
    expect(c).toMatchObject({ hubId: null, targetMinutes: 2400, title: "Everyone's voice" });
    expect(c.poolAccount).toMatchObject({ kind: "pool", floorMinutes: 0, balanceMinutes: 0, code: `campaign:${id}` });
    expect(c.organisers.map((o) => o.memberId).sort()).toEqual([southMember.id, northMember.id].sort());
    expect(c.members.map((o) => o.memberId).sort()).toEqual([southMember.id, northMember.id].sort());
    expect(c.skills).toHaveLength(2);
    expect(await prisma.auditLog.count({ where: { action: "campaign.create", targetId: id, actorId: admin.id } })).toBe(1);
  });

  it("lets an admin, and that hub's coordinator, start a hub's campaign", async () => {
    await expect(createCampaign(admin.id, fields({ title: "Greener theatres", hubId: south, organiserEmails: southMember.email }), prisma)).resolves.toHaveProperty("id");
    const { id } = await createCampaign(northCoordinator.id, fields({ hubId: north }), prisma);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id } })).hubId).toBe(north);
  });

  it("refuses a coordinator of another hub, a coordinator starting a bank-wide one, members, pending and suspended members", async () => {
    await refused(() => createCampaign(southCoordinator.id, fields({ hubId: north }), prisma), "forbidden");
    await refused(() => createCampaign(northCoordinator.id, fields({ hubId: "" }), prisma), "forbidden");
    await refused(() => createCampaign(plain.id, fields({ hubId: north }), prisma), "forbidden");
    await refused(() => createCampaign(northMember.id, fields({ hubId: north }), prisma), "forbidden");
    await refused(() => createCampaign(pending.id, fields({ hubId: "" }), prisma), "forbidden");
    await refused(() => createCampaign(suspended.id, fields({ hubId: "" }), prisma), "forbidden");
  });

  it("refuses bad input with a message on each field, changing nothing", async () => {
    await refused(() => createCampaign(admin.id, fields({ hubId: "", title: "ab", aim: "", targetHours: "1.5", skillIds: [] }), prisma), "invalid", ["title", "aim", "targetHours", "skillIds"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", startsOn: day(5), endsOn: day(4) }), prisma), "invalid", ["endsOn"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", startsOn: day(-30), endsOn: day(-1) }), prisma), "invalid", ["endsOn"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", startsOn: "2027-02-30" }), prisma), "invalid", ["startsOn"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", endsOn: "__proto__" }), prisma), "invalid", ["endsOn"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", targetHours: "100001" }), prisma), "invalid", ["targetHours"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: randomUUID() }), prisma), "invalid", ["hubId"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", skillIds: [randomUUID()] }), prisma), "invalid", ["skillIds"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", organiserEmails: "nobody@nowhere.invalid" }), prisma), "invalid", ["organiserEmails"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", organiserEmails: "not an address" }), prisma), "invalid", ["organiserEmails"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", organiserEmails: "" }), prisma), "invalid", ["organiserEmails"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", organiserEmails: pending.email }), prisma), "invalid", ["organiserEmails"]);
    // A hub's campaign is organised by members of that hub.
    await refused(() => createCampaign(admin.id, fields({ hubId: north, organiserEmails: southMember.email }), prisma), "invalid", ["organiserEmails"]);
    await refused(() => createCampaign(admin.id, fields({ hubId: "", title: "Bell\u0007 rings" }), prisma), "invalid", ["title"]);
  });

  it("returns the first campaign for a resubmitted form", async () => {
    const requestKey = randomUUID();
    const first = await createCampaign(admin.id, fields({ hubId: "", title: "Twice sent", requestKey }), prisma);
    const again = await createCampaign(admin.id, fields({ hubId: "", title: "Twice sent", requestKey }), prisma);
    expect(again.id).toBe(first.id);
    expect(await prisma.campaign.count({ where: { title: "Twice sent" } })).toBe(1);
    await refused(() => createCampaign(northCoordinator.id, fields({ hubId: north, requestKey }), prisma), "conflict");
  });
});

describe("editing a campaign", () => {
  let hubCampaign: string;
  beforeAll(async () => {
    hubCampaign = (await createCampaign(northCoordinator.id, fields({ hubId: north, title: "North edit" }), prisma)).id;
  });

  it("lets that hub's coordinator and admins edit it; organisers change, and are joined", async () => {
    await updateCampaign(northCoordinator.id, { ...fields({ title: "North edited", organiserIds: [northMember.id], organiserEmails: northMember2.email }), campaignId: hubCampaign }, prisma);
    expect((await prisma.campaignOrganiser.findMany({ where: { campaignId: hubCampaign } })).map((o) => o.memberId).sort()).toEqual([northMember.id, northMember2.id].sort());
    await updateCampaign(admin.id, { ...fields({ title: "North edited again", targetHours: "50", organiserIds: [northMember2.id], organiserEmails: "" }), campaignId: hubCampaign }, prisma);
    const c = await prisma.campaign.findUniqueOrThrow({ where: { id: hubCampaign }, include: { organisers: true } });
    expect(c).toMatchObject({ title: "North edited again", targetMinutes: 3000 });
    expect(c.organisers.map((o) => o.memberId)).toEqual([northMember2.id]);
    expect(await prisma.auditLog.count({ where: { action: "campaign.update", targetId: hubCampaign } })).toBe(2);
    expect(await getCampaignForEdit(hubCampaign, { id: northCoordinator.id, role: "member", active: true }, prisma)).toMatchObject({ title: "North edited again" });
    expect(await getCampaignForEdit(hubCampaign, { id: southCoordinator.id, role: "member", active: true }, prisma)).toBeNull();
  });

  it("refuses a coordinator of another hub, organisers, members, pending and suspended members, and bad input", async () => {
    const input = { ...fields({ organiserIds: [northMember2.id], organiserEmails: "" }), campaignId: hubCampaign };
    await refused(() => updateCampaign(southCoordinator.id, input, prisma), "forbidden");
    await refused(() => updateCampaign(northMember2.id, input, prisma), "forbidden");
    await refused(() => updateCampaign(plain.id, input, prisma), "forbidden");
    await refused(() => updateCampaign(pending.id, input, prisma), "forbidden");
    await refused(() => updateCampaign(suspended.id, input, prisma), "forbidden");
    await refused(() => updateCampaign(admin.id, { ...input, campaignId: randomUUID() }, prisma), "not_found");
    await refused(() => updateCampaign(admin.id, { ...input, campaignId: "nope" }, prisma), "invalid", ["campaignId"]);
    await refused(() => updateCampaign(admin.id, { ...input, whyItMatters: "x".repeat(2001) }, prisma), "invalid", ["whyItMatters"]);
    await refused(() => updateCampaign(admin.id, { ...input, organiserIds: [southMember.id] }, prisma), "invalid", ["organiserIds"]);
  });

  it("lets only admins edit a bank-wide campaign", async () => {
    const { id } = await createCampaign(admin.id, fields({ hubId: "", title: "Bank-wide edit" }), prisma);
    await refused(() => updateCampaign(northCoordinator.id, { ...fields(), campaignId: id }, prisma), "forbidden");
    await expect(updateCampaign(admin.id, { ...fields({ title: "Bank-wide edited" }), campaignId: id }, prisma)).resolves.toEqual({ id });
  });
});

describe("joining and leaving", () => {
  let campaign: string;
  beforeAll(async () => {
    campaign = (await createCampaign(northCoordinator.id, fields({ hubId: north, title: "Join me" }), prisma)).id;
  });

  it("lets any active member join, from any hub, once", async () => {
    await expect(joinCampaign(southMember.id, { campaignId: campaign }, prisma)).resolves.toEqual({ joined: true });
    await expect(joinCampaign(southMember.id, { campaignId: campaign }, prisma)).resolves.toEqual({ joined: false });
    await expect(joinCampaign(admin.id, { campaignId: campaign }, prisma)).resolves.toEqual({ joined: true });
    expect(await prisma.campaignMember.count({ where: { campaignId: campaign } })).toBe(3);
  });

  it("lets a member leave; leaving one not joined changes nothing; an organiser stays", async () => {
    await expect(leaveCampaign(southMember.id, { campaignId: campaign }, prisma)).resolves.toEqual({ left: true });
    await expect(leaveCampaign(plain.id, { campaignId: campaign }, prisma)).resolves.toEqual({ left: false });
    await refused(() => leaveCampaign(northMember.id, { campaignId: campaign }, prisma), "conflict");
  });

  it("refuses pending and suspended members, unknown campaigns, and joining a finished one", async () => {
    await refused(() => joinCampaign(pending.id, { campaignId: campaign }, prisma), "forbidden");
    await refused(() => joinCampaign(suspended.id, { campaignId: campaign }, prisma), "forbidden");
    await refused(() => leaveCampaign(suspended.id, { campaignId: campaign }, prisma), "forbidden");
    await refused(() => joinCampaign(plain.id, { campaignId: randomUUID() }, prisma), "not_found");
    await refused(() => joinCampaign(plain.id, { campaignId: "<script>" }, prisma), "invalid", ["campaignId"]);
    const { id } = await createCampaign(admin.id, fields({ hubId: "", title: "Over soon" }), prisma);
    await updateCampaign(admin.id, { ...fields({ startsOn: day(-60), endsOn: day(-1) }), campaignId: id }, prisma);
    await refused(() => joinCampaign(plain.id, { campaignId: id }, prisma), "conflict");
  });
});

describe("tagging offers and requests, and progress", () => {
  let campaign: string;
  beforeAll(async () => {
    campaign = (await createCampaign(admin.id, fields({ hubId: north, title: "Progress", targetHours: "10" }), prisma)).id;
  });

  it("tags requests and offers to a campaign that has not finished, and keeps a finished one on edit", async () => {
    const r = await request(plain, campaign);
    expect(r.campaignId).toBe(campaign);
    const offer = await createListing(southMember.id, { kind: "offer", title: "Run charts for your ward", description: "An hour on run charts.", skillId: skillB, estimatedMinutes: 60, campaignId: campaign }, prisma);
    expect(offer.campaignId).toBe(campaign);
    const { id: over } = await createCampaign(admin.id, fields({ hubId: "", title: "Finished soon" }), prisma);
    const tagged = await request(plain, over, "Tagged before it ended");
    await updateCampaign(admin.id, { ...fields({ startsOn: day(-60), endsOn: day(-1) }), campaignId: over }, prisma);
    await refused(() => request(plain, over, "Too late"), "invalid", ["campaignId"]);
    await refused(() => request(plain, randomUUID(), "No such campaign"), "invalid", ["campaignId"]);
    const edit = { listingId: tagged.id, title: "Tagged, edited", description: "Two hours with the ward team.", skillId: skillA, estimatedMinutes: 120 };
    await expect(updateListing(plain.id, { ...edit, campaignId: over }, prisma)).resolves.toMatchObject({ campaignId: over });
    await expect(updateListing(plain.id, edit, prisma)).resolves.toMatchObject({ campaignId: over });
    await expect(updateListing(plain.id, { ...edit, campaignId: "" }, prisma)).resolves.toMatchObject({ campaignId: null });
    await refused(() => updateListing(plain.id, { ...edit, campaignId: over }, prisma), "invalid", ["campaignId"]);
    expect((await campaignChoices(null, prisma)).map((c) => c.id)).not.toContain(over);
    expect((await campaignChoices(over, prisma)).map((c) => c.id)).toContain(over);
  });

  it("counts exactly the confirmed minutes; a reversed transfer counts 0", async () => {
    const owner = await memberOf((await prisma.organisation.findFirstOrThrow({ where: { hubId: north } })).id);
    const helper = await createMember(prisma, { balanceMinutes: 0 });
    const r1 = await request(owner, campaign, "Facilitate a huddle");
    const r2 = await request(owner, campaign, "Count the discharges before noon");
    const untagged = await request(owner, null, "Not part of it");
    await exchangeOn(r1.id, owner, helper, 45, { thanks: "The huddle ran itself by week two.", learned: "Start with the board round." });
    const reversedExchange = await exchangeOn(r2.id, owner, helper, 30);
    await exchangeOn(untagged.id, owner, helper, 60);
    // Proposed but never confirmed: counts nothing.
    await proposeExchange(plain.id, { listingId: r2.id, minutes: 90, requestKey: randomUUID() }, prisma);
    let page = await getCampaignPage(campaign, null, prisma);
    expect(page!.progress).toMatchObject({ minutes: 75, exchanges: 2 });
    const transferId = (await prisma.exchange.findUniqueOrThrow({ where: { id: reversedExchange } })).transferId!;
    await reverse({ transferId, idempotencyKey: `test-reverse-${transferId}`, actorId: admin.id, memo: "Entered twice" }, prisma);
    page = await getCampaignPage(campaign, null, prisma);
    expect(page!.progress).toMatchObject({ minutes: 45, exchanges: 1 });
    // Members taking part: its organiser (joined), and the two parties of the exchange that counts.
    expect(page!.progress.participants).toBe(3);
    expect(page!.bars.reduce((s, b) => s + b.minutes, 0)).toBe(45);
    expect(page!.bars.at(-1)!.cumulativeMinutes).toBe(45);
    expect(page!.notes).toEqual([expect.objectContaining({ title: "Facilitate a huddle", minutes: 45, thanks: "The huddle ran itself by week two.", learned: "Start with the board round." })]);
    expect(page!.requests.map((r) => r.title)).toEqual(expect.arrayContaining(["Facilitate a huddle", "Count the discharges before noon", "Map our discharge process"]));
    expect(page!.offers.map((r) => r.title)).toEqual(["Run charts for your ward"]);
    await ledgerIsBalanced();
  });

  it("draws weeks from the start, grouping them when the campaign is long", () => {
    const start = new Date("2026-01-05T00:00:00Z");
    const { bars, weeksPerBar } = weeklyBars(start, new Date("2026-03-01T00:00:00Z"), [{ day: new Date("2026-01-01T00:00:00Z"), minutes: 30 }, { day: new Date("2026-01-13T00:00:00Z"), minutes: 60 }], new Date("2026-01-20T00:00:00Z"));
    expect(weeksPerBar).toBe(1);
    expect(bars.map((b) => [isoDay(b.from), b.minutes, b.cumulativeMinutes])).toEqual([
      ["2026-01-05", 30, 30],
      ["2026-01-12", 60, 90],
      ["2026-01-19", 0, 90],
    ]);
    const long = weeklyBars(start, new Date("2027-12-31T00:00:00Z"), [], new Date("2027-12-31T00:00:00Z"));
    expect(long.bars.length).toBeLessThanOrEqual(26);
    expect(long.weeksPerBar).toBe(4);
    expect(phaseOf({ startsOn: start, endsOn: start }, new Date("2026-01-04T00:00:00Z"))).toBe("upcoming");
    expect(phaseOf({ startsOn: start, endsOn: start }, start)).toBe("running");
    expect(phaseOf({ startsOn: start, endsOn: start }, new Date("2026-01-06T00:00:00Z"))).toBe("finished");
  });
});

describe("the campaign pool", () => {
  let campaign: string;
  let poolAccountId: number;
  let r: { id: string };
  let owner: TestMember;
  beforeAll(async () => {
    campaign = (await createCampaign(northCoordinator.id, fields({ hubId: north, title: "Pooled" }), prisma)).id;
    poolAccountId = (await prisma.campaign.findUniqueOrThrow({ where: { id: campaign } })).poolAccountId;
    owner = await createMember(prisma, { balanceMinutes: 0 });
    r = await request(owner, campaign, "Help us test a discharge checklist");
  });
  const pool = async () => (await prisma.ledgerAccount.findUniqueOrThrow({ where: { id: poolAccountId } })).balanceMinutes;

  it("takes donations from any active member's own hours, once per form, keeping the books balanced", async () => {
    const before = await trialBalance(prisma);
    const requestKey = randomUUID();
    await donateToCampaign(plain.id, { campaignId: campaign, hours: "1", mins: "30", requestKey }, prisma);
    await expect(donateToCampaign(plain.id, { campaignId: campaign, hours: "1", mins: "30", requestKey }, prisma)).resolves.toMatchObject({ replayed: true });
    await donateToCampaign(southCoordinator.id, { campaignId: campaign, minutes: 60, note: "From the south", requestKey: randomUUID() }, prisma);
    expect(await pool()).toBe(150);
    expect((await balanceOf(prisma, plain.id)).balanceMinutes).toBe(510);
    const t = await prisma.ledgerTransfer.findFirstOrThrow({ where: { creditAccountId: poolAccountId, memo: "From the south" } });
    expect(t.kind).toBe("donation");
    const after = await trialBalance(prisma);
    expect(after.totalMinutes).toBe(0);
    expect(after.memberMinutes).toBe(before.memberMinutes);
    await ledgerIsBalanced();
  });

  it("refuses more than the giver has, pending and suspended givers, bad input and a finished campaign", async () => {
    const poor = await createMember(prisma, { balanceMinutes: 30 });
    await refused(() => donateToCampaign(poor.id, { campaignId: campaign, minutes: 60, requestKey: randomUUID() }, prisma), "below_floor");
    await refused(() => donateToCampaign(pending.id, { campaignId: campaign, minutes: 60, requestKey: randomUUID() }, prisma), "forbidden");
    await refused(() => donateToCampaign(suspended.id, { campaignId: campaign, minutes: 60, requestKey: randomUUID() }, prisma), "forbidden");
    await refused(() => donateToCampaign(plain.id, { campaignId: campaign, minutes: 5, requestKey: randomUUID() }, prisma), "invalid", ["minutes"]);
    await refused(() => donateToCampaign(plain.id, { campaignId: campaign, minutes: 60 }, prisma), "invalid", ["requestKey"]);
    await refused(() => donateToCampaign(plain.id, { campaignId: randomUUID(), minutes: 60, requestKey: randomUUID() }, prisma), "not_found");
    const { id: over } = await createCampaign(admin.id, fields({ hubId: "", title: "Pool closed" }), prisma);
    await updateCampaign(admin.id, { ...fields({ startsOn: day(-60), endsOn: day(-1) }), campaignId: over }, prisma);
    await refused(() => donateToCampaign(plain.id, { campaignId: over, minutes: 60, requestKey: randomUUID() }, prisma), "conflict");
  });

  it("lets an organiser, the hub's coordinator and an admin pay the pool to a campaign request's owner", async () => {
    const before = (await balanceOf(prisma, owner.id)).balanceMinutes;
    await spendCampaignPool(northMember.id, { campaignId: campaign, listingId: r.id, minutes: 30, requestKey: randomUUID() }, prisma);
    await spendCampaignPool(northCoordinator.id, { campaignId: campaign, listingId: r.id, minutes: 30, note: "For the checklist", requestKey: randomUUID() }, prisma);
    const key = randomUUID();
    await spendCampaignPool(admin.id, { campaignId: campaign, listingId: r.id, hours: "0", mins: "15", requestKey: key }, prisma);
    await expect(spendCampaignPool(admin.id, { campaignId: campaign, listingId: r.id, minutes: 15, requestKey: key }, prisma)).resolves.toMatchObject({ replayed: true });
    expect(await pool()).toBe(75);
    expect((await balanceOf(prisma, owner.id)).balanceMinutes).toBe(before + 75);
    expect(await prisma.campaignSpend.count({ where: { campaignId: campaign } })).toBe(3);
    const audited = await prisma.auditLog.findMany({ where: { action: "campaign.spend", targetId: campaign }, orderBy: { id: "asc" } });
    expect(audited.map((a) => (a.details as { as: string }).as)).toEqual(["organiser", "coordinator", "admin"]);
    const t = await prisma.ledgerTransfer.findFirstOrThrow({ where: { debitAccountId: poolAccountId }, orderBy: { id: "asc" } });
    expect(t.kind).toBe("donation");
    expect(t.memo).toContain("Pooled");
    expect(t.memo).toContain("Help us test a discharge checklist");
    expect(await prisma.notification.count({ where: { memberId: owner.id, kind: "donation.received" } })).toBe(3);
    const page = await getCampaignPage(campaign, { id: plain.id, role: "member", active: true }, prisma);
    expect(page!.pool.balanceMinutes).toBe(75);
    expect(page!.pool.movements.map((m) => [m.direction, m.minutes])).toEqual([["out", 15], ["out", 30], ["out", 30], ["in", 60], ["in", 90]]);
    expect(page!.pool.movements[0]!.requestTitle).toBe("Help us test a discharge checklist");
    expect(page!.viewer).toMatchObject({ canSpend: false, canManage: false });
    expect((await getCampaignPage(campaign, { id: northMember.id, role: "member", active: true }, prisma))!.viewer).toMatchObject({ organiser: true, canSpend: true, canManage: false });
    expect((await getCampaignPage(campaign, null, prisma))!.pool.movements[0]!.memberFirstName).toBeNull();
    await ledgerIsBalanced();
  });

  it("refuses more than the pool holds, with nothing changed", async () => {
    const err = await refused(() => spendCampaignPool(admin.id, { campaignId: campaign, listingId: r.id, minutes: 90, requestKey: randomUUID() }, prisma), "below_floor");
    expect(err.message).toMatch(/The pool holds 1 h 15 min/);
    expect(await pool()).toBe(75);
  });

  it("refuses a coordinator of another hub, members, pending and suspended organisers", async () => {
    const spend = (actor: TestMember) => () => spendCampaignPool(actor.id, { campaignId: campaign, listingId: r.id, minutes: 15, requestKey: randomUUID() }, prisma);
    await refused(spend(southCoordinator), "forbidden");
    await refused(spend(plain), "forbidden");
    await refused(spend(northMember2), "forbidden");
    await prisma.user.update({ where: { id: northMember.id }, data: { status: "suspended" } });
    await refused(spend(northMember), "forbidden");
    await prisma.user.update({ where: { id: northMember.id }, data: { status: "active" } });
  });

  it("pays only open requests of this campaign, never to the one paying", async () => {
    const spend = (listingId: string, actor = admin) => () => spendCampaignPool(actor.id, { campaignId: campaign, listingId, minutes: 15, requestKey: randomUUID() }, prisma);
    const elsewhere = await request(owner, null, "Not in the campaign");
    await refused(spend(elsewhere.id), "invalid", ["listingId"]);
    const offer = await createListing(owner.id, { kind: "offer", title: "An offer for the campaign", description: "An hour on run charts.", skillId: skillB, estimatedMinutes: 60, campaignId: campaign }, prisma);
    await refused(spend(offer.id), "invalid", ["listingId"]);
    await refused(spend(randomUUID()), "invalid", ["listingId"]);
    const own = await request(northMember, campaign, "The organiser's own request");
    await refused(spend(own.id, northMember), "invalid", ["listingId"]);
    const closed = await request(owner, campaign, "Closed already");
    await prisma.listing.update({ where: { id: closed.id }, data: { status: "closed" } });
    await refused(spend(closed.id), "invalid", ["listingId"]);
    await refused(() => spendCampaignPool(admin.id, { campaignId: campaign, listingId: r.id, minutes: 0, requestKey: randomUUID() }, prisma), "invalid", ["minutes"]);
    await ledgerIsBalanced();
  });
});

describe("lists and choices", () => {
  it("lists running campaigns first, then upcoming, then finished, marking my hub's and the ones I joined", async () => {
    const { id: upcoming } = await createCampaign(admin.id, fields({ hubId: north, title: "Not yet", startsOn: day(10), endsOn: day(40) }), prisma);
    const list = await listCampaigns(northMember.id, {}, prisma);
    const phases = list.map((c) => c.phase);
    expect(phases.indexOf("finished")).toBeGreaterThan(phases.lastIndexOf("upcoming"));
    expect(phases.indexOf("upcoming")).toBeGreaterThan(phases.lastIndexOf("running"));
    const mine = list.find((c) => c.id === upcoming)!;
    expect(mine).toMatchObject({ phase: "upcoming", myHub: true, joined: true });
    expect((await listCampaigns(southMember.id, {}, prisma)).find((c) => c.id === upcoming)).toMatchObject({ myHub: false, joined: false });
    expect((await listCampaigns(null, { hubId: south }, prisma)).every((c) => c.hub?.id === south)).toBe(true);
  });

  it("offers admins every hub and the whole bank, and a coordinator their own hub only", async () => {
    expect((await campaignHubChoices({ id: admin.id, role: "admin", active: true }, prisma)).map((h) => h.name)).toEqual(["The whole bank", "North Hub", "South Hub"]);
    expect(await campaignHubChoices({ id: northCoordinator.id, role: "member", active: true }, prisma)).toEqual([{ id: north, name: "North Hub" }]);
    expect(await campaignHubChoices({ id: plain.id, role: "member", active: true }, prisma)).toEqual([]);
  });
});
