import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExchangeState } from "../../lib/db/generated/enums";
import { reconcile, trialBalance, verifyChain } from "../../lib/ledger";
import { bankIsEmpty, DEMO_WELCOME_GRANT_MINUTES, seedDemoBank } from "../../lib/seed/demo";
import { SKILLS } from "../../lib/seed/demo-content";
import { DEMO_CERTIFICATES } from "../../lib/seed/demo-certificates";
import { CODE_PATTERN } from "../../lib/certificates/code";
import { hoursGivenInPeriod } from "../../lib/certificates/hours-given";
import { LEDGER_MINUTES_GIVEN_SQL, type LedgerMinutes } from "../helpers/certificates";
import { projectExchangedMinutes } from "../../lib/projects/queries";
import { phaseOf } from "../../lib/campaigns/campaign";
import { campaignProgress } from "../../lib/campaigns/queries";
import { DEMO_CAMPAIGNS } from "../../lib/seed/demo-campaigns";
import { DEMO_HUBS } from "../../lib/seed/demo-hubs";
import { createTestDatabase, useTestDatabase } from "../helpers/db";

const database = await useTestDatabase();
const prisma = database.prisma();
const NOW = new Date();
const DAY_MS = 86_400_000;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

const EXPECTED_STATES: Record<ExchangeState, number> = {
  proposed: 14,
  accepted: 14,
  declined: 10,
  cancelled: 14,
  delivered: 14,
  confirmed: 66,
  disputed: 6,
  resolved: 12,
};

let emptyBefore: boolean;
let summary: string;
let seconds: number;

beforeAll(async () => {
  emptyBefore = await bankIsEmpty(prisma);
  const started = performance.now();
  summary = await seedDemoBank(prisma, { now: NOW });
  seconds = (performance.now() - started) / 1000;
});

