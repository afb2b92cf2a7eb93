// Invariant 6 (an idempotency key posts at most once), the hold lifecycle (a hold ends once),
// invariant 5's reversals (at most once, linked to the original) and invariant 7 (a confirmed
// exchange posts exactly one transfer).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hold, postHold, reconcile, reverse, transfer, verifyChain, voidHold } from "../../lib/ledger";
import { createTestDatabase, useTestDatabase } from "../helpers/db";
import {
  accountState,
  asLedgerError,
  createMembers,
  expectLedgerError,
  expectSqlState,
  issuanceAccount,
  ledgerSnapshot,
  newKey,
  raceBehindLock,
  refusedWithoutChange,
  sql,
  tally,
  type Member,
} from "../helpers/ledger";

const database = await useTestDatabase();
const prisma = database.prisma();
const raw = await database.pgClient();
/** Holds account locks to line racing calls up (raceBehindLock). */
const locker = await database.pgClient();

async function pair(fundMinutes = 300): Promise<[Member, Member]> {
  const [a, b] = await createMembers(prisma, 2, { fundMinutes });
  return [a!, b!];
}

describe("invariant 6: an idempotency key posts at most once", () => {
  it("replays a transfer retried with the same key and parameters, moving nothing new", async () => {
    const [a, b] = await pair();
    const input = { kind: "donation" as const, debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 40, idempotencyKey: newKey() };
    const first = await transfer(input, prisma);
    expect(first.replayed).toBe(false);
    const before = await ledgerSnapshot(raw);
    const again = await transfer({ ...input, memo: "a retry may carry another memo" }, prisma);
    expect(again).toEqual({ transferId: first.transferId, replayed: true });
    expect(await ledgerSnapshot(raw)).toEqual(before);
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 260 });
  });

  it.each([
    ["a different amount", { amountMinutes: 41 }],
    ["a different kind", { kind: "adjustment" as const }],
    ["swapped accounts", { swap: true }],
    ["another credit account", { otherCredit: true }],
  ])("refuses the same transfer key with %s (idempotency_conflict)", async (_what, change) => {
    const [a, b] = await pair();
    const [c] = await createMembers(prisma, 1);
    const input = { kind: "donation" as const, debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 40, idempotencyKey: newKey() };
    const first = await transfer(input, prisma);
    const changed = {
      ...input,
      ...("amountMinutes" in change ? { amountMinutes: change.amountMinutes } : {}),
      ...("kind" in change ? { kind: change.kind } : {}),
      ...("swap" in change ? { debitAccountId: b.accountId, creditAccountId: a.accountId } : {}),
      ...("otherCredit" in change ? { creditAccountId: c!.accountId } : {}),
    };
    const err = await refusedWithoutChange(raw, () => transfer(changed, prisma));
    expectLedgerError(err, "idempotency_conflict", new RegExp(`idempotency key ${input.idempotencyKey} was already used for a different transfer \\(${first.transferId}\\)`));
  });

  it("replays a hold retried with the same key; refuses the key with another amount, account or exchange", async () => {
    const [a, b] = await pair();
    const [c] = await createMembers(prisma, 1);
    const exchangeId = randomUUID();
    const input = { debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 50, idempotencyKey: newKey(), exchangeId };
    const first = await hold(input, prisma);
    const before = await ledgerSnapshot(raw);
    expect(await hold(input, prisma)).toEqual({ holdId: first.holdId, replayed: true });
    expect(await ledgerSnapshot(raw)).toEqual(before);
    expect(await accountState(raw, a.accountId)).toMatchObject({ held: 50 });

    for (const changed of [
      { ...input, amountMinutes: 51 },
      { ...input, creditAccountId: c!.accountId },
      { ...input, debitAccountId: c!.accountId },
      { ...input, exchangeId: randomUUID() },
      { ...input, exchangeId: null },
    ]) {
      const err = await refusedWithoutChange(raw, () => hold(changed, prisma));
      expectLedgerError(err, "idempotency_conflict", /already used for a different hold/);
    }
  });

  it("replays a post retried with the same key; refuses the key with another amount or for another hold", async () => {
    const [a, b] = await pair();
    const h1 = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 30, idempotencyKey: newKey() }, prisma);
    const h2 = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 30, idempotencyKey: newKey() }, prisma);
    const key = newKey("post");
    const first = await postHold({ holdId: h1.holdId, idempotencyKey: key }, prisma);
    expect(first.replayed).toBe(false);
    const before = await ledgerSnapshot(raw);
    expect(await postHold({ holdId: h1.holdId, idempotencyKey: key }, prisma)).toEqual({ transferId: first.transferId, replayed: true });
    // Naming the amount the hold was posted for is the same request.
    expect(await postHold({ holdId: h1.holdId, amountMinutes: 30, idempotencyKey: key }, prisma)).toEqual({ transferId: first.transferId, replayed: true });
    expect(await ledgerSnapshot(raw)).toEqual(before);

    const otherAmount = await refusedWithoutChange(raw, () => postHold({ holdId: h1.holdId, amountMinutes: 20, idempotencyKey: key }, prisma));
    expectLedgerError(otherAmount, "idempotency_conflict");
    const otherHold = await refusedWithoutChange(raw, () => postHold({ holdId: h2.holdId, idempotencyKey: key }, prisma));
    expectLedgerError(otherHold, "idempotency_conflict");
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 270, held: 30 });
  });

  it("replays a void retried with the same key; refuses the key for another hold", async () => {
    const [a, b] = await pair();
    const h1 = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 30, idempotencyKey: newKey() }, prisma);
    const h2 = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 20, idempotencyKey: newKey() }, prisma);
    const key = newKey("void");
    expect(await voidHold({ holdId: h1.holdId, idempotencyKey: key }, prisma)).toEqual({ holdId: h1.holdId, replayed: false });
    const before = await ledgerSnapshot(raw);
    expect(await voidHold({ holdId: h1.holdId, idempotencyKey: key }, prisma)).toEqual({ holdId: h1.holdId, replayed: true });
    expect(await ledgerSnapshot(raw)).toEqual(before);
    const err = await refusedWithoutChange(raw, () => voidHold({ holdId: h2.holdId, idempotencyKey: key }, prisma));
    expectLedgerError(err, "idempotency_conflict", /already used for a different hold resolution/);
    expect(await accountState(raw, a.accountId)).toMatchObject({ held: 20 });
  });

  it("refuses a post key reused to void, and a void key reused to post another hold", async () => {
    const [a, b] = await pair();
    const h1 = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 10, idempotencyKey: newKey() }, prisma);
    const h2 = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 10, idempotencyKey: newKey() }, prisma);
    const h3 = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 10, idempotencyKey: newKey() }, prisma);
    const postKey = newKey("post");
    await postHold({ holdId: h1.holdId, idempotencyKey: postKey }, prisma);
    const voidWithPostKey = await refusedWithoutChange(raw, () => voidHold({ holdId: h1.holdId, idempotencyKey: postKey }, prisma));
    expectLedgerError(voidWithPostKey, "idempotency_conflict");

    const voidKey = newKey("void");
    await voidHold({ holdId: h2.holdId, idempotencyKey: voidKey }, prisma);
    const postWithVoidKey = await refusedWithoutChange(raw, () => postHold({ holdId: h3.holdId, idempotencyKey: voidKey }, prisma));
    expectLedgerError(postWithVoidKey, "idempotency_conflict");
  });

  it("replays a reversal retried with the same key; refuses the key for another transfer", async () => {
    const [a, b] = await pair();
    const t1 = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 25, idempotencyKey: newKey() }, prisma);
    const t2 = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 25, idempotencyKey: newKey() }, prisma);
    const key = newKey("rev");
    const first = await reverse({ transferId: t1.transferId, idempotencyKey: key }, prisma);
    const before = await ledgerSnapshot(raw);
    expect(await reverse({ transferId: t1.transferId, idempotencyKey: key }, prisma)).toEqual({ transferId: first.transferId, replayed: true });
    expect(await ledgerSnapshot(raw)).toEqual(before);
    const err = await refusedWithoutChange(raw, () => reverse({ transferId: t2.transferId, idempotencyKey: key }, prisma));
    expectLedgerError(err, "idempotency_conflict");
  });

  it("refuses a raw INSERT that reuses a transfer's idempotency key", async () => {
    const [a, b] = await pair();
    const key = newKey();
    await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 5, idempotencyKey: key }, prisma);
    const err = await refusedWithoutChange(raw, () =>
      raw.query(
        `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key) VALUES ('donation', $1, $2, 5, $3)`,
        [a.accountId, b.accountId, key],
      ),
    );
    expectSqlState(err, "23505", /ledger_transfers_idempotency_key_key/);
  });

  it("ten concurrent calls with one transfer key post once and all return the same transfer", async () => {
    const [a, b] = await pair();
    const pool = database.prisma({ max: 10 });
    const input = { kind: "donation" as const, debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 200, idempotencyKey: newKey() };
    const settled = await raceBehindLock(locker, prisma, [a.accountId], 10, () => Array.from({ length: 10 }, () => transfer(input, pool)));
    const { ok: results, codes, other } = tally(settled);
    expect({ codes, other }).toEqual({ codes: [], other: [] });
    expect(new Set(results.map((r) => r.transferId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 100 });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("ten concurrent calls with one post key post the hold once and all return the same transfer", async () => {
    const [a, b] = await pair();
    const h = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 60, idempotencyKey: newKey() }, prisma);
    const pool = database.prisma({ max: 10 });
    const key = newKey("post");
    const settled = await raceBehindLock(locker, prisma, [a.accountId], 10, () =>
      Array.from({ length: 10 }, () => postHold({ holdId: h.holdId, idempotencyKey: key }, pool)),
    );
    const { ok: results, codes, other } = tally(settled);
    expect({ codes, other }).toEqual({ codes: [], other: [] });
    expect(new Set(results.map((r) => r.transferId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 240, held: 0 });
    expect(await reconcile(prisma)).toEqual([]);
  });

  // Regression test for a bug these tests found (now fixed): ledger_holds_apply is a BEFORE INSERT trigger that adds to held_minutes
  // before ON CONFLICT (idempotency_key) DO NOTHING skips the duplicate row, so a racing retry
  // counts the hold twice (or, on a tight account, fails with below_floor instead of replaying).
  // It runs on a database of its own, because the bug leaves held_minutes wrong for good.
  it("ten concurrent calls with one hold key hold the minutes once", async () => {
    const own = await createTestDatabase();
    try {
      const ownPrisma = own.prisma();
      const [a, b] = await createMembers(ownPrisma, 2, { fundMinutes: 300 });
      const pool = own.prisma({ max: 10 });
      const input = { debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 50, idempotencyKey: newKey() };
      const ownLocker = await own.pgClient();
      const results = await raceBehindLock(ownLocker, ownPrisma, [a!.accountId], 10, () => Array.from({ length: 10 }, () => hold(input, pool)));
      const { ok, codes, other } = tally(results);
      const state = await accountState(ownPrisma, a!.accountId);
      const problems = await reconcile(ownPrisma);
      expect({ codes, other }).toEqual({ codes: [], other: [] });
      expect(new Set(ok.map((r) => r.holdId)).size).toBe(1);
      expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
      expect({ state, problems }).toEqual({ state: expect.objectContaining({ balance: 300, held: 50 }), problems: [] });
    } finally {
      await own.drop();
    }
  });

  // Regression test for a bug these tests found (now fixed): a retry racing the first reversal with the same key gets
  // already_reversed (TB005 from the BEFORE trigger) instead of the first result.
  it("ten concurrent calls with one reversal key reverse once and all return the same transfer", async () => {
    const [a, b] = await pair();
    const t = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 20, idempotencyKey: newKey() }, prisma);
    const pool = database.prisma({ max: 10 });
    const key = newKey("rev");
    const results = await raceBehindLock(locker, prisma, [a.accountId, b.accountId], 10, () =>
      Array.from({ length: 10 }, () => reverse({ transferId: t.transferId, idempotencyKey: key }, pool)),
    );
    const { ok, codes, other } = tally(results);
    expect({ codes, other }).toEqual({ codes: [], other: [] });
    expect(new Set(ok.map((r) => r.transferId)).size).toBe(1);
    expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
  });
});

