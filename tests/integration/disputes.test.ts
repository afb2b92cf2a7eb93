// Disputes, from the admins' side: who is told when an exchange is disputed, settling a dispute
// (the recorded minutes, another amount, or nothing) exactly once through the ledger, every refusal
// changing nothing, two admins settling the same dispute at once, and what the admin pages read.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { adminTabCounts, getAdminOverview } from "../../lib/admin/overview";
import { getExchangeForAdmin, listDisputes } from "../../lib/disputes/queries";
import { countPendingMembers } from "../../lib/members/queries";
import { resolveDispute } from "../../lib/disputes/resolve";
import { RESOLUTION_NOTE_MAX_CHARS } from "../../lib/disputes/schemas";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { disputeExchange } from "../../lib/exchanges/dispute-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { reconcile } from "../../lib/ledger";
import { AppError } from "../../lib/errors";
import { sendMessage } from "../../lib/messages/send-message";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);
const admin = await createMember(prisma, { role: "admin", name: "Ada Admin" });

const NOTE = "Both agreed on the phone that one hour was given.";

interface Parties {
  payer?: TestMember;
  provider?: TestMember;
}

/** An exchange from an offer, taken as far as `until` (agreed and delivered minutes as given). */
async function exchangeUntil(
  until: "proposed" | "accepted" | "delivered" | "confirmed" | "disputed",
  { agreed = 120, delivered = 90, ...parties }: { agreed?: number; delivered?: number } & Parties = {},
) {
  const payer = parties.payer ?? (await createMember(prisma, { name: "Pat Payer", balanceMinutes: 600 }));
  const provider = parties.provider ?? (await createMember(prisma, { name: "Priya Provider" }));
  const offer = await prisma.listing.create({
    data: { kind: "offer", ownerId: provider.id, title: "I can build an SPC chart", description: "Run charts and SPC", skillId: skill.id, estimatedMinutes: agreed },
  });
  const before = await balanceOf(prisma, payer.id);
  const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: agreed, requestKey: randomUUID() }, prisma);
  if (until !== "proposed") await acceptExchange(provider.id, { exchangeId: id }, prisma);
  if (until !== "proposed" && until !== "accepted") await deliverExchange(provider.id, { exchangeId: id, minutesGiven: delivered }, prisma);
  if (until === "confirmed") await confirmExchange(payer.id, { exchangeId: id }, prisma);
  if (until === "disputed") await disputeExchange(payer.id, { exchangeId: id, reason: "We only met for half an hour." }, prisma);
  return { payer, provider, id, payerBefore: before, providerBefore: await balanceOf(prisma, provider.id) };
}

/** What a refused resolution must leave as it was, beyond the counts expectRefusal compares. */
function disputeState(exchangeId: string) {
  return async () => {
    const [exchange, audits, resolutions] = await Promise.all([
      prisma.exchange.findUnique({ where: { id: exchangeId } }),
      prisma.auditLog.count(),
      prisma.ledgerHoldResolution.findMany({ orderBy: { holdId: "asc" } }),
    ]);
    return { exchange, audits, resolutions };
  };
}

const refusalOf = (x: { payer: TestMember; provider: TestMember; id: string }) => ({ memberIds: [x.payer.id, x.provider.id], unchanged: disputeState(x.id) });

describe("disputing an exchange", () => {
  it("tells each active admin who is not a party, and no one else", async () => {
    const other = await createMember(prisma, { role: "admin" });
    const suspendedAdmin = await createMember(prisma, { role: "admin", status: "suspended" });
    const pendingAdmin = await createMember(prisma, { role: "admin", status: "pending" });
    const payerAdmin = await createMember(prisma, { role: "admin", name: "Paula Payer", balanceMinutes: 600 });
    const providerAdmin = await createMember(prisma, { role: "admin", name: "Pravin Provider" });
    const plain = await createMember(prisma);
    const { id } = await exchangeUntil("disputed", { payer: payerAdmin, provider: providerAdmin });

    const told = await prisma.notification.findMany({ where: { kind: "admin.dispute", link: `/admin/exchanges/${id}` } });
    const activeAdmins = await prisma.user.findMany({ where: { role: "admin", status: "active", id: { notIn: [payerAdmin.id, providerAdmin.id] } }, select: { id: true } });
    expect(activeAdmins.map((a) => a.id)).toEqual(expect.arrayContaining([admin.id, other.id]));
    expect(told.map((n) => n.memberId).sort()).toEqual(activeAdmins.map((a) => a.id).sort());
    for (const n of told) {
      expect(n.title).toContain("I can build an SPC chart");
      expect(n.body).toContain("We only met for half an hour.");
    }
    for (const notTold of [suspendedAdmin, pendingAdmin, payerAdmin, providerAdmin, plain]) {
      expect(await prisma.notification.count({ where: { memberId: notTold.id, kind: "admin.dispute" } })).toBe(0);
    }
    // The provider is told as a party, as before.
    expect(await prisma.notification.count({ where: { memberId: providerAdmin.id, kind: "exchange.disputed" } })).toBe(1);
  });
});