describe("the demo bank", () => {
  it("is seeded into an empty bank, which is then no longer empty", async () => {
    expect(emptyBefore).toBe(true);
    expect(await bankIsEmpty(prisma)).toBe(false);
  });

  it("returns a one-line summary with the counts, and is quick", () => {
    expect(summary).not.toContain("\n");
    expect(summary).toMatch(/^60 members \(56 active incl\. 1 admin, 3 pending, 1 suspended\), 8 organisations in 6 regions, 25 skills, 80 offers, 40 requests, 150 exchanges \(66 confirmed\)/);
    expect(seconds).toBeLessThan(15);
  });

  it("has 60 members: 56 active (one of them the admin), 3 pending and 1 suspended", async () => {
    const byStatus = await prisma.user.groupBy({ by: ["status"], _count: true });
    expect(Object.fromEntries(byStatus.map((g) => [g.status, g._count]))).toEqual({ active: 56, pending: 3, suspended: 1 });
    const admins = await prisma.user.findMany({ where: { role: "admin" } });
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ email: "admin@demo.timebank.local", status: "active" });
    const suspended = await prisma.user.findFirstOrThrow({ where: { status: "suspended" } });
    expect(suspended.statusReason).toBeTruthy();
    expect(await prisma.user.count({ where: { status: "pending", approvedAt: { not: null } } })).toBe(0);
  });

  it("puts every member in an organisation, in that organisation's region, with a profession and skills", async () => {
    const members = await prisma.user.findMany({ include: { organisation: true, skills: true } });
    for (const m of members) {
      expect(m.organisation, m.name ?? m.id).not.toBeNull();
      expect(m.regionId).toBe(m.organisation!.regionId);
      expect(m.profession).toBeTruthy();
      expect(m.skills.length).toBeGreaterThanOrEqual(2);
      expect(m.tags.length).toBeGreaterThanOrEqual(2);
      for (const tag of m.tags) expect(tag).toBe(tag.toLowerCase());
    }
    const kinds = await prisma.organisation.findMany({ select: { kind: true } });
    expect(new Set(kinds.map((k) => k.kind)).size).toBe(8);
    expect(await prisma.region.count()).toBe(6);
  });

  it("has the 25 quality-improvement skills with unique slugs and one-sentence descriptions", async () => {
    const skills = await prisma.skill.findMany();
    expect(skills).toHaveLength(25);
    expect(new Set(skills.map((s) => s.category)).size).toBeGreaterThanOrEqual(4);
    for (const s of skills) {
      expect(s.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.description).toMatch(/^[A-Z].*\.$/);
      expect(s.description, "one sentence").not.toMatch(/[.!?]\s/);
    }
  });

  it("has 80 offers and 40 requests, mostly open, each with a skill its offerer has", async () => {
    const listings = await prisma.listing.findMany({ include: { owner: { include: { skills: true } } } });
    const offers = listings.filter((l) => l.kind === "offer");
    const requests = listings.filter((l) => l.kind === "request");
    expect(offers).toHaveLength(80);
    expect(requests).toHaveLength(40);
    expect(offers.filter((l) => l.status === "open")).toHaveLength(68);
    expect(requests.filter((l) => l.status === "open")).toHaveLength(32);
    expect(listings.some((l) => l.status === "paused")).toBe(true);
    expect(listings.some((l) => l.status === "closed")).toBe(true);
    for (const l of listings) {
      expect(l.estimatedMinutes % 15).toBe(0);
      expect(l.owner.status).toBe("active");
      expect(l.owner.role).toBe("member");
      expect(l.createdAt.getTime()).toBeLessThan(NOW.getTime());
    }
    for (const o of offers) {
      expect(o.wantedBy).toBeNull();
      expect(o.owner.skills.map((s) => s.skillId)).toContain(o.skillId);
    }
    for (const r of requests) expect(r.wantedBy).not.toBeNull();
    expect(requests.filter((r) => r.status === "open").every((r) => r.wantedBy!.getTime() > NOW.getTime())).toBe(true);
  });

  it("has 150 exchanges, in every state the state machine knows", async () => {
    const byState = await prisma.exchange.groupBy({ by: ["state"], _count: true });
    expect(Object.fromEntries(byState.map((g) => [g.state, g._count]))).toEqual(EXPECTED_STATES);
  });

  it("records each exchange's history, one event per transition, ending in its state", async () => {
    const exchanges = await prisma.exchange.findMany({
      include: { events: { orderBy: { createdAt: "asc" } }, messages: true },
    });
    for (const x of exchanges) {
      const [first] = x.events;
      expect(first).toMatchObject({ fromState: null, toState: "proposed", actorId: x.proposedById });
      for (let i = 1; i < x.events.length; i++) {
        expect(x.events[i]!.fromState).toBe(x.events[i - 1]!.toState);
        expect(x.events[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(x.events[i - 1]!.createdAt.getTime());
      }
      expect(x.events.at(-1)!.toState).toBe(x.state);
      expect(x.messages.length).toBeGreaterThanOrEqual(1);
      expect([x.providerId, x.payerId]).toContain(x.proposedById);
      for (const m of x.messages) expect([x.providerId, x.payerId]).toContain(m.senderId);
    }
  });

  it("dates its ledger history when it happened (months of it), and leaves the ledger stamping new rows with the time", async () => {
    const transfers = await prisma.$queryRaw<{ exchange_id: string; created_at: Date; closed_at: Date }[]>`
      SELECT t.exchange_id::text, t.created_at, e.closed_at FROM ledger_transfers t JOIN exchanges e ON e.id = t.exchange_id`;
    expect(transfers.length).toBeGreaterThan(0);
    for (const t of transfers) expect(t.created_at.getTime()).toBe(t.closed_at.getTime());
    const months = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(DISTINCT date_trunc('month', created_at AT TIME ZONE 'UTC'))::bigint AS n FROM ledger_transfers`;
    expect(Number(months[0]!.n)).toBeGreaterThanOrEqual(3);
    const defaults = await prisma.$queryRaw<{ table_name: string; column_default: string }[]>`
      SELECT table_name, column_default FROM information_schema.columns
       WHERE table_name IN ('ledger_transfers', 'ledger_holds', 'ledger_hold_resolutions') AND column_name = 'created_at'`;
    expect(defaults).toHaveLength(3);
    for (const d of defaults) expect(d.column_default).toBe("CURRENT_TIMESTAMP");
  });

  it("keeps each exchange's timestamps in order, with auto-confirmation 14 days after delivery", async () => {
    const exchanges = await prisma.exchange.findMany();
    for (const x of exchanges) {
      const t = (d: Date | null) => d?.getTime();
      if (x.acceptedAt) expect(t(x.acceptedAt)).toBeGreaterThanOrEqual(t(x.createdAt)!);
      if (x.deliveredAt) {
        expect(t(x.deliveredAt)).toBeGreaterThanOrEqual(t(x.acceptedAt)!);
        expect(t(x.autoConfirmAt)).toBe(t(x.deliveredAt)! + 14 * DAY_MS);
        expect(x.deliveredMinutes).toBeGreaterThan(0);
      } else {
        expect(x.autoConfirmAt).toBeNull();
      }
      if (x.confirmedAt) expect(t(x.confirmedAt)).toBeGreaterThanOrEqual(t(x.deliveredAt)!);
      for (const d of [x.createdAt, x.acceptedAt, x.deliveredAt, x.confirmedAt, x.closedAt, x.thankedAt]) {
        if (d) expect(d.getTime()).toBeLessThan(NOW.getTime());
      }
      const needsAccept = ["accepted", "delivered", "confirmed", "disputed", "resolved"].includes(x.state);
      expect(x.acceptedAt !== null || !needsAccept).toBe(true);
      expect(x.closedAt !== null).toBe(["declined", "cancelled", "confirmed", "resolved"].includes(x.state));
      if (x.state === "delivered") expect(t(x.autoConfirmAt)).toBeGreaterThan(NOW.getTime());
    }
    const thanked = exchanges.filter((x) => x.thanksNote);
    expect(thanked.length).toBeGreaterThan(10);
    expect(thanked.every((x) => x.state === "confirmed" && x.thankedAt)).toBe(true);
    expect(exchanges.some((x) => x.learnedNote)).toBe(true);
  });

  it("moves hours only as each state says: holds while agreed, one transfer when confirmed", async () => {
    const exchanges = await prisma.exchange.findMany();
    const holds = await prisma.ledgerHold.findMany({ include: { resolution: true } });
    const transfers = await prisma.ledgerTransfer.findMany({ where: { kind: "exchange" } });
    const holdOf = new Map(holds.map((h) => [h.exchangeId, h]));
    const transfersOf = (id: string) => transfers.filter((t) => t.exchangeId === id);
    const outcomes: Record<string, number> = {};
    for (const x of exchanges) {
      const h = holdOf.get(x.id);
      const ts = transfersOf(x.id);
      if (x.state === "proposed" || x.state === "declined") {
        expect(h).toBeUndefined();
        expect(ts).toHaveLength(0);
        continue;
      }
      if (x.state === "cancelled") {
        expect(ts).toHaveLength(0);
        if (x.acceptedAt) expect(h?.resolution?.outcome).toBe("voided");
        else expect(h).toBeUndefined();
        continue;
      }
      expect(h, `${x.state} exchange ${x.id} has a hold`).toBeDefined();
      expect(x.holdId).toBe(h!.id);
      expect(h!.amountMinutes).toBe(x.agreedMinutes);
      if (["accepted", "delivered", "disputed"].includes(x.state)) {
        expect(h!.resolution).toBeNull();
        expect(ts).toHaveLength(0);
        expect(x.transferId).toBeNull();
      }
      if (x.state === "confirmed") {
        expect(ts).toHaveLength(1);
        expect(x.transferId).toBe(ts[0]!.id);
        expect(ts[0]!.holdId).toBe(h!.id);
        expect(ts[0]!.amountMinutes).toBe(x.deliveredMinutes);
      }
      if (x.state === "resolved") {
        const outcome = h!.resolution!.outcome;
        if (outcome === "posted") {
          expect(ts).toHaveLength(1);
          expect(x.transferId).toBe(ts[0]!.id);
          const key = ts[0]!.amountMinutes === x.deliveredMinutes ? "posted" : "adjusted";
          outcomes[key] = (outcomes[key] ?? 0) + 1;
        } else {
          expect(ts).toHaveLength(0);
          expect(x.transferId).toBeNull();
          outcomes.voided = (outcomes.voided ?? 0) + 1;
        }
        expect(x.resolutionNote).toBeTruthy();
      }
    }
    expect(outcomes).toEqual({ posted: 5, adjusted: 4, voided: 3 });
    // Invariant 7 from the exchange's side: no exchange has more than one transfer.
    expect(new Set(transfers.map((t) => t.exchangeId)).size).toBe(transfers.length);
  });

  it("gives every active and suspended member an account and the welcome grant, and pending members none", async () => {
    const members = await prisma.user.findMany({ include: { ledgerAccount: true } });
    const grants = await prisma.ledgerTransfer.findMany({ where: { kind: "grant" } });
    for (const m of members) {
      if (m.status === "pending") {
        expect(m.ledgerAccount).toBeNull();
        continue;
      }
      expect(m.ledgerAccount).not.toBeNull();
      expect(m.ledgerAccount!.floorMinutes).toBe(-600);
      const grant = grants.filter((g) => g.creditAccountId === m.ledgerAccount!.id);
      expect(grant).toHaveLength(1);
      expect(grant[0]!.amountMinutes).toBe(DEMO_WELCOME_GRANT_MINUTES);
      const account = m.ledgerAccount!;
      expect(account.balanceMinutes - account.heldMinutes).toBeGreaterThanOrEqual(account.floorMinutes!);
    }
    expect(grants).toHaveLength(57);
  });

  it("leaves books that balance and a hash chain that verifies", async () => {
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
    const books = await trialBalance(prisma);
    expect(books.totalMinutes).toBe(0);
    expect(books.memberMinutes).toBe(57 * DEMO_WELCOME_GRANT_MINUTES);
  });

  it("writes no email address into listings, profiles, exchanges or messages", async () => {
    const listings = await prisma.listing.findMany();
    for (const l of listings) {
      expect(`${l.title} ${l.description} ${l.tags.join(" ")}`).not.toMatch(EMAIL);
    }
    const members = await prisma.user.findMany();
    for (const m of members) expect(`${m.name} ${m.bio} ${m.availability} ${m.statusReason ?? ""}`).not.toMatch(EMAIL);
    const exchanges = await prisma.exchange.findMany();
    for (const x of exchanges) {
      const text = [x.title, x.note, x.disputeReason, x.resolutionNote, x.thanksNote, x.learnedNote].join(" ");
      expect(text).not.toMatch(EMAIL);
    }
    const messages = await prisma.message.findMany();
    expect(messages.length).toBeGreaterThanOrEqual(300);
    for (const m of messages) expect(m.body).not.toMatch(EMAIL);
    const events = await prisma.exchangeEvent.findMany();
    for (const e of events) expect(e.note ?? "").not.toMatch(EMAIL);
  });

  it("uses every skill in the content list", async () => {
    const used = await prisma.listing.findMany({ distinct: ["skillId"], select: { skillId: true } });
    expect(used).toHaveLength(SKILLS.length);
  });

  it("has certificates of hours given for three active members, whose totals are the ledger's", async () => {
    const certificates = await prisma.certificate.findMany({ orderBy: { issuedAt: "asc" }, include: { member: { select: { status: true, name: true } } } });
    expect(certificates).toHaveLength(DEMO_CERTIFICATES);
    expect(summary).toContain(`${DEMO_CERTIFICATES} certificates of hours given`);
    for (const c of certificates) {
      expect(c.code).toMatch(CODE_PATTERN);
      expect(c.member).toMatchObject({ status: "active", name: c.memberName });
      expect(c.issuedAt.getTime()).toBeLessThan(NOW.getTime());
      expect(c.periodEnd.getTime()).toBeLessThan(c.issuedAt.getTime());
      const period = { from: c.periodStart.toISOString().slice(0, 10), to: c.periodEnd.toISOString().slice(0, 10) };
      const [ledger] = await prisma.$queryRawUnsafe<LedgerMinutes[]>(LEDGER_MINUTES_GIVEN_SQL, c.memberId, period.from, period.to);
      expect(c.minutesGiven).toBeGreaterThan(0);
      expect({ minutes: c.minutesGiven, transfers: c.exchangeCount }).toEqual(ledger);
      expect(c.skills).toEqual((await hoursGivenInPeriod(prisma, c.memberId, period)).skills);
    }
  });

  it("has a method page for every skill, and about twenty reports of excellence, most tied to confirmed exchanges between their parties", async () => {
    expect(await prisma.methodPage.count()).toBe(SKILLS.length);
    expect(await prisma.skill.count({ where: { methodPage: null } })).toBe(0);
    expect(summary).toMatch(/\b25 method pages\b/);
    expect(summary).toMatch(/\b20 reports of excellence \(\d+ shown on profiles\)/);

    const reports = await prisma.excellenceReport.findMany({
      include: { author: true, recipient: true, exchange: true },
    });
    expect(reports).toHaveLength(20);
    const tied = reports.filter((r) => r.exchange);
    expect(tied.length).toBeGreaterThanOrEqual(14);
    for (const r of tied) {
      expect(r.exchange!.state).toBe("confirmed");
      expect([r.exchange!.providerId, r.exchange!.payerId].sort()).toEqual([r.authorId, r.recipientId].sort());
      expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(r.exchange!.confirmedAt!.getTime());
    }
    const shown = reports.filter((r) => r.shownOnProfile).length;
    expect(shown).toBeGreaterThanOrEqual(5);
    expect(shown).toBeLessThanOrEqual(15);
    for (const r of reports) {
      expect(r.authorId).not.toBe(r.recipientId);
      expect(r.author.status).toBe("active");
      expect(r.recipient.status).toBe("active");
      expect(r.themes.length).toBeGreaterThanOrEqual(1);
      expect(r.themes.length).toBeLessThanOrEqual(3);
      expect(r.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(r.whatTheyDid).not.toMatch(/\{name\}/);
      expect(r.whatTheyDid).not.toMatch(EMAIL);
    }
    // Several recipients, not one member recognised twenty times.
    expect(new Set(reports.map((r) => r.recipientId)).size).toBeGreaterThanOrEqual(10);
  });
});

describe("seeding another bank", () => {
  const other = createTestDatabase();
  afterAll(async () => (await other).drop());

  it("has six improvement projects by members who asked for help, with their requests, stage histories, PDSA cycles and followers", async () => {
    expect(summary).toContain("6 projects with 11 PDSA cycles");
    const projects = await prisma.project.findMany({
      include: {
        owner: true,
        listings: true,
        stageChanges: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        cycles: { orderBy: { number: "asc" } },
        followers: true,
      },
      orderBy: { createdAt: "asc" },
    });
    expect(projects).toHaveLength(6);
    expect(new Set(projects.map((p) => p.ownerId)).size).toBe(6);
    expect(new Set(projects.map((p) => p.stage)).size).toBeGreaterThanOrEqual(4);
    const order = ["identify", "understand", "aim", "test", "sustain"];
    let wentBack = false;
    for (const p of projects) {
      expect(p.owner).toMatchObject({ status: "active", role: "member" });
      expect(p.listings.length).toBeGreaterThanOrEqual(2);
      expect(p.listings.length).toBeLessThanOrEqual(4);
      for (const l of p.listings) expect(l).toMatchObject({ kind: "request", ownerId: p.ownerId });
      expect(p.stageChanges[0]).toMatchObject({ fromStage: null, changedById: p.ownerId });
      expect(p.stageChanges[0]!.createdAt.getTime()).toBe(p.createdAt.getTime());
      for (let i = 1; i < p.stageChanges.length; i++) {
        const [before, after] = [p.stageChanges[i - 1]!, p.stageChanges[i]!];
        expect(after.fromStage).toBe(before.toStage);
        expect(after.createdAt.getTime()).toBeGreaterThan(before.createdAt.getTime());
        if (order.indexOf(after.toStage) < order.indexOf(after.fromStage!)) wentBack = true;
      }
      expect(p.stageChanges.at(-1)!.toStage).toBe(p.stage);
      expect(p.stageChanges.at(-1)!.createdAt.getTime()).toBeLessThan(NOW.getTime());
      expect(p.cycles.map((c) => c.number)).toEqual(p.cycles.map((_, i) => i + 1));
      expect(p.cycles.length).toBeLessThanOrEqual(4);
      for (const c of p.cycles) {
        expect(c.createdAt.getTime()).toBeLessThan(NOW.getTime());
        if (c.completedAt) {
          expect(c.happened && c.learned && c.decision).toBeTruthy();
          expect(c.completedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
          expect(c.completedAt.getTime()).toBeGreaterThanOrEqual(c.createdAt.getTime());
        }
      }
      expect(p.followers.length).toBeGreaterThanOrEqual(2);
      expect(p.followers.map((f) => f.memberId)).not.toContain(p.ownerId);
      for (const f of p.followers) expect(f.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(wentBack).toBe(true);
    const finished = projects.filter((p) => p.finishedAt !== null);
    expect(finished).toHaveLength(1);
    expect(finished[0]!.stage).toBe("sustain");
    expect(finished[0]!.finishedAt!.getTime()).toBeLessThan(NOW.getTime());
    const cycles = projects.flatMap((p) => p.cycles);
    expect(cycles.filter((c) => c.completedAt === null)).toHaveLength(1);
    const hours = await Promise.all(projects.map((p) => projectExchangedMinutes(p.id, prisma)));
    expect(hours.some((m) => m > 0)).toBe(true);
  });

  it("has three campaigns, two running and one finished, whose exchanges count, with members, gifts to their pools and one payment from a pool", async () => {
    const campaigns = await prisma.campaign.findMany({
      select: {
        id: true, title: true, startsOn: true, endsOn: true, createdAt: true, targetMinutes: true, poolAccountId: true,
        hub: { select: { name: true } },
        organisers: { select: { createdAt: true, member: { select: { status: true, organisation: { select: { hub: { select: { name: true } } } } } } } },
        members: { select: { joinedAt: true } },
        poolAccount: { select: { kind: true, floorMinutes: true, balanceMinutes: true } },
      },
      orderBy: { title: "asc" },
    });
    expect(campaigns.map((c) => c.title)).toEqual(["Everyone's voice", "Greener theatres", "Home for lunch"]);
    const today = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate()));
    expect(Object.fromEntries(campaigns.map((c) => [c.title, [phaseOf(c, today), c.hub?.name ?? null]]))).toEqual({
      "Everyone's voice": ["running", null],
      "Greener theatres": ["finished", DEMO_HUBS[1].name],
      "Home for lunch": ["running", DEMO_HUBS[0].name],
    });
    const progress = await campaignProgress(campaigns.map((c) => c.id), prisma);
    for (const c of campaigns) {
      const spec = DEMO_CAMPAIGNS.find((d) => d.title === c.title)!;
      expect(progress.get(c.id)!.minutes, c.title).toBeGreaterThan(0);
      expect(progress.get(c.id)!.exchanges, c.title).toBeGreaterThan(0);
      expect(progress.get(c.id)!.participants, c.title).toBeGreaterThanOrEqual(c.members.length);
      expect(c.organisers).toHaveLength(2);
      for (const o of c.organisers) {
        expect(o.member.status).toBe("active");
        if (c.hub) expect(o.member.organisation?.hub?.name).toBe(c.hub.name);
        expect(o.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
      expect(c.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      for (const m of c.members) expect(m.joinedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      // The pool holds what members gave, less what was paid from it, never below zero.
      const given = spec.donations.reduce((a, b) => a + b, 0);
      expect(c.poolAccount).toEqual({ kind: "pool", floorMinutes: 0, balanceMinutes: given - spec.spendMinutes });
      const moves = await prisma.ledgerTransfer.findMany({ where: { OR: [{ creditAccountId: c.poolAccountId }, { debitAccountId: c.poolAccountId }] }, select: { kind: true, createdAt: true } });
      expect(moves).toHaveLength(spec.donations.length + (spec.spendMinutes > 0 ? 1 : 0));
      for (const t of moves) {
        expect(t.kind).toBe("donation");
        expect(t.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
      // Its open requests show on its page.
      expect(await prisma.listing.count({ where: { campaignId: c.id } })).toBeGreaterThan(0);
    }
    const spends = await prisma.campaignSpend.findMany({ select: { campaign: { select: { title: true } }, listing: { select: { kind: true } } } });
    expect(spends).toEqual([{ campaign: { title: "Greener theatres" }, listing: { kind: "request" } }]);
    expect(await prisma.auditLog.count({ where: { action: "campaign.spend" } })).toBe(1);
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
    expect((await trialBalance(prisma)).totalMinutes).toBe(0);
  });

  it("is all or nothing: a seed that fails part-way leaves the bank empty", async () => {
    const db2 = (await other).prisma();
    const clash = await db2.skill.create({
      data: { slug: "spc-charts", name: "Clashing skill", category: "Measurement", description: "In the way." },
    });
    await expect(seedDemoBank(db2, { now: NOW })).rejects.toThrow();
    expect(await bankIsEmpty(db2)).toBe(true);
    expect(await db2.ledgerTransfer.count()).toBe(0);
    expect(await db2.exchange.count()).toBe(0);
    await db2.skill.delete({ where: { id: clash.id } });
  });

  it("is deterministic: the same seed and day give the same bank", async () => {
    const db2 = (await other).prisma();
    await seedDemoBank(db2, { now: NOW });
    const snapshot = async (p: typeof prisma) => ({
      members: await p.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, profession: true, status: true, createdAt: true } }),
      listings: await p.listing.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true, ownerId: true, status: true, createdAt: true } }),
      exchanges: await p.exchange.findMany({
        orderBy: { id: "asc" },
        select: { id: true, state: true, payerId: true, providerId: true, agreedMinutes: true, deliveredMinutes: true, confirmedAt: true },
      }),
      messages: await p.message.findMany({ orderBy: { id: "asc" }, select: { body: true, senderId: true, createdAt: true } }),
    });
    expect(await snapshot(db2)).toEqual(await snapshot(prisma));
  });

  it("differs with a different seed", async () => {
    const third = await createTestDatabase();
    try {
      const db3 = third.prisma();
      await seedDemoBank(db3, { now: NOW, seed: 7 });
      const names = async (p: typeof prisma) =>
        (await p.listing.findMany({ orderBy: { title: "asc" }, select: { owner: { select: { email: true } } } })).map((l) => l.owner.email);
      expect(await names(db3)).not.toEqual(await names(prisma));
      expect(await reconcile(db3)).toEqual([]);
    } finally {
      await third.drop();
    }
  });
});
