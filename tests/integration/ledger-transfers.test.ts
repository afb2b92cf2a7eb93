// Invariants 1-4: positive whole minutes between two accounts, books that always balance, cached
// balances that equal their entries, and floors that hold, counting holds, also under concurrency.
// Each attack goes through lib/ledger and through raw SQL behind its back.
import { describe, expect, it } from "vitest";
import {
  hold,
  MAX_TRANSFER_MINUTES,
  openPoolAccount,
  postHold,
  reconcile,
  reverse,
  transfer,
  trialBalance,
  verifyChain,
  voidHold,
} from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";
import {
  accountState,
  asLedgerError,
  caught,
  createMember,
  createMembers,
  expectLedgerError,
  expectSqlState,
  issuanceAccount,
  ledgerSnapshot,
  newKey,
  refusedWithoutChange,
  sql,
  tally,
} from "../helpers/ledger";

const database = await useTestDatabase();
const prisma = database.prisma();
const raw = await database.pgClient();

const INSERT_TRANSFER = `
  INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key)
  VALUES ($1, $2, $3, $4, $5) RETURNING id::text`;

describe("invariant 1: a positive whole number of minutes between two different accounts", () => {
  const badAmounts: [string, number][] = [
    ["zero", 0],
    ["negative", -30],
    ["fractional", 1.5],
    ["above the maximum", MAX_TRANSFER_MINUTES + 1],
  ];

  it.each(badAmounts)("refuses a %s amount through lib/ledger with code 'invalid'", async (_what, amount) => {
    const [a, b] = await createMembers(prisma, 2, { fundMinutes: 100 });
    const err = await refusedWithoutChange(prisma, () =>
      transfer({ kind: "donation", debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: amount, idempotencyKey: newKey() }, prisma),
    );
    expectLedgerError(err, "invalid", /amount/i);
  });

  it("refuses a same-account transfer through lib/ledger with code 'invalid'", async () => {
    const a = await createMember(prisma, { fundMinutes: 100 });
    const err = await refusedWithoutChange(prisma, () =>
      transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: a.accountId, amountMinutes: 10, idempotencyKey: newKey() }, prisma),
    );
    expectLedgerError(err, "invalid", /two different accounts/);
  });

  it.each([
    ["zero", 0, "23514", /ledger_transfers_amount_positive/],
    ["negative", -30, "23514", /ledger_transfers_amount_positive/],
    ["above the maximum", MAX_TRANSFER_MINUTES + 1, "23514", /ledger_transfers_amount_positive/],
    ["fractional (a parameter of 1.5)", 1.5, "22P02", /invalid input syntax for type integer: "1.5"/],
  ] as const)("refuses a raw INSERT of a %s amount", async (_what, amount, sqlState, message) => {
    const issuance = await issuanceAccount(prisma);
    const a = await createMember(prisma);
    const err = await refusedWithoutChange(raw, () => raw.query(INSERT_TRANSFER, ["grant", issuance, a.accountId, amount, newKey("raw")]));
    expectSqlState(err, sqlState, message);
    expect(asLedgerError(err).code).toBe("invalid");
  });

  it("refuses a fractional amount passed to the ledger_transfer() function as a parameter", async () => {
    const issuance = await issuanceAccount(prisma);
    const a = await createMember(prisma);
    const err = await refusedWithoutChange(raw, () =>
      raw.query(`SELECT * FROM ledger_transfer('grant', $1, $2, $3, $4, NULL, NULL, NULL, NULL, NULL)`, [issuance, a.accountId, 1.5, newKey()]),
    );
    expectSqlState(err, "22P02");
  });

  it("refuses a raw INSERT of a same-account transfer", async () => {
    const a = await createMember(prisma, { fundMinutes: 100 });
    const err = await refusedWithoutChange(raw, () => raw.query(INSERT_TRANSFER, ["donation", a.accountId, a.accountId, 10, newKey("raw")]));
    expect((err as { code?: string }).code).toMatch(/^(TB001|23514|TB007)$/);
  });

  // Regression test for a bug these tests found (now fixed): ledger_transfers_check runs before the CHECK constraint and reports a
  // same-account transfer as "account 7 or 7 does not exist" (TB007 -> not_found).
  it("reports a raw same-account transfer as invalid, not as a missing account", async () => {
    const a = await createMember(prisma, { fundMinutes: 100 });
    const err = await caught(() => raw.query(INSERT_TRANSFER, ["donation", a.accountId, a.accountId, 10, newKey("raw")]));
    expect(asLedgerError(err).code).toBe("invalid");
  });

  it("refuses a transfer to an account that does not exist", async () => {
    const a = await createMember(prisma, { fundMinutes: 100 });
    const err = await refusedWithoutChange(prisma, () =>
      transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: 999_999, amountMinutes: 10, idempotencyKey: newKey() }, prisma),
    );
    expectLedgerError(err, "not_found", /does not exist/);
  });
});