describe("resolveDispute", () => {
  it("posts the recorded minutes: the hold posted, the exchange resolved, both told, audited", async () => {
    const x = await exchangeUntil("disputed", { agreed: 120, delivered: 90 });
    const disputed = await prisma.exchange.findUniqueOrThrow({ where: { id: x.id } });
    expect(await balanceOf(prisma, x.payer.id)).toMatchObject({ balanceMinutes: x.payerBefore.balanceMinutes, heldMinutes: x.payerBefore.heldMinutes + 120 });

    const result = await resolveDispute(admin.id, { exchangeId: x.id, outcome: "recorded", note: `  ${NOTE}  ` }, prisma);
    expect(result.exchangeId).toBe(x.id);
    expect(result.postedMinutes).toBe(90);
    expect(result.transferId).not.toBeNull();

    expect(await balanceOf(prisma, x.payer.id)).toMatchObject({ balanceMinutes: x.payerBefore.balanceMinutes - 90, heldMinutes: x.payerBefore.heldMinutes });
    expect(await balanceOf(prisma, x.provider.id)).toMatchObject({ balanceMinutes: x.providerBefore.balanceMinutes + 90 });
    const resolution = await prisma.ledgerHoldResolution.findUniqueOrThrow({ where: { holdId: disputed.holdId! } });
    expect(resolution).toMatchObject({ outcome: "posted", transferId: result.transferId, actorId: admin.id });
    const t = await prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: result.transferId! } });
    expect(t).toMatchObject({ amountMinutes: 90, holdId: disputed.holdId, actorId: admin.id });

    const ex = await prisma.exchange.findUniqueOrThrow({ where: { id: x.id } });
    expect(ex).toMatchObject({ state: "resolved", transferId: result.transferId, resolutionNote: NOTE, autoConfirmAt: null });
    expect(ex.closedAt).not.toBeNull();
    const last = await prisma.exchangeEvent.findMany({ where: { exchangeId: x.id, toState: "resolved" } });
    expect(last).toHaveLength(1);
    expect(last[0]).toMatchObject({ fromState: "disputed", toState: "resolved", actorId: admin.id, note: NOTE });

    for (const party of [x.payer, x.provider]) {
      const told = await prisma.notification.findMany({ where: { memberId: party.id, kind: "exchange.resolved" } });
      expect(told).toHaveLength(1);
      expect(told[0]!.body).toContain(NOTE);
      expect(told[0]!.body).toContain("1 h 30 min moved");
      expect(told[0]!.link).toBe(`/exchanges/${x.id}`);
    }
    const audit = await prisma.auditLog.findMany({ where: { action: "dispute.resolve", targetId: x.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      targetType: "exchange",
      details: { outcome: "recorded", minutes: 90, recordedMinutes: 90, heldMinutes: 120, transferId: result.transferId!.toString(), note: NOTE },
    });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it.each([
    ["less than was recorded", 90, 45],
    ["more than was recorded, up to what is held", 60, 100],
    ["exactly what is held", 60, 120],
  ])("posts another amount: %s", async (_what, delivered, amount) => {
    const x = await exchangeUntil("disputed", { agreed: 120, delivered });
    const result = await resolveDispute(admin.id, { exchangeId: x.id, outcome: "amount", minutes: amount, note: NOTE }, prisma);
    expect(result.postedMinutes).toBe(amount);
    expect(await balanceOf(prisma, x.payer.id)).toMatchObject({ balanceMinutes: x.payerBefore.balanceMinutes - amount, heldMinutes: x.payerBefore.heldMinutes });
    expect(await balanceOf(prisma, x.provider.id)).toMatchObject({ balanceMinutes: x.providerBefore.balanceMinutes + amount });
    expect(await prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: result.transferId! } })).toMatchObject({ amountMinutes: amount });
    expect((await prisma.auditLog.findFirstOrThrow({ where: { action: "dispute.resolve", targetId: x.id } })).details).toMatchObject({
      outcome: "amount",
      minutes: amount,
      recordedMinutes: delivered,
    });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("reads the amount from the form's hours and minutes boxes", async () => {
    const x = await exchangeUntil("disputed", { agreed: 120, delivered: 90 });
    const result = await resolveDispute(admin.id, { exchangeId: x.id, outcome: "amount", hours: "1", mins: "15", note: NOTE }, prisma);
    expect(result.postedMinutes).toBe(75);
    expect(await balanceOf(prisma, x.payer.id)).toMatchObject({ balanceMinutes: x.payerBefore.balanceMinutes - 75, heldMinutes: x.payerBefore.heldMinutes });
    expect(await balanceOf(prisma, x.provider.id)).toMatchObject({ balanceMinutes: x.providerBefore.balanceMinutes + 75 });
  });

  it("sends both members the whole note, even at the longest a note may be", async () => {
    const x = await exchangeUntil("disputed");
    const note = `${"We went through the thread line by line. ".repeat(30)}`.slice(0, RESOLUTION_NOTE_MAX_CHARS);
    expect(note).toHaveLength(RESOLUTION_NOTE_MAX_CHARS);
    await resolveDispute(admin.id, { exchangeId: x.id, outcome: "recorded", note }, prisma);
    const told = await prisma.notification.findMany({ where: { kind: "exchange.resolved", memberId: { in: [x.payer.id, x.provider.id] } } });
    expect(told).toHaveLength(2);
    for (const n of told) expect(n.body).toContain(note.trim());
  });

  it("keeps the payer's other holds when it settles one", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 600 });
    const other = await exchangeUntil("accepted", { agreed: 60, payer });
    const x = await exchangeUntil("disputed", { agreed: 120, delivered: 90, payer });
    expect(x.payerBefore.heldMinutes).toBe(60);
    await resolveDispute(admin.id, { exchangeId: x.id, outcome: "amount", minutes: 30, note: NOTE }, prisma);
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 570, heldMinutes: 60 });
    expect((await prisma.exchange.findUniqueOrThrow({ where: { id: other.id } })).state).toBe("accepted");
  });

  it("voids: no hours move, the hold is released, the exchange resolved without a transfer", async () => {
    const x = await exchangeUntil("disputed", { agreed: 120, delivered: 90 });
    const { holdId } = await prisma.exchange.findUniqueOrThrow({ where: { id: x.id } });
    const transfers = await prisma.ledgerTransfer.count();
    const result = await resolveDispute(admin.id, { exchangeId: x.id, outcome: "void", note: NOTE }, prisma);
    expect(result).toEqual({ exchangeId: x.id, postedMinutes: 0, transferId: null });
    expect(await prisma.ledgerTransfer.count()).toBe(transfers);
    expect(await balanceOf(prisma, x.payer.id)).toEqual(x.payerBefore);
    expect(await balanceOf(prisma, x.provider.id)).toEqual(x.providerBefore);
    expect(await prisma.ledgerHoldResolution.findUniqueOrThrow({ where: { holdId: holdId! } })).toMatchObject({ outcome: "voided", transferId: null, actorId: admin.id });
    const ex = await prisma.exchange.findUniqueOrThrow({ where: { id: x.id } });
    expect(ex).toMatchObject({ state: "resolved", transferId: null, resolutionNote: NOTE });
    expect(ex.closedAt).not.toBeNull();
    const told = await prisma.notification.findMany({ where: { memberId: { in: [x.payer.id, x.provider.id] }, kind: "exchange.resolved" } });
    expect(told).toHaveLength(2);
    for (const n of told) expect(n.body).toContain("No hours move");
    expect((await prisma.auditLog.findFirstOrThrow({ where: { action: "dispute.resolve", targetId: x.id } })).details).toMatchObject({ outcome: "void", minutes: 0, transferId: null });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("refuses a second resolution (conflict) and changes nothing", async () => {
    const x = await exchangeUntil("disputed");
    await resolveDispute(admin.id, { exchangeId: x.id, outcome: "recorded", note: NOTE }, prisma);
    const other = await createMember(prisma, { role: "admin" });
    for (const outcome of [{ outcome: "void" }, { outcome: "recorded" }, { outcome: "amount", minutes: 30 }]) {
      await expectRefusal(prisma, () => resolveDispute(other.id, { exchangeId: x.id, note: NOTE, ...outcome }, prisma), {
        code: "conflict",
        message: /already been resolved/,
        ...refusalOf(x),
      });
    }
  });

  it.each(["proposed", "accepted", "delivered", "confirmed"] as const)("refuses an exchange that is %s, not disputed (conflict)", async (state) => {
    const x = await exchangeUntil(state);
    await expectRefusal(prisma, () => resolveDispute(admin.id, { exchangeId: x.id, outcome: "void", note: NOTE }, prisma), {
      code: "conflict",
      ...refusalOf(x),
    });
    await expectRefusal(prisma, () => resolveDispute(admin.id, { exchangeId: x.id, outcome: "amount", minutes: 30, note: NOTE }, prisma), {
      code: "conflict",
      ...refusalOf(x),
    });
  });

  it("refuses more than is held (invalid, on the minutes field) and changes nothing", async () => {
    const x = await exchangeUntil("disputed", { agreed: 120, delivered: 90 });
    for (const input of [{ minutes: 121 }, { minutes: 1e12 }, { hours: "2", mins: "1" }]) {
      const err = await expectRefusal(prisma, () => resolveDispute(admin.id, { exchangeId: x.id, outcome: "amount", note: NOTE, ...input }, prisma), {
        code: "invalid",
        ...refusalOf(x),
      });
      expect(err.fieldErrors?.minutes?.[0]).toMatch(/at most 2 h/);
    }
  });

  it.each([
    ["zero minutes", { outcome: "amount", minutes: 0 }, "minutes"],
    ["negative minutes", { outcome: "amount", minutes: -30 }, "minutes"],
    ["fractional minutes", { outcome: "amount", minutes: 30.5 }, "minutes"],
    ["fractional minutes from the boxes", { outcome: "amount", hours: "0.01" }, "minutes"],
    ["minutes that are NaN", { outcome: "amount", minutes: Number.NaN }, "minutes"],
    ["hours that are a word", { outcome: "amount", hours: "lots" }, "minutes"],
    ["an amount without minutes", { outcome: "amount" }, "minutes"],
    ["an amount with blank boxes", { outcome: "amount", hours: "", mins: "" }, "minutes"],
    ["an unknown outcome", { outcome: "split" }, "outcome"],
    ["no outcome", {}, "outcome"],
    ["a note that is too short", { outcome: "void", note: "   too short " }, "note"],
    ["a note that is too long", { outcome: "void", note: "x".repeat(1001) }, "note"],
    ["no note", { outcome: "void", note: undefined }, "note"],
    ["an exchange id that is not a uuid", { outcome: "void", exchangeId: "not-an-id" }, "exchangeId"],
  ])("refuses %s (invalid) and changes nothing", async (_what, overrides, field) => {
    const x = await exchangeUntil("disputed");
    const err = await expectRefusal(prisma, () => resolveDispute(admin.id, { exchangeId: x.id, note: NOTE, ...overrides }, prisma), {
      code: "invalid",
      ...refusalOf(x),
    });
    expect(err.fieldErrors?.[field]).toBeDefined();
  });

  it("refuses an unknown exchange (not_found)", async () => {
    const audits = await prisma.auditLog.count();
    await expectRefusal(prisma, () => resolveDispute(admin.id, { exchangeId: randomUUID(), outcome: "void", note: NOTE }, prisma), { code: "not_found" });
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("refuses an admin who is a party to the exchange, as payer or as provider (forbidden)", async () => {
    const payerAdmin = await createMember(prisma, { role: "admin", balanceMinutes: 600 });
    const asPayer = await exchangeUntil("disputed", { payer: payerAdmin });
    await expectRefusal(prisma, () => resolveDispute(payerAdmin.id, { exchangeId: asPayer.id, outcome: "void", note: NOTE }, prisma), {
      code: "forbidden",
      message: /another admin/,
      ...refusalOf(asPayer),
    });
    const providerAdmin = await createMember(prisma, { role: "admin" });
    const asProvider = await exchangeUntil("disputed", { provider: providerAdmin });
    await expectRefusal(prisma, () => resolveDispute(providerAdmin.id, { exchangeId: asProvider.id, outcome: "recorded", note: NOTE }, prisma), {
      code: "forbidden",
      ...refusalOf(asProvider),
    });
  });

  it.each([
    ["a plain active member", { role: "member" }],
    ["a pending member", { status: "pending" }],
    ["a suspended member", { status: "suspended" }],
    ["a pending admin", { role: "admin", status: "pending" }],
    ["a suspended admin", { role: "admin", status: "suspended" }],
  ] as const)("refuses %s as the actor (forbidden)", async (_who, actorOptions) => {
    const actor = await createMember(prisma, actorOptions);
    const x = await exchangeUntil("disputed");
    await expectRefusal(prisma, () => resolveDispute(actor.id, { exchangeId: x.id, outcome: "recorded", note: NOTE }, prisma), {
      code: "forbidden",
      ...refusalOf(x),
    });
  });

  it("refuses the members of the exchange themselves, and an actor who is not a member", async () => {
    const x = await exchangeUntil("disputed");
    for (const party of [x.payer, x.provider]) {
      await expectRefusal(prisma, () => resolveDispute(party.id, { exchangeId: x.id, outcome: "amount", minutes: 120, note: NOTE }, prisma), {
        code: "forbidden",
        ...refusalOf(x),
      });
    }
    await expectRefusal(prisma, () => resolveDispute(randomUUID(), { exchangeId: x.id, outcome: "void", note: NOTE }, prisma), {
      code: "unauthenticated",
      ...refusalOf(x),
    });
  });

  it("lets exactly one of two admins settling the same dispute at once succeed; the ledger moves once", async () => {
    const second = await createMember(prisma, { role: "admin", name: "Bea Backup" });
    for (let round = 0; round < 3; round++) {
      const x = await exchangeUntil("disputed", { agreed: 120, delivered: 90 });
      const { holdId } = await prisma.exchange.findUniqueOrThrow({ where: { id: x.id } });
      const results = await Promise.allSettled([
        resolveDispute(admin.id, { exchangeId: x.id, outcome: "recorded", note: NOTE }, prisma),
        resolveDispute(second.id, { exchangeId: x.id, outcome: "void", note: "No help was given, so nothing should move." }, prisma),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(AppError);
      expect((lost[0]!.reason as AppError).code).toBe("conflict");

      const posted = won[0]!.value.postedMinutes;
      expect([0, 90]).toContain(posted);
      expect(await prisma.ledgerHoldResolution.count({ where: { holdId: holdId! } })).toBe(1);
      expect(await prisma.ledgerTransfer.count({ where: { holdId: holdId! } })).toBe(posted === 0 ? 0 : 1);
      expect(await balanceOf(prisma, x.payer.id)).toMatchObject({ balanceMinutes: x.payerBefore.balanceMinutes - posted, heldMinutes: x.payerBefore.heldMinutes });
      expect(await balanceOf(prisma, x.provider.id)).toMatchObject({ balanceMinutes: x.providerBefore.balanceMinutes + posted });
      expect(await prisma.exchangeEvent.count({ where: { exchangeId: x.id, toState: "resolved" } })).toBe(1);
      expect(await prisma.auditLog.count({ where: { action: "dispute.resolve", targetId: x.id } })).toBe(1);
      expect(await prisma.notification.count({ where: { kind: "exchange.resolved", link: `/exchanges/${x.id}` } })).toBe(2);
      expect(await reconcile(prisma)).toEqual([]);
    }
  });
});

describe("what admins read", () => {
  it("lists open disputes oldest first, and resolved ones as recently resolved, newest first", async () => {
    const older = await exchangeUntil("disputed", { agreed: 120, delivered: 90 });
    const newer = await exchangeUntil("disputed", { agreed: 60, delivered: 60 });
    let { open, recentlyResolved } = await listDisputes(prisma);
    const ids = open.map((d) => d.id);
    expect(ids).toContain(older.id);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    const times = open.map((d) => d.since.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(open.find((d) => d.id === older.id)).toMatchObject({
      title: "I can build an SPC chart",
      payer: { id: older.payer.id, name: "Pat Payer" },
      provider: { id: older.provider.id, name: "Priya Provider" },
      agreedMinutes: 120,
      deliveredMinutes: 90,
      disputeReason: "We only met for half an hour.",
      resolutionNote: null,
    });
    expect(recentlyResolved.map((d) => d.id)).not.toContain(older.id);

    await resolveDispute(admin.id, { exchangeId: newer.id, outcome: "void", note: NOTE }, prisma);
    await resolveDispute(admin.id, { exchangeId: older.id, outcome: "recorded", note: NOTE }, prisma);
    ({ open, recentlyResolved } = await listDisputes(prisma));
    expect(open.map((d) => d.id)).not.toContain(older.id);
    expect(open.map((d) => d.id)).not.toContain(newer.id);
    expect(recentlyResolved.slice(0, 2).map((d) => d.id)).toEqual([older.id, newer.id]);
    const resolved = await prisma.exchange.findUniqueOrThrow({ where: { id: older.id } });
    expect(recentlyResolved[0]).toMatchObject({ resolutionNote: NOTE, since: resolved.closedAt });
  });

  it("shows an exchange in full: its events in order and the messages of both members", async () => {
    const x = await exchangeUntil("accepted", { agreed: 120 });
    await sendMessage(x.payer.id, { exchangeId: x.id, body: "Shall we meet on Tuesday?", requestKey: randomUUID() }, prisma);
    await sendMessage(x.provider.id, { exchangeId: x.id, body: "Tuesday at two works for me.", requestKey: randomUUID() }, prisma);
    await deliverExchange(x.provider.id, { exchangeId: x.id, minutesGiven: 120 }, prisma);
    await disputeExchange(x.payer.id, { exchangeId: x.id, reason: "We only met for half an hour." }, prisma);
    await sendMessage(x.payer.id, { exchangeId: x.id, body: "It was thirty minutes, not two hours.", requestKey: randomUUID() }, prisma);
    await resolveDispute(admin.id, { exchangeId: x.id, outcome: "amount", minutes: 30, note: NOTE }, prisma);

    const detail = await getExchangeForAdmin(x.id, prisma);
    expect(detail).toMatchObject({
      id: x.id,
      state: "resolved",
      agreedMinutes: 120,
      deliveredMinutes: 120,
      disputeReason: "We only met for half an hour.",
      resolutionNote: NOTE,
      payer: { id: x.payer.id },
      provider: { id: x.provider.id },
    });
    expect(detail!.transferId).not.toBeNull();
    expect(detail!.holdId).not.toBeNull();
    expect(detail!.events.map((e) => [e.fromState, e.toState, e.actorName])).toEqual([
      [null, "proposed", "Pat Payer"],
      ["proposed", "accepted", "Priya Provider"],
      ["accepted", "delivered", "Priya Provider"],
      ["delivered", "disputed", "Pat Payer"],
      ["disputed", "resolved", "Ada Admin"],
    ]);
    expect(detail!.events[3]!.note).toBe("We only met for half an hour.");
    expect(detail!.events[4]!.note).toBe(NOTE);
    expect(detail!.messages.map((m) => [m.senderName, m.fromProvider, m.body])).toEqual([
      ["Pat Payer", false, "Shall we meet on Tuesday?"],
      ["Priya Provider", true, "Tuesday at two works for me."],
      ["Pat Payer", false, "It was thirty minutes, not two hours."],
    ]);
  });

  it("returns null for an unknown exchange or an id that is not a uuid", async () => {
    expect(await getExchangeForAdmin(randomUUID(), prisma)).toBeNull();
    expect(await getExchangeForAdmin("not-an-id", prisma)).toBeNull();
  });
});

describe("the admin tabs' counts", () => {
  const disputed = () => prisma.exchange.count({ where: { state: "disputed" } });

  it("counts disputed exchanges and members waiting for approval in one query, as separate counts do, and the overview shows the same", async () => {
    const before = await adminTabCounts(prisma);
    expect(before).toEqual({ pending: await countPendingMembers(prisma), disputes: await disputed() });
    // Two disputes (one then settled), a confirmed exchange; a member waiting with a profile, one without.
    await exchangeUntil("disputed");
    const settled = await exchangeUntil("disputed");
    await resolveDispute(admin.id, { exchangeId: settled.id, outcome: "recorded", note: NOTE }, prisma);
    await exchangeUntil("confirmed");
    await createMember(prisma, { status: "pending" });
    await createMember(prisma, { status: "pending", profileDone: false });
    const after = await adminTabCounts(prisma);
    expect(after).toEqual({ pending: before.pending + 1, disputes: before.disputes + 1 });
    expect(after).toEqual({ pending: await countPendingMembers(prisma), disputes: await disputed() });
    expect(await getAdminOverview(prisma)).toMatchObject({ pendingReady: after.pending, openDisputes: after.disputes });
  });
});
