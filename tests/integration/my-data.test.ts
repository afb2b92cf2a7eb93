// "Download my data" and the public profile: my own data in full, other members by first name
// only, never another member's email.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hold, postHold } from "../../lib/ledger";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { donateToCampaign } from "../../lib/campaigns/donate-to-campaign";
import { spendCampaignPool } from "../../lib/campaigns/spend-campaign-pool";
import { isoDay } from "../../lib/format/date";
import { createListing } from "../../lib/listings/create-listing";
import { bankToday } from "../../lib/listings/rules";
import { donateHours } from "../../lib/members/donate-hours";
import { exportMyData } from "../../lib/members/my-data";
import { getPublicProfile } from "../../lib/members/queries";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, type TestMember } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma, "Process mapping");

async function confirmedExchange(provider: TestMember, payer: TestMember, minutes: number, notes: { thanksNote?: string; learnedNote?: string } = {}) {
  const id = randomUUID();
  const h = await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: minutes, idempotencyKey: randomUUID(), exchangeId: id }, prisma);
  const t = await postHold({ holdId: h.holdId, idempotencyKey: randomUUID() }, prisma);
  return prisma.exchange.create({
    data: {
      id,
      providerId: provider.id,
      payerId: payer.id,
      proposedById: payer.id,
      state: "confirmed",
      title: "Mapping the discharge pathway",
      agreedMinutes: minutes,
      holdId: h.holdId,
      transferId: t.transferId,
      confirmedAt: new Date(),
      thankedAt: notes.thanksNote ? new Date() : null,
      ...notes,
    },
  });
}

