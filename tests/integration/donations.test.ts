// Donating hours to another member or to the community pool, through the ledger, once per form.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hold, reconcile } from "../../lib/ledger";
import { donateHours } from "../../lib/members/donate-hours";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, snapshotCounts } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();

const poolBalance = async () => (await prisma.ledgerAccount.findUniqueOrThrow({ where: { code: "community" } })).balanceMinutes;

describe("donateHours", () => {
  it("moves hours to another active member and tells them", async () => {
    const giver = await createMember(prisma, { name: "Gita Shah", balanceMinutes: 300 });
    const taker = await createMember(prisma);
    const result = await donateHours(giver.id, { to: taker.id, minutes: 90, note: "For the audit work", requestKey: randomUUID() }, prisma);
    expect(result.replayed).toBe(false);
    expect(await balanceOf(prisma, giver.id)).toMatchObject({ balanceMinutes: 210 });
    expect(await balanceOf(prisma, taker.id)).toMatchObject({ balanceMinutes: 90 });
    const t = await prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: BigInt(result.transferId) } });
    expect(t).toMatchObject({ kind: "donation", amountMinutes: 90, actorId: giver.id, memo: "For the audit work" });
    const n = await prisma.notification.findFirstOrThrow({ where: { memberId: taker.id, kind: "donation.received" } });
    expect(n.title).toContain("Gita");
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("gives to the community pool, typed as hours and minutes", async () => {
    const giver = await createMember(prisma, { balanceMinutes: 300 });
    const pool = await poolBalance();
    const notifications = await prisma.notification.count();
    await donateHours(giver.id, { to: "community", hours: "1.5", mins: "15", requestKey: randomUUID() }, prisma);
    expect(await poolBalance()).toBe(pool + 105);
    expect(await balanceOf(prisma, giver.id)).toMatchObject({ balanceMinutes: 195 });
    expect(await prisma.notification.count()).toBe(notifications);
  });

  it("gives only hours the member has, never credit below zero, and says how much they can give", async () => {
    const giver = await createMember(prisma, { balanceMinutes: 60, floorMinutes: -600 });
    const taker = await createMember(prisma);
    const err = await expectRefusal(prisma, () => donateHours(giver.id, { to: taker.id, minutes: 61, requestKey: randomUUID() }, prisma), {
      code: "below_floor",
      memberIds: [giver.id, taker.id],
      unchanged: poolBalance,
    });
    expect(err.message).toMatch(/You can give up to 1 h/);
    const key = randomUUID();
    await donateHours(giver.id, { to: taker.id, minutes: 60, requestKey: key }, prisma);
    expect(await balanceOf(prisma, giver.id)).toMatchObject({ balanceMinutes: 0 });
    // The same form again replays the first donation, although nothing is left to give.
    expect(await donateHours(giver.id, { to: taker.id, minutes: 60, requestKey: key }, prisma)).toMatchObject({ replayed: true });
    const none = await expectRefusal(prisma, () => donateHours(giver.id, { to: taker.id, minutes: 15, requestKey: randomUUID() }, prisma), {
      code: "below_floor",
      memberIds: [giver.id, taker.id],
      unchanged: poolBalance,
    });
    expect(none.message).toMatch(/no hours to give/);
  });

  it("counts hours held for exchanges as not the member's to give", async () => {
    const giver = await createMember(prisma, { balanceMinutes: 120 });
    const taker = await createMember(prisma);
    const provider = await createMember(prisma);
    await hold({ debitAccountId: giver.accountId, creditAccountId: provider.accountId, amountMinutes: 90, idempotencyKey: `held-${giver.id}` }, prisma);
    await expectRefusal(prisma, () => donateHours(giver.id, { to: taker.id, minutes: 31, requestKey: randomUUID() }, prisma), {
      code: "below_floor",
      memberIds: [giver.id, taker.id],
      unchanged: poolBalance,
    });
    await donateHours(giver.id, { to: taker.id, minutes: 30, requestKey: randomUUID() }, prisma);
    expect(await balanceOf(prisma, giver.id)).toMatchObject({ balanceMinutes: 90, heldMinutes: 90 });
  });

  it("posts once when the same form is submitted twice", async () => {
    const giver = await createMember(prisma, { balanceMinutes: 300 });
    const taker = await createMember(prisma);
    const requestKey = randomUUID();
    const first = await donateHours(giver.id, { to: taker.id, minutes: 30, requestKey }, prisma);
    const counts = await snapshotCounts(prisma);
    const second = await donateHours(giver.id, { to: taker.id, minutes: 30, requestKey }, prisma);
    expect(second).toEqual({ transferId: first.transferId, replayed: true });
    expect(await snapshotCounts(prisma)).toEqual(counts);
    expect(await balanceOf(prisma, taker.id)).toMatchObject({ balanceMinutes: 30 });
  });

  it("posts once when the same form arrives twice at the same moment", async () => {
    const giver = await createMember(prisma, { balanceMinutes: 300 });
    const taker = await createMember(prisma);
    const requestKey = randomUUID();
    const results = await Promise.allSettled([
      donateHours(giver.id, { to: taker.id, minutes: 30, requestKey }, prisma),
      donateHours(giver.id, { to: taker.id, minutes: 30, requestKey }, prisma),
    ]);
    expect(await balanceOf(prisma, taker.id)).toMatchObject({ balanceMinutes: 30 });
    expect(await prisma.notification.count({ where: { memberId: taker.id } })).toBe(1);
    // Both submissions succeed: one posts, the other finds the first one's transfer.
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.replayed : String(r.reason))).sort()).toEqual([false, true]);
  });

  it("refuses the same form key reused for a different amount", async () => {
    const giver = await createMember(prisma, { balanceMinutes: 300 });
    const taker = await createMember(prisma);
    const requestKey = randomUUID();
    await donateHours(giver.id, { to: taker.id, minutes: 30, requestKey }, prisma);
    await expectRefusal(prisma, () => donateHours(giver.id, { to: taker.id, minutes: 45, requestKey }, prisma), {
      code: "conflict",
      memberIds: [giver.id, taker.id],
      unchanged: poolBalance,
    });
  });

  it("refuses a donation to yourself", async () => {
    const giver = await createMember(prisma, { balanceMinutes: 300 });
    const err = await expectRefusal(prisma, () => donateHours(giver.id, { to: giver.id, minutes: 30, requestKey: randomUUID() }, prisma), {
      code: "invalid",
      memberIds: [giver.id],
      unchanged: poolBalance,
    });
    expect(err.fieldErrors?.to).toBeDefined();
  });

  it("refuses a donation to a pending, suspended or unknown member", async () => {
    const giver = await createMember(prisma, { balanceMinutes: 300 });
    const pending = await createMember(prisma, { status: "pending" });
    const suspended = await createMember(prisma, { status: "suspended" });
    await expectRefusal(prisma, () => donateHours(giver.id, { to: pending.id, minutes: 30, requestKey: randomUUID() }, prisma), {
      code: "invalid",
      memberIds: [giver.id, pending.id],
      unchanged: poolBalance,
    });
    await expectRefusal(prisma, () => donateHours(giver.id, { to: suspended.id, minutes: 30, requestKey: randomUUID() }, prisma), {
      code: "invalid",
      memberIds: [giver.id],
      unchanged: poolBalance,
    });
    await expectRefusal(prisma, () => donateHours(giver.id, { to: randomUUID(), minutes: 30, requestKey: randomUUID() }, prisma), {
      code: "invalid",
      memberIds: [giver.id],
      unchanged: poolBalance,
    });
  });

  it("refuses a giver who is pending or suspended", async () => {
    const taker = await createMember(prisma);
    const pending = await createMember(prisma, { status: "pending", balanceMinutes: 100 });
    const suspended = await createMember(prisma, { status: "suspended", balanceMinutes: 100 });
    await expectRefusal(prisma, () => donateHours(pending.id, { to: taker.id, minutes: 30, requestKey: randomUUID() }, prisma), {
      code: "forbidden",
      memberIds: [pending.id, taker.id],
      unchanged: poolBalance,
    });
    await expectRefusal(prisma, () => donateHours(suspended.id, { to: taker.id, minutes: 30, requestKey: randomUUID() }, prisma), {
      code: "forbidden",
      memberIds: [suspended.id],
      unchanged: poolBalance,
    });
    await expectRefusal(prisma, () => donateHours(randomUUID(), { to: taker.id, minutes: 30, requestKey: randomUUID() }, prisma), {
      code: "unauthenticated",
      memberIds: [taker.id],
      unchanged: poolBalance,
    });
  });

  it.each([
    ["no amount", {}, "minutes"],
    ["zero minutes", { minutes: 0 }, "minutes"],
    ["negative minutes", { minutes: -30 }, "minutes"],
    ["fewer than 15 minutes", { minutes: 14 }, "minutes"],
    ["fractional minutes", { minutes: 30.5 }, "minutes"],
    ["more than 100 hours", { minutes: 6001 }, "minutes"],
    ["a huge amount", { minutes: 1e12 }, "minutes"],
    ["hours that are not a number", { hours: "lots" }, "minutes"],
    ["minutes as a word", { minutes: "thirty" }, "minutes"],
    ["a note that is too long", { minutes: 30, note: "x".repeat(201) }, "note"],
    ["a missing form key", { minutes: 30, requestKey: undefined }, "requestKey"],
    ["a short form key", { minutes: 30, requestKey: "abc" }, "requestKey"],
    ["no recipient", { minutes: 30, to: "" }, "to"],
  ])("refuses %s", async (_what, overrides, field) => {
    const giver = await createMember(prisma, { balanceMinutes: 300 });
    const taker = await createMember(prisma);
    const err = await expectRefusal(prisma, () => donateHours(giver.id, { to: taker.id, requestKey: randomUUID(), ...overrides }, prisma), {
      code: "invalid",
      memberIds: [giver.id, taker.id],
      unchanged: poolBalance,
    });
    expect(err.fieldErrors?.[field]).toBeDefined();
  });
});