describe("a hold ends once: posted or voided", () => {
  async function openHold(amount = 40) {
    const [a, b] = await pair();
    const h = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: amount, idempotencyKey: newKey() }, prisma);
    return { a, b, holdId: h.holdId };
  }

  it("ten concurrent voids with one key inside callers' transactions (no retries) release the hold once and all replay it", async () => {
    const { a, holdId } = await openHold(40);
    const before = await accountState(raw, a.accountId);
    const key = newKey("void");
    const pool = database.prisma({ max: 10 });
    const results = await raceBehindLock(locker, raw, [a.accountId], 10, () =>
      Array.from({ length: 10 }, () => pool.$transaction((tx) => voidHold({ holdId, idempotencyKey: key }, tx))),
    );
    const { ok, codes, other } = tally(results);
    expect(other).toEqual([]);
    expect(codes).toEqual([]);
    expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
    expect(ok.every((r) => r.holdId === holdId)).toBe(true);
    expect((await accountState(raw, a.accountId)).held).toBe(before.held - 40);
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("refuses posting a hold twice with different keys (already_resolved)", async () => {
    const { a, holdId } = await openHold();
    const key = newKey("post");
    const first = await postHold({ holdId, idempotencyKey: key }, prisma);
    const err = await refusedWithoutChange(raw, () => postHold({ holdId, idempotencyKey: newKey("post") }, prisma));
    expectLedgerError(err, "already_resolved", new RegExp(`hold ${holdId} was already posted`));
    // The retry of the first post, same key, still gets the original transfer.
    expect(await postHold({ holdId, idempotencyKey: key }, prisma)).toEqual({ transferId: first.transferId, replayed: true });
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 260, held: 0 });
  });

  it("refuses voiding a posted hold", async () => {
    const { a, holdId } = await openHold();
    await postHold({ holdId, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(raw, () => voidHold({ holdId, idempotencyKey: newKey() }, prisma));
    expectLedgerError(err, "already_resolved", /was already posted/);
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 260, held: 0 });
  });

  it("refuses posting a voided hold", async () => {
    const { a, holdId } = await openHold();
    await voidHold({ holdId, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(raw, () => postHold({ holdId, idempotencyKey: newKey() }, prisma));
    expectLedgerError(err, "already_resolved", /was already voided/);
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 300, held: 0 });
  });

  it("refuses voiding a hold twice with different keys", async () => {
    const { a, holdId } = await openHold();
    await voidHold({ holdId, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(raw, () => voidHold({ holdId, idempotencyKey: newKey() }, prisma));
    expectLedgerError(err, "already_resolved", /was already voided/);
    // held_minutes was released once, not twice.
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 300, held: 0 });
  });

  it("refuses posting or voiding a hold that does not exist (not_found)", async () => {
    expectLedgerError(await refusedWithoutChange(raw, () => postHold({ holdId: 987_654n, idempotencyKey: newKey() }, prisma)), "not_found");
    expectLedgerError(await refusedWithoutChange(raw, () => voidHold({ holdId: 987_654n, idempotencyKey: newKey() }, prisma)), "not_found");
  });

  it("of ten concurrent posts of one hold with different keys exactly one succeeds", async () => {
    const { a, b, holdId } = await openHold(70);
    const pool = database.prisma({ max: 10 });
    const results = await raceBehindLock(locker, prisma, [a.accountId], 10, () =>
      Array.from({ length: 10 }, () => postHold({ holdId, idempotencyKey: newKey("post") }, pool)),
    );
    const { ok, codes, other } = tally(results);
    expect(other).toEqual([]);
    expect(ok).toHaveLength(1);
    expect(codes).toEqual(Array(9).fill("already_resolved"));
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 230, held: 0 });
    expect(await accountState(raw, b.accountId)).toMatchObject({ balance: 370 });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("of concurrent posts and voids of one hold exactly one wins", async () => {
    const { a, holdId } = await openHold(70);
    const pool = database.prisma({ max: 10 });
    const results = await raceBehindLock<unknown>(locker, prisma, [a.accountId], 10, () =>
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0 ? postHold({ holdId, idempotencyKey: newKey("post") }, pool) : voidHold({ holdId, idempotencyKey: newKey("void") }, pool),
      ),
    );
    const { ok, codes, other } = tally(results);
    expect(other).toEqual([]);
    expect(ok).toHaveLength(1);
    expect(codes).toEqual(Array(9).fill("already_resolved"));
    const s = await accountState(raw, a.accountId);
    expect(s.held).toBe(0);
    expect([230, 300]).toContain(s.balance);
    expect(await reconcile(prisma)).toEqual([]);
  });
});