describe("exportMyData", () => {
  it("contains my profile, listings, exchanges, messages, notifications and ledger, and no other member's email", async () => {
    const me = await createMember(prisma, { name: "Nadia Khan", balanceMinutes: 300 });
    const other = await createMember(prisma, { name: "Oliver Twist-Smith", balanceMinutes: 300 });
    await prisma.user.update({ where: { id: me.id }, data: { skills: { create: { skillId: skill.id } }, tags: ["flow"] } });
    await prisma.listing.create({ data: { kind: "offer", ownerId: me.id, title: "Process mapping help", description: "Two hours of mapping.", skillId: skill.id, estimatedMinutes: 120 } });
    await prisma.listing.create({ data: { kind: "offer", ownerId: other.id, title: "Someone else's offer", description: "Not mine at all.", skillId: skill.id, estimatedMinutes: 60 } });
    const ex = await confirmedExchange(me, other, 60, { thanksNote: "Brilliant session" });
    await prisma.message.create({ data: { exchangeId: ex.id, senderId: other.id, body: "See you Tuesday" } });
    await prisma.message.create({ data: { exchangeId: ex.id, senderId: me.id, body: "Looking forward to it" } });
    await donateHours(other.id, { to: me.id, minutes: 30, requestKey: randomUUID() }, prisma);
    await prisma.auditLog.create({ data: { actorId: me.id, action: "test.action" } });

    const data = (await exportMyData(me.id, prisma))!;
    const json = JSON.stringify(data);
    expect(json).toContain(me.email);
    expect(json).not.toContain(other.email);
    expect(json).not.toContain("Twist-Smith");
    expect(json).not.toContain("Someone else's offer");

    expect(data.profile).toMatchObject({ id: me.id, name: "Nadia Khan", email: me.email, tags: ["flow"] });
    expect(data.skills).toEqual([expect.objectContaining({ name: "Process mapping" })]);
    expect(data.listings).toEqual([expect.objectContaining({ title: "Process mapping help" })]);
    expect(data.exchanges).toEqual([expect.objectContaining({ id: ex.id, myRole: "provider", otherPartyFirstName: "Oliver", thanksNote: "Brilliant session" })]);
    expect(data.messages).toEqual([
      expect.objectContaining({ body: "See you Tuesday", from: "Oliver", sentByMe: false }),
      expect.objectContaining({ body: "Looking forward to it", from: "you", sentByMe: true }),
    ]);
    expect(data.notifications).toEqual([expect.objectContaining({ kind: "donation.received" })]);
    const ledger = data.ledger as { account: { balanceMinutes: number }; entries: unknown[]; transfers: { direction: string }[] };
    expect(ledger.account.balanceMinutes).toBe(390);
    expect(ledger.entries).toHaveLength(3);
    expect(ledger.transfers.map((t) => t.direction)).toEqual(["in", "in", "in"]);
    expect(data.auditLog).toEqual([expect.objectContaining({ action: "test.action" })]);
  });

  it("contains my projects with their cycles, the projects I follow, reports of excellence both ways and my certificates, others by first name", async () => {
    const me = await createMember(prisma, { name: "Priya Natarajan" });
    const other = await createMember(prisma, { name: "Gareth Llewellyn-Jones" });
    const mine = await prisma.project.create({
      data: { ownerId: me.id, title: "Discharge before noon", aim: "Half of discharges before noon by June.", measures: "Discharge times", setting: "Ward 7", stage: "understand" },
    });
    await prisma.projectStageChange.createMany({
      data: [
        { projectId: mine.id, toStage: "identify", changedById: me.id },
        { projectId: mine.id, fromStage: "identify", toStage: "understand", changedById: me.id, note: "Mapped the pathway" },
      ],
    });
    await prisma.pdsaCycle.create({ data: { projectId: mine.id, number: 1, title: "Board round at 9", plan: "Try it for a week", prediction: "Earlier decisions", authorId: me.id } });
    const theirs = await prisma.project.create({
      data: { ownerId: other.id, title: "Sepsis six", aim: "Antibiotics within the hour for all.", measures: "Minutes", setting: "ED", stage: "identify" },
    });
    await prisma.projectFollower.create({ data: { projectId: theirs.id, memberId: me.id } });
    await prisma.excellenceReport.create({
      data: { authorId: me.id, recipientId: other.id, whatTheyDid: "Built our first SPC chart with us.", whyItMattered: "We saw the change was real.", themes: ["measurement"] },
    });
    await prisma.excellenceReport.create({
      data: { authorId: other.id, recipientId: me.id, whatTheyDid: "Ran a calm, clear mapping session.", whyItMattered: "The whole team joined in.", themes: ["teamwork", "leadership"], shownOnProfile: true },
    });
    await prisma.certificate.create({
      data: { code: "ABCD-EFGH-JKLM", memberId: me.id, memberName: "Priya Natarajan", periodStart: new Date("2026-04-01"), periodEnd: new Date("2027-03-31"), minutesGiven: 90, exchangeCount: 2 },
    });

    const data = (await exportMyData(me.id, prisma))!;
    const json = JSON.stringify(data);
    expect(json).not.toContain(other.email);
    expect(json).not.toContain("Llewellyn-Jones");
    expect(data.projects).toEqual([
      expect.objectContaining({
        title: "Discharge before noon",
        stage: "understand",
        stageChanges: [expect.objectContaining({ toStage: "identify" }), expect.objectContaining({ toStage: "understand", note: "Mapped the pathway" })],
        cycles: [expect.objectContaining({ number: 1, title: "Board round at 9" })],
      }),
    ]);
    expect(data.projectsFollowed).toEqual([expect.objectContaining({ projectId: theirs.id, title: "Sepsis six" })]);
    expect(data.excellenceWritten).toEqual([expect.objectContaining({ recipientFirstName: "Gareth", themes: ["measurement"] })]);
    expect(data.excellenceReceived).toEqual([expect.objectContaining({ authorFirstName: "Gareth", shownOnProfile: true, themes: ["teamwork", "leadership"] })]);
    expect(data.certificates).toEqual([expect.objectContaining({ code: "ABCD-EFGH-JKLM", minutesGiven: 90, periodStart: "2026-04-01T00:00:00.000Z" })]);
  });

  it("contains the campaigns I joined and organise, the hours I gave to their pools and what I paid from them", async () => {
    const me = await createMember(prisma, { name: "Olu Adeyemi", role: "admin", balanceMinutes: 300 });
    const other = await createMember(prisma, { name: "Gareth Llewellyn-Jones" });
    const today = isoDay(bankToday());
    const inAMonth = isoDay(new Date(bankToday().getTime() + 30 * 86_400_000));
    const { id: campaignId } = await createCampaign(
      me.id,
      { title: "Home for lunch", aim: "Patients go home before noon.", whyItMatters: "Every extra night costs older patients.", startsOn: today, endsOn: inAMonth, targetHours: "10", skillIds: [skill.id], organiserEmails: me.email, hubId: "" },
      prisma,
    );
    await donateToCampaign(me.id, { campaignId, minutes: 90, note: "For lunch", requestKey: randomUUID() }, prisma);
    const request = await createListing(other.id, { kind: "request", title: "Audit discharge times", description: "A week of discharge times.", skillId: skill.id, estimatedMinutes: 60, campaignId }, prisma);
    await spendCampaignPool(me.id, { campaignId, listingId: request.id, minutes: 30, requestKey: randomUUID() }, prisma);

    const data = (await exportMyData(me.id, prisma))!;
    expect(JSON.stringify(data)).not.toContain(other.email);
    expect(data.campaignsJoined).toEqual([expect.objectContaining({ campaignId, title: "Home for lunch" })]);
    expect(data.campaignsOrganised).toEqual([expect.objectContaining({ campaignId, title: "Home for lunch" })]);
    expect(data.campaignDonations).toEqual([expect.objectContaining({ campaignId, amountMinutes: 90, memo: "For lunch" })]);
    expect(data.campaignPoolPayments).toEqual([expect.objectContaining({ campaignId, request: "Audit discharge times", paidToFirstName: "Gareth", amountMinutes: 30 })]);
    const theirs = (await exportMyData(other.id, prisma))!;
    expect(theirs.listings).toEqual([expect.objectContaining({ title: "Audit discharge times", campaign: "Home for lunch" })]);
    expect(theirs.campaignPoolPayments).toEqual([]);
  });

  it("returns null for an unknown member", async () => {
    expect(await exportMyData(randomUUID(), prisma)).toBeNull();
  });
});