describe("invariants 2 and 3: a raw INSERT behind lib/ledger's back still keeps the books", () => {
  it("writes both entries, moves both balances and extends both chains", async () => {
    const [a, b] = await createMembers(prisma, 2, { fundMinutes: 200 });
    const aBefore = await accountState(raw, a!.accountId);
    const bBefore = await accountState(raw, b!.accountId);

    const [row] = await sql<{ id: string }>(raw, INSERT_TRANSFER, ["donation", a!.accountId, b!.accountId, 45, newKey("raw")]);
    const entries = await sql<{ account_id: number; seq: number; amount_minutes: number; balance_after_minutes: number }>(
      raw,
      `SELECT account_id, seq, amount_minutes, balance_after_minutes FROM ledger_entries WHERE transfer_id = $1 ORDER BY amount_minutes`,
      [row!.id],
    );
    expect(entries).toEqual([
      { account_id: a!.accountId, seq: aBefore.entryCount + 1, amount_minutes: -45, balance_after_minutes: 155 },
      { account_id: b!.accountId, seq: bBefore.entryCount + 1, amount_minutes: 45, balance_after_minutes: 245 },
    ]);
    expect(await accountState(raw, a!.accountId)).toMatchObject({ balance: 155, entryCount: aBefore.entryCount + 1 });
    expect(await accountState(raw, b!.accountId)).toMatchObject({ balance: 245, entryCount: bBefore.entryCount + 1 });
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
    expect((await trialBalance(prisma)).totalMinutes).toBe(0);
  });

  it("a raw hold, a raw post (transfer naming the hold) and a raw void keep holds and balances right", async () => {
    const [a, b] = await createMembers(prisma, 2, { fundMinutes: 100 });
    const [h1] = await sql<{ id: string }>(
      raw,
      `INSERT INTO ledger_holds (debit_account_id, credit_account_id, amount_minutes, idempotency_key) VALUES ($1, $2, 40, $3) RETURNING id::text`,
      [a!.accountId, b!.accountId, newKey("rh")],
    );
    const [h2] = await sql<{ id: string }>(
      raw,
      `INSERT INTO ledger_holds (debit_account_id, credit_account_id, amount_minutes, idempotency_key) VALUES ($1, $2, 25, $3) RETURNING id::text`,
      [a!.accountId, b!.accountId, newKey("rh")],
    );
    expect(await accountState(raw, a!.accountId)).toMatchObject({ balance: 100, held: 65 });
    await raw.query(
      `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, hold_id)
       VALUES ('grant', $1, $2, 40, $3, $4)`,
      [a!.accountId, b!.accountId, newKey("rp"), h1!.id],
    );
    await raw.query(`INSERT INTO ledger_hold_resolutions (hold_id, outcome, idempotency_key) VALUES ($1, 'voided', $2)`, [h2!.id, newKey("rv")]);
    expect(await accountState(raw, a!.accountId)).toMatchObject({ balance: 60, held: 0 });
    expect(await accountState(raw, b!.accountId)).toMatchObject({ balance: 140, held: 0 });
    const [resolution] = await sql<{ outcome: string }>(raw, `SELECT outcome::text FROM ledger_hold_resolutions WHERE hold_id = $1`, [h1!.id]);
    expect(resolution!.outcome).toBe("posted");
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
  });

  it("refuses a raw transfer that posts a hold between other accounts than the hold's", async () => {
    const [a, b, c] = await createMembers(prisma, 3, { fundMinutes: 100 });
    const h = await hold({ debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 30, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(raw, () =>
      raw.query(
        `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, hold_id)
         VALUES ('grant', $1, $2, 30, $3, $4)`,
        [a!.accountId, c!.accountId, newKey("rp"), h.holdId.toString()],
      ),
    );
    expectSqlState(err, "TB001", /posts only between its own accounts/);
  });
});

describe("invariant 4: no member account goes below its floor, counting holds", () => {
  it("refuses a transfer that would take a member below their floor", async () => {
    const [a, b] = await createMembers(prisma, 2, { fundMinutes: 100, floorMinutes: -600 });
    const err = await refusedWithoutChange(prisma, () =>
      transfer({ kind: "donation", debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 701, idempotencyKey: newKey() }, prisma),
    );
    expectLedgerError(err, "below_floor", new RegExp(`account ${a!.accountId} cannot pay 701 minutes: 700 minutes available above its floor of -600 minutes`));
    // Exactly down to the floor is allowed.
    await transfer({ kind: "donation", debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 700, idempotencyKey: newKey() }, prisma);
    expect(await accountState(prisma, a!.accountId)).toMatchObject({ balance: -600, held: 0 });
    const again = await refusedWithoutChange(prisma, () =>
      transfer({ kind: "donation", debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 1, idempotencyKey: newKey() }, prisma),
    );
    expectLedgerError(again, "below_floor");
  });

  it("refuses a raw INSERT of a transfer that would take a member below their floor", async () => {
    const [a, b] = await createMembers(prisma, 2, { floorMinutes: -60 });
    const err = await refusedWithoutChange(raw, () => raw.query(INSERT_TRANSFER, ["donation", a!.accountId, b!.accountId, 61, newKey("raw")]));
    expectSqlState(err, "TB002", /cannot pay 61 minutes/);
    expect(asLedgerError(err).code).toBe("below_floor");
  });

  it("counts holds: a transfer may not spend minutes already held", async () => {
    const [a, b] = await createMembers(prisma, 2, { fundMinutes: 100, floorMinutes: -600 });
    await hold({ debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 500, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(prisma, () =>
      transfer({ kind: "donation", debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 201, idempotencyKey: newKey() }, prisma),
    );
    expectLedgerError(err, "below_floor", /200 minutes available/);
  });

  it("refuses a hold that would take a member below their floor", async () => {
    const [a, b] = await createMembers(prisma, 2, { fundMinutes: 100, floorMinutes: -600 });
    await hold({ debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 300, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(prisma, () =>
      hold({ debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 401, idempotencyKey: newKey() }, prisma),
    );
    expectLedgerError(err, "below_floor", new RegExp(`account ${a!.accountId} cannot hold 401 minutes: 400 minutes available`));
  });

  it("refuses a raw INSERT of a hold beyond the floor", async () => {
    const [a, b] = await createMembers(prisma, 2, { floorMinutes: 0 });
    const err = await refusedWithoutChange(raw, () =>
      raw.query(`INSERT INTO ledger_holds (debit_account_id, credit_account_id, amount_minutes, idempotency_key) VALUES ($1, $2, 1, $3)`, [
        a!.accountId,
        b!.accountId,
        newKey(),
      ]),
    );
    expectSqlState(err, "TB002", /cannot hold 1 minutes/);
  });

  it("refuses posting a hold for a larger amount than the account can pay", async () => {
    const [a, b] = await createMembers(prisma, 2, { fundMinutes: 100, floorMinutes: -600 });
    const h = await hold({ debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 500, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(prisma, () => postHold({ holdId: h.holdId, amountMinutes: 701, idempotencyKey: newKey() }, prisma));
    expectLedgerError(err, "below_floor", /cannot pay 701 minutes: 700 minutes available/);
    // The hold is still open and can be posted for what fits.
    const r = await postHold({ holdId: h.holdId, amountMinutes: 700, idempotencyKey: newKey() }, prisma);
    expect(r.replayed).toBe(false);
    expect(await accountState(prisma, a!.accountId)).toMatchObject({ balance: -600, held: 0 });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("refuses posting a larger amount when another hold already reserves the rest", async () => {
    const [a, b] = await createMembers(prisma, 2, { fundMinutes: 0, floorMinutes: -100 });
    const h1 = await hold({ debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 40, idempotencyKey: newKey() }, prisma);
    await hold({ debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 50, idempotencyKey: newKey() }, prisma);
    // Available: 0 - 90 + 100 = 10; posting h1 releases its 40, so at most 50 can be paid.
    const err = await refusedWithoutChange(prisma, () => postHold({ holdId: h1.holdId, amountMinutes: 51, idempotencyKey: newKey() }, prisma));
    expectLedgerError(err, "below_floor");
    await postHold({ holdId: h1.holdId, amountMinutes: 50, idempotencyKey: newKey() }, prisma);
    expect(await accountState(prisma, a!.accountId)).toMatchObject({ balance: -50, held: 50 });
  });

  it("a pool may not go below zero", async () => {
    const a = await createMember(prisma, { fundMinutes: 100 });
    const b = await createMember(prisma);
    const pool = await openPoolAccount(newKey("pool"), "Campaign pool", prisma);
    await transfer({ kind: "donation", debitAccountId: a.accountId, creditAccountId: pool, amountMinutes: 50, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(prisma, () =>
      transfer({ kind: "donation", debitAccountId: pool, creditAccountId: b.accountId, amountMinutes: 51, idempotencyKey: newKey() }, prisma),
    );
    expectLedgerError(err, "below_floor", /50 minutes available above its floor of 0 minutes/);
  });

  it("exactly the holds that fit succeed when 20 holds race on separate connections", async () => {
    // Balance 0, floor -600: 600 minutes available; each hold asks for 301 (more than half).
    const payer = await createMember(prisma, { floorMinutes: -600 });
    const payee = await createMember(prisma);
    const clients = Array.from({ length: 4 }, () => database.prisma({ max: 5 }));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        hold({ debitAccountId: payer.accountId, creditAccountId: payee.accountId, amountMinutes: 301, idempotencyKey: newKey(`race-${i}`) }, clients[i % 4]!),
      ),
    );
    const { ok, codes, other } = tally(results);
    expect(other).toEqual([]);
    expect(ok).toHaveLength(1);
    expect(codes).toEqual(Array(19).fill("below_floor"));
    expect(await accountState(prisma, payer.accountId)).toMatchObject({ balance: 0, held: 301 });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("exactly three of twenty concurrent holds of 300 fit in 1000 available minutes", async () => {
    const payer = await createMember(prisma, { fundMinutes: 400, floorMinutes: -600 });
    const payee = await createMember(prisma);
    const pool = database.prisma({ max: 10 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        hold({ debitAccountId: payer.accountId, creditAccountId: payee.accountId, amountMinutes: 300, idempotencyKey: newKey("race") }, pool),
      ),
    );
    const { ok, codes, other } = tally(results);
    expect(other).toEqual([]);
    expect(ok).toHaveLength(3);
    expect(codes).toEqual(Array(17).fill("below_floor"));
    expect(await accountState(prisma, payer.accountId)).toMatchObject({ balance: 400, held: 900 });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("exactly the raw transfers that fit succeed when ten race on ten plain connections", async () => {
    const payer = await createMember(prisma, { fundMinutes: 400, floorMinutes: -600 });
    const payee = await createMember(prisma);
    const clients = await Promise.all(Array.from({ length: 10 }, () => database.pgClient()));
    const results = await Promise.allSettled(
      clients.map((c) => c.query(INSERT_TRANSFER, ["donation", payer.accountId, payee.accountId, 300, newKey("raw-race")])),
    );
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => (r.reason as { code?: string }).code);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(refused).toEqual(Array(7).fill("TB002"));
    expect(await accountState(prisma, payer.accountId)).toMatchObject({ balance: -500, held: 0 });
    expect(await accountState(prisma, payee.accountId)).toMatchObject({ balance: 900 });
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
  });

  it("concurrent holds, transfers and posts on one account never break its floor", async () => {
    const payer = await createMember(prisma, { fundMinutes: 200, floorMinutes: -300 });
    const others = await createMembers(prisma, 3);
    const pool = database.prisma({ max: 8 });
    const ops = Array.from({ length: 24 }, (_, i): Promise<unknown> => {
      const to = others[i % 3]!.accountId;
      if (i % 3 === 0) {
        return transfer({ kind: "donation", debitAccountId: payer.accountId, creditAccountId: to, amountMinutes: 70, idempotencyKey: newKey() }, pool);
      }
      return hold({ debitAccountId: payer.accountId, creditAccountId: to, amountMinutes: 70, idempotencyKey: newKey() }, pool).then(
        (h): Promise<unknown> => (i % 3 === 1 ? postHold({ holdId: h.holdId, idempotencyKey: newKey() }, pool) : Promise.resolve(h)),
      );
    });
    const { ok, codes, other } = tally(await Promise.allSettled(ops));
    expect(other).toEqual([]);
    expect(new Set(codes)).toEqual(codes.length ? new Set(["below_floor"]) : new Set());
    // 500 minutes available, 70 each: at most 7 operations can have taken or reserved minutes.
    expect(ok.length).toBe(7);
    const s = await accountState(prisma, payer.accountId);
    expect(s.balance - s.held).toBeGreaterThanOrEqual(-300);
    expect(s.balance - s.held).toBe(200 - 7 * 70);
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
  });

  it("refuses a raw UPDATE of floor_minutes above the balance", async () => {
    const [a, b] = await createMembers(prisma, 2, { floorMinutes: -600 });
    await transfer({ kind: "donation", debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 300, idempotencyKey: newKey() }, prisma);
    const err = await refusedWithoutChange(raw, () => raw.query(`UPDATE ledger_accounts SET floor_minutes = -299 WHERE id = $1`, [a!.accountId]));
    expectSqlState(err, "23514", /ledger_accounts_floor/);
    expect(asLedgerError(err).code).toBe("below_floor");
  });
});

describe("the books after a mix of operations", () => {
  it("reconcile() finds nothing, verifyChain() finds nothing and the trial balance totals zero", async () => {
    const [a, b, c] = await createMembers(prisma, 3, { fundMinutes: 120 });
    const pool = await openPoolAccount(newKey("pool"), "Mixed pool", prisma);
    const adjustment = (await sql<{ id: number }>(raw, `SELECT id FROM ledger_accounts WHERE code = 'adjustment'`))[0]!.id;
    const d1 = await transfer({ kind: "donation", debitAccountId: a!.accountId, creditAccountId: pool, amountMinutes: 30, idempotencyKey: newKey() }, prisma);
    await transfer({ kind: "adjustment", debitAccountId: adjustment, creditAccountId: b!.accountId, amountMinutes: 15, idempotencyKey: newKey() }, prisma);
    const h1 = await hold({ debitAccountId: b!.accountId, creditAccountId: c!.accountId, amountMinutes: 60, idempotencyKey: newKey() }, prisma);
    await postHold({ holdId: h1.holdId, amountMinutes: 45, idempotencyKey: newKey() }, prisma);
    const h2 = await hold({ debitAccountId: c!.accountId, creditAccountId: a!.accountId, amountMinutes: 20, idempotencyKey: newKey() }, prisma);
    await voidHold({ holdId: h2.holdId, idempotencyKey: newKey() }, prisma);
    await hold({ debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 25, idempotencyKey: newKey() }, prisma);
    await reverse({ transferId: d1.transferId, idempotencyKey: newKey() }, prisma);
    await raw.query(INSERT_TRANSFER, ["donation", c!.accountId, a!.accountId, 10, newKey("raw")]);
    await caught(() =>
      transfer({ kind: "donation", debitAccountId: a!.accountId, creditAccountId: b!.accountId, amountMinutes: 10_000, idempotencyKey: newKey() }, prisma),
    );

    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
    const tb = await trialBalance(prisma);
    expect(tb.totalMinutes).toBe(0);
    expect(tb.memberMinutes).toBe(-tb.systemMinutes);
    const snap = await ledgerSnapshot(raw);
    expect(tb.transfers).toBe(snap.transfers.length);
    expect(tb.accounts).toBe(snap.accounts.length);
    expect(tb.heldMinutes).toBe(snap.accounts.reduce((sum, acc) => sum + Number(acc.held_minutes), 0));
    expect(snap.entries.reduce((sum, e) => sum + Number(e.amount_minutes), 0)).toBe(0);
    expect(snap.entries).toHaveLength(2 * snap.transfers.length);
    expect(await accountState(raw, a!.accountId)).toMatchObject({ balance: 130, held: 25 });
    expect(await accountState(raw, b!.accountId)).toMatchObject({ balance: 90, held: 0 });
    expect(await accountState(raw, c!.accountId)).toMatchObject({ balance: 155, held: 0 });
    expect(await accountState(raw, pool)).toMatchObject({ balance: 0, held: 0 });
  });
});