describe("reversals: a correction is a new transfer naming the original, at most once", () => {
  it("links the reversal to the original and moves the balances back", async () => {
    const [a, b] = await pair();
    const t = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 90, idempotencyKey: newKey() }, prisma);
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 210 });
    const r = await reverse({ transferId: t.transferId, idempotencyKey: newKey(), memo: "entered twice" }, prisma);
    expect(r.replayed).toBe(false);
    const [row] = await sql<{ kind: string; debit_account_id: number; credit_account_id: number; amount_minutes: number; reverses: string; memo: string }>(
      raw,
      `SELECT kind::text, debit_account_id, credit_account_id, amount_minutes, reverses_transfer_id::text AS reverses, memo
         FROM ledger_transfers WHERE id = $1`,
      [r.transferId.toString()],
    );
    expect(row).toEqual({
      kind: "reversal",
      debit_account_id: b.accountId,
      credit_account_id: a.accountId,
      amount_minutes: 90,
      reverses: t.transferId.toString(),
      memo: "entered twice",
    });
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 300 });
    expect(await accountState(raw, b.accountId)).toMatchObject({ balance: 300 });
    // The original is still there, untouched: corrections append, they do not edit.
    const [original] = await sql<{ n: number }>(raw, `SELECT count(*)::int AS n FROM ledger_transfers WHERE id = $1 AND amount_minutes = 90`, [
      t.transferId.toString(),
    ]);
    expect(original!.n).toBe(1);
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
  });

  it("refuses reversing a transfer twice (already_reversed)", async () => {
    const [a, b] = await pair();
    const t = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 10, idempotencyKey: newKey() }, prisma);
    await reverse({ transferId: t.transferId, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(raw, () => reverse({ transferId: t.transferId, idempotencyKey: newKey() }, prisma));
    expectLedgerError(err, "already_reversed", new RegExp(`transfer ${t.transferId} was already reversed`));
  });

  it("refuses reversing a reversal", async () => {
    const [a, b] = await pair();
    const t = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 10, idempotencyKey: newKey() }, prisma);
    const r = await reverse({ transferId: t.transferId, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(raw, () => reverse({ transferId: r.transferId, idempotencyKey: newKey() }, prisma));
    expectLedgerError(err, "invalid", /is itself a reversal/);
  });

  it("refuses a reversal that would take the original creditor below their floor", async () => {
    const [a] = await pair();
    const [b, c] = await createMembers(prisma, 2, { floorMinutes: -100 });
    const t = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b!.accountId, amountMinutes: 150, idempotencyKey: newKey() }, prisma);
    // b spends what it received, and then some: balance -90, floor -100.
    await transfer({ kind: "donation", debitAccountId: b!.accountId, creditAccountId: c!.accountId, amountMinutes: 240, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(raw, () => reverse({ transferId: t.transferId, idempotencyKey: newKey() }, prisma));
    expectLedgerError(err, "below_floor", new RegExp(`account ${b!.accountId} cannot pay 150 minutes: 10 minutes available`));
  });

  it("refuses reversing a transfer that does not exist (not_found)", async () => {
    const err = await refusedWithoutChange(raw, () => reverse({ transferId: 123_456_789n, idempotencyKey: newKey() }, prisma));
    expectLedgerError(err, "not_found");
  });

  it("refuses raw reversals that do not mirror the original, or reverse it a second time", async () => {
    const [a, b] = await pair();
    const t = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 30, idempotencyKey: newKey() }, prisma);
    const insertReversal = (debit: number, credit: number, amount: number) =>
      raw.query(
        `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, reverses_transfer_id)
         VALUES ('reversal', $1, $2, $3, $4, $5)`,
        [debit, credit, amount, newKey("raw-rev"), t.transferId.toString()],
      );
    expectSqlState(await refusedWithoutChange(raw, () => insertReversal(b.accountId, a.accountId, 29)), "TB001", /moves the same 30 minutes back/);
    expectSqlState(await refusedWithoutChange(raw, () => insertReversal(a.accountId, b.accountId, 30)), "TB001", /moves the same 30 minutes back/);
    await insertReversal(b.accountId, a.accountId, 30);
    const twice = await refusedWithoutChange(raw, () => insertReversal(b.accountId, a.accountId, 30));
    expectSqlState(twice, "TB005", /was already reversed/);
    expect(asLedgerError(twice).code).toBe("already_reversed");
  });

  it("refuses a raw reversal that names no original, and a non-reversal that names one", async () => {
    const [a, b] = await pair();
    const t = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 30, idempotencyKey: newKey() }, prisma);
    const noLink = await refusedWithoutChange(raw, () =>
      raw.query(`INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key) VALUES ('reversal', $1, $2, 30, $3)`, [
        b.accountId,
        a.accountId,
        newKey(),
      ]),
    );
    expectSqlState(noLink, "23514", /ledger_transfers_reversal_link/);
    const grantWithLink = await refusedWithoutChange(raw, () =>
      raw.query(
        `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, reverses_transfer_id)
         VALUES ('donation', $1, $2, 30, $3, $4)`,
        [b.accountId, a.accountId, newKey(), t.transferId.toString()],
      ),
    );
    expectSqlState(grantWithLink, "23514", /ledger_transfers_reversal_link/);
  });

  it("of ten concurrent reversals of one transfer with different keys exactly one succeeds", async () => {
    const [a, b] = await pair();
    const t = await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 80, idempotencyKey: newKey() }, prisma);
    const pool = database.prisma({ max: 10 });
    const results = await raceBehindLock(locker, prisma, [a.accountId, b.accountId], 10, () =>
      Array.from({ length: 10 }, () => reverse({ transferId: t.transferId, idempotencyKey: newKey("rev") }, pool)),
    );
    const { ok, codes, other } = tally(results);
    expect(other).toEqual([]);
    expect(ok).toHaveLength(1);
    expect(codes).toEqual(Array(9).fill("already_reversed"));
    expect(await accountState(raw, a.accountId)).toMatchObject({ balance: 300 });
    expect(await reconcile(prisma)).toEqual([]);
  });
});