describe("getPublicProfile", () => {
  it("shows an active member's profile, open listings, hours given and thanks, without an email", async () => {
    const viewer = await createMember(prisma);
    const helper = await createMember(prisma, { name: "Priya Das", balanceMinutes: 0 });
    const helped = await createMember(prisma, { name: "Sam Hughes", balanceMinutes: 300 });
    await prisma.listing.create({ data: { kind: "offer", ownerId: helper.id, title: "Open offer", description: "Still open.", skillId: skill.id, estimatedMinutes: 60 } });
    await prisma.listing.create({ data: { kind: "offer", ownerId: helper.id, title: "Closed offer", description: "Not open.", skillId: skill.id, estimatedMinutes: 60, status: "closed" } });
    await confirmedExchange(helper, helped, 90, { thanksNote: "So helpful", learnedNote: "How to map a pathway" });
    await confirmedExchange(helper, helped, 30);

    const profile = (await getPublicProfile(viewer.id, helper.id, prisma))!;
    expect(profile).toMatchObject({ name: "Priya Das", hoursGivenMinutes: 120, exchangesGiven: 2, isMe: false });
    expect(profile.listings.map((l) => l.title)).toEqual(["Open offer"]);
    expect(profile.thanks).toEqual([expect.objectContaining({ fromFirstName: "Sam", thanksNote: "So helpful", learnedNote: "How to map a pathway" })]);
    const json = JSON.stringify(profile);
    expect(json).not.toContain(helper.email);
    expect(json).not.toContain(helped.email);
    expect(json).not.toContain("Hughes");
  });

  it("hides pending, suspended and closed members from others, but shows a pending member to themself", async () => {
    const viewer = await createMember(prisma);
    const pending = await createMember(prisma, { status: "pending" });
    const suspended = await createMember(prisma, { status: "suspended" });
    const closed = await createMember(prisma);
    await prisma.user.update({ where: { id: closed.id }, data: { status: "closed" } });
    expect(await getPublicProfile(viewer.id, pending.id, prisma)).toBeNull();
    expect(await getPublicProfile(viewer.id, suspended.id, prisma)).toBeNull();
    expect(await getPublicProfile(viewer.id, closed.id, prisma)).toBeNull();
    expect(await getPublicProfile(viewer.id, "not-a-uuid", prisma)).toBeNull();
    expect(await getPublicProfile(viewer.id, randomUUID(), prisma)).toBeNull();
    expect((await getPublicProfile(pending.id, pending.id, prisma))?.isMe).toBe(true);
  });
});