describe("invariant 7: a confirmed exchange posts exactly one transfer", () => {
  it("an exchange's hold posts exactly one exchange transfer, linked to the hold and the exchange", async () => {
    const [payer, provider] = await pair();
    const exchangeId = randomUUID();
    const h = await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 60, idempotencyKey: newKey(), exchangeId }, prisma);
    const p = await postHold({ holdId: h.holdId, idempotencyKey: newKey() }, prisma);
    const rows = await sql<{ id: string; kind: string; hold_id: string; amount_minutes: number }>(
      raw,
      `SELECT id::text, kind::text, hold_id::text, amount_minutes FROM ledger_transfers WHERE exchange_id = $1`,
      [exchangeId],
    );
    expect(rows).toEqual([{ id: p.transferId.toString(), kind: "exchange", hold_id: h.holdId.toString(), amount_minutes: 60 }]);
    // Confirming again (a double click, with a new key) is refused.
    const again = await refusedWithoutChange(raw, () => postHold({ holdId: h.holdId, idempotencyKey: newKey() }, prisma));
    expectLedgerError(again, "already_resolved");
  });

  it("refuses a second transfer with the same exchange_id inserted behind the ledger's back", async () => {
    const [payer, provider] = await pair();
    const exchangeId = randomUUID();
    const h = await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 60, idempotencyKey: newKey(), exchangeId }, prisma);
    await postHold({ holdId: h.holdId, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(raw, () =>
      raw.query(
        `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, exchange_id)
         VALUES ('exchange', $1, $2, 60, $3, $4)`,
        [payer.accountId, provider.accountId, newKey("raw"), exchangeId],
      ),
    );
    expectSqlState(err, "23505", /ledger_transfers_exchange_id_key/);
  });

  it("refuses a second hold for the same exchange", async () => {
    const [payer, provider] = await pair();
    const exchangeId = randomUUID();
    await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 60, idempotencyKey: newKey(), exchangeId }, prisma);
    const err = await refusedWithoutChange(raw, () =>
      hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 60, idempotencyKey: newKey(), exchangeId }, prisma),
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as { sqlState?: string }).sqlState).toBe("23505");
    expect(await accountState(raw, payer.accountId)).toMatchObject({ held: 60 });
  });

  it("refuses a non-exchange transfer that names an exchange", async () => {
    const [payer, provider] = await pair();
    const issuance = await issuanceAccount(prisma);
    const err = await refusedWithoutChange(raw, () =>
      raw.query(
        `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, exchange_id)
         VALUES ('grant', $1, $2, 60, $3, $4)`,
        [issuance, provider.accountId, newKey("raw"), randomUUID()],
      ),
    );
    expectSqlState(err, "23514", /ledger_transfers_exchange_link/);
    expect(payer.accountId).not.toBe(provider.accountId);
  });

  it("refuses a raw transfer that posts an exchange's hold under another exchange id", async () => {
    const [payer, provider] = await pair();
    const exchangeId = randomUUID();
    const h = await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 60, idempotencyKey: newKey(), exchangeId }, prisma);
    const err = await refusedWithoutChange(raw, () =>
      raw.query(
        `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, exchange_id, hold_id)
         VALUES ('exchange', $1, $2, 60, $3, $4, $5)`,
        [payer.accountId, provider.accountId, newKey("raw"), randomUUID(), h.holdId.toString()],
      ),
    );
    expectSqlState(err, "TB001", /for its own exchange/);
  });

  it("of ten concurrent confirmations of one exchange, one posts and the ledger stays whole", async () => {
    const [payer, provider] = await pair();
    const exchangeId = randomUUID();
    const h = await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 45, idempotencyKey: newKey(), exchangeId }, prisma);
    const pool = database.prisma({ max: 10 });
    const results = await raceBehindLock(locker, prisma, [payer.accountId], 10, () =>
      Array.from({ length: 10 }, () => postHold({ holdId: h.holdId, idempotencyKey: newKey("confirm") }, pool)),
    );
    const { ok, codes, other } = tally(results);
    expect(other).toEqual([]);
    expect(ok).toHaveLength(1);
    expect(codes).toEqual(Array(9).fill("already_resolved"));
    const [n] = await sql<{ n: number }>(raw, `SELECT count(*)::int AS n FROM ledger_transfers WHERE exchange_id = $1`, [exchangeId]);
    expect(n!.n).toBe(1);
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
  });
});
