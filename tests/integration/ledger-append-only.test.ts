// Invariant 5 (append-only) and the guards on ledger_accounts and ledger_entries, attacked with
// raw SQL behind lib/ledger's back. Every refused attempt must leave the ledger byte for byte
// as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { hold, postHold, reconcile, verifyChain, voidHold } from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";
import {
  accountState,
  asLedgerError,
  createMembers,
  expectSqlState,
  issuanceAccount,
  ledgerSnapshot,
  newKey,
  refusedWithoutChange,
  sql,
  type Member,
} from "../helpers/ledger";

const database = await useTestDatabase();
const prisma = database.prisma();
const raw = await database.pgClient();

let alice: Member;
let bob: Member;
let grantId: string;
let postedHoldId: string;
let voidedHoldId: string;
let openHoldId: string;

beforeAll(async () => {
  [alice, bob] = (await createMembers(prisma, 2, { fundMinutes: 300 })) as [Member, Member];
  const [g] = await sql<{ id: string }>(raw, `SELECT id::text FROM ledger_transfers ORDER BY id LIMIT 1`);
  grantId = g!.id;
  const posted = await hold(
    { debitAccountId: alice.accountId, creditAccountId: bob.accountId, amountMinutes: 30, idempotencyKey: newKey("h") },
    prisma,
  );
  await postHold({ holdId: posted.holdId, idempotencyKey: newKey("p") }, prisma);
  const voided = await hold(
    { debitAccountId: alice.accountId, creditAccountId: bob.accountId, amountMinutes: 20, idempotencyKey: newKey("h") },
    prisma,
  );
  await voidHold({ holdId: voided.holdId, idempotencyKey: newKey("v") }, prisma);
  const open = await hold(
    { debitAccountId: bob.accountId, creditAccountId: alice.accountId, amountMinutes: 15, idempotencyKey: newKey("h") },
    prisma,
  );
  postedHoldId = posted.holdId.toString();
  voidedHoldId = voided.holdId.toString();
  openHoldId = open.holdId.toString();
});

/** A raw statement that must be refused as append-only, changing nothing. */
async function expectAppendOnly(statement: string, params: unknown[] = [], message = /append-only/) {
  const err = await refusedWithoutChange(raw, () => raw.query(statement, params));
  expectSqlState(err, "TB006", message);
  const mapped = asLedgerError(err);
  expect(mapped.code).toBe("append_only");
  return err;
}

describe("ledgerSnapshot() (what every 'unchanged' assertion relies on)", () => {
  it("sees a change in each of the five ledger tables", async () => {
    const before = await ledgerSnapshot(raw);
    const h = await hold({ debitAccountId: alice.accountId, creditAccountId: bob.accountId, amountMinutes: 5, idempotencyKey: newKey("h") }, prisma);
    const mid = await ledgerSnapshot(raw);
    await postHold({ holdId: h.holdId, idempotencyKey: newKey("p") }, prisma);
    const after = await ledgerSnapshot(raw);
    expect(mid.holds).toHaveLength(before.holds.length + 1);
    expect(mid.accounts).not.toEqual(before.accounts);
    expect(after.transfers).toHaveLength(mid.transfers.length + 1);
    expect(after.entries).toHaveLength(mid.entries.length + 2);
    expect(after.resolutions).toHaveLength(mid.resolutions.length + 1);
    expect(after.accounts).not.toEqual(mid.accounts);
    // Values are plain JSON: hashes as hex text, ids as numbers.
    expect(after.entries[0]).toMatchObject({ hash: expect.stringMatching(/^\\x[0-9a-f]{64}$/), id: expect.any(Number) });
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
  });
});

describe("append-only ledger rows (invariant 5)", () => {
  it("refuses an UPDATE of a transfer's amount", async () => {
    await expectAppendOnly(`UPDATE ledger_transfers SET amount_minutes = amount_minutes + 1 WHERE id = $1`, [grantId], /UPDATE on ledger_transfers is refused/);
  });

  it("refuses an UPDATE of a transfer's memo, even one that changes no money", async () => {
    await expectAppendOnly(`UPDATE ledger_transfers SET memo = 'edited' WHERE id = $1`, [grantId]);
  });

  it("refuses a DELETE of a transfer", async () => {
    await expectAppendOnly(`DELETE FROM ledger_transfers WHERE id = $1`, [grantId], /DELETE on ledger_transfers is refused/);
  });

  it("refuses an UPDATE of an entry", async () => {
    await expectAppendOnly(`UPDATE ledger_entries SET amount_minutes = amount_minutes * 2 WHERE transfer_id = $1`, [grantId], /UPDATE on ledger_entries/);
  });

  it("refuses a DELETE of an entry", async () => {
    await expectAppendOnly(`DELETE FROM ledger_entries WHERE transfer_id = $1`, [grantId], /DELETE on ledger_entries/);
  });

  it("refuses an UPDATE of a hold's amount", async () => {
    await expectAppendOnly(`UPDATE ledger_holds SET amount_minutes = 1 WHERE id = $1`, [openHoldId], /UPDATE on ledger_holds/);
  });

  it("refuses a DELETE of an open hold", async () => {
    await expectAppendOnly(`DELETE FROM ledger_holds WHERE id = $1`, [openHoldId], /DELETE on ledger_holds/);
  });

  it("refuses an UPDATE of a hold resolution (turning a void into a post)", async () => {
    await expectAppendOnly(
      `UPDATE ledger_hold_resolutions SET outcome = 'posted', transfer_id = $2 WHERE hold_id = $1`,
      [voidedHoldId, grantId],
      /UPDATE on ledger_hold_resolutions/,
    );
  });

  it("refuses a DELETE of a hold resolution (reopening a voided hold)", async () => {
    await expectAppendOnly(`DELETE FROM ledger_hold_resolutions WHERE hold_id = $1`, [voidedHoldId], /DELETE on ledger_hold_resolutions/);
  });

  it("refuses a DELETE of a posted hold's resolution", async () => {
    await expectAppendOnly(`DELETE FROM ledger_hold_resolutions WHERE hold_id = $1`, [postedHoldId]);
  });

  it("refuses a DELETE of an account", async () => {
    await expectAppendOnly(`DELETE FROM ledger_accounts WHERE id = $1`, [bob.accountId], /DELETE on ledger_accounts/);
  });

  it.each([
    ["ledger_entries", "TRUNCATE ledger_entries"],
    ["ledger_hold_resolutions", "TRUNCATE ledger_hold_resolutions"],
    ["ledger_transfers", "TRUNCATE ledger_transfers CASCADE"],
    ["ledger_holds", "TRUNCATE ledger_holds CASCADE"],
    ["ledger_accounts", "TRUNCATE ledger_accounts CASCADE"],
    // CASCADE: exchanges reference holds and transfers; without it PostgreSQL refuses for the
    // foreign key before the ledger's own trigger is reached.
    ["all five tables", "TRUNCATE ledger_accounts, ledger_transfers, ledger_entries, ledger_holds, ledger_hold_resolutions CASCADE"],
  ])("refuses TRUNCATE of %s", async (_name, statement) => {
    await expectAppendOnly(statement, [], /TRUNCATE on ledger_\w+ is refused/);
  });

  it("still refuses a change inside an explicit transaction, which then rolls back whole", async () => {
    const before = await ledgerSnapshot(raw);
    await raw.query("BEGIN");
    try {
      await raw.query(`UPDATE ledger_accounts SET name = 'renamed in tx' WHERE id = $1`, [alice.accountId]);
      const err = await raw.query(`DELETE FROM ledger_entries`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expectSqlState(err, "TB006");
    } finally {
      await raw.query("ROLLBACK");
    }
    expect(await ledgerSnapshot(raw)).toEqual(before);
  });
});

describe("ledger_accounts: balances, holds and chain heads change only through the ledger", () => {
  it("refuses a direct UPDATE of a system account's code (issuance cannot be moved onto a member)", async () => {
    const err = await refusedWithoutChange(raw, () =>
      raw.query(`UPDATE ledger_accounts SET code = 'issuance-old' WHERE code = 'issuance'`),
    );
    expectSqlState(err, "TB006", /never change/);
  });

  it.each([
    ["balance_minutes", "balance_minutes = balance_minutes + 1000"],
    ["held_minutes", "held_minutes = held_minutes + 10"],
    ["head_hash", "head_hash = sha256('forged'::bytea)"],
    ["head_hash (to null)", "head_hash = NULL"],
    ["entry_count", "entry_count = entry_count + 1"],
    ["kind", "kind = 'pool', member_id = NULL"],
    ["member_id", "member_id = gen_random_uuid()"],
    ["id", "id = id + 1000"],
  ])("refuses a direct UPDATE of %s", async (_column, assignment) => {
    const err = await refusedWithoutChange(raw, () => raw.query(`UPDATE ledger_accounts SET ${assignment} WHERE id = $1`, [alice.accountId]));
    expectSqlState(
      err,
      "TB006",
      new RegExp(`account ${alice.accountId}: (balance, holds and history change only through transfers and holds|its id, kind, member and code never change)`),
    );
    expect(asLedgerError(err).code).toBe("append_only");
  });

  it("refuses a 'balanced' UPDATE that moves minutes between two accounts and keeps the total zero", async () => {
    const err = await refusedWithoutChange(raw, () =>
      raw.query(
        `UPDATE ledger_accounts
            SET balance_minutes = balance_minutes + CASE WHEN id = $1 THEN 50 ELSE -50 END
          WHERE id IN ($1, $2)`,
        [alice.accountId, bob.accountId],
      ),
    );
    expectSqlState(err, "TB006");
  });

  it("refuses releasing an open hold by zeroing held_minutes", async () => {
    expect((await accountState(raw, bob.accountId)).held).toBeGreaterThan(0);
    const err = await refusedWithoutChange(raw, () => raw.query(`UPDATE ledger_accounts SET held_minutes = 0 WHERE id = $1`, [bob.accountId]));
    expectSqlState(err, "TB006");
  });

  /**
   * The guard lets a change through when pg_trigger_depth() >= 2, meaning "inside the ledger's own
   * triggers". Any session can reach depth 2 with a trigger of its own on a temporary table (no
   * superuser, no DDL on the ledger tables: TEMP and pg_temp functions are open to PUBLIC).
   * Runs in a transaction that is rolled back, so the rest of this file sees a clean ledger.
   */
  async function smuggleBalanceChange(check: (client: typeof raw) => Promise<void>) {
    const client = await database.pgClient();
    await client.query("BEGIN");
    try {
      await client.query(`CREATE TEMP TABLE smuggle (account_id int) ON COMMIT DROP`);
      await client.query(`CREATE FUNCTION pg_temp.smuggle() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE public.ledger_accounts SET balance_minutes = balance_minutes + 1000 WHERE id = NEW.account_id;
          RETURN NEW;
        END $$`);
      await client.query(`CREATE TRIGGER smuggle AFTER INSERT ON smuggle FOR EACH ROW EXECUTE FUNCTION pg_temp.smuggle()`);
      await check(client);
    } finally {
      await client.query("ROLLBACK");
    }
  }

  // The depth test alone is not proof that the ledger's own trigger is running, so the guard
  // also requires a balance change to match the entries just written for it.
  it("refuses a balance UPDATE smuggled in through a user-defined trigger (trigger depth 2)", async () => {
    await smuggleBalanceChange(async (client) => {
      const before = await accountState(client, alice.accountId);
      await client.query("SAVEPOINT s");
      const outcome = await client.query(`INSERT INTO smuggle VALUES ($1)`, [alice.accountId]).then(
        () => "accepted",
        async (e: unknown) => {
          await client.query("ROLLBACK TO SAVEPOINT s");
          return (e as { code?: string }).code;
        },
      );
      expect(outcome).toBe("TB006");
      expect(await accountState(client, alice.accountId)).toEqual(before);
    });
  });

  it("reconcile() detects a balance change smuggled in through a user-defined trigger", async () => {
    await smuggleBalanceChange(async (client) => {
      await client.query(`SAVEPOINT s`);
      await client.query(`INSERT INTO smuggle VALUES ($1)`, [alice.accountId]).catch(() => client.query(`ROLLBACK TO SAVEPOINT s`));
      const after = await accountState(client, alice.accountId);
      const problems = await sql<{ account_id: number | null; problem: string }>(client, `SELECT * FROM ledger_reconcile()`);
      if (after.balance === (await accountState(raw, alice.accountId)).balance) {
        // The smuggled change was refused: nothing to detect.
        expect(problems).toEqual([]);
        return;
      }
      expect(problems).toEqual(
        expect.arrayContaining([
          { account_id: alice.accountId, problem: expect.stringMatching(/cached balance \d+ minutes, entries sum to \d+/) },
          { account_id: null, problem: "the balances of all accounts sum to 1000 minutes, not 0" },
        ]),
      );
    });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("refuses an UPDATE of the issuance account's balance", async () => {
    const issuance = await issuanceAccount(prisma);
    const err = await refusedWithoutChange(raw, () =>
      raw.query(`UPDATE ledger_accounts SET balance_minutes = 0 WHERE id = $1`, [issuance]),
    );
    expectSqlState(err, "TB006");
  });

  it("allows renaming an account directly (not part of the books)", async () => {
    await raw.query(`UPDATE ledger_accounts SET name = 'Alice (renamed)' WHERE id = $1`, [alice.accountId]);
    const [r] = await sql<{ name: string }>(raw, `SELECT name FROM ledger_accounts WHERE id = $1`, [alice.accountId]);
    expect(r!.name).toBe("Alice (renamed)");
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
  });

  it.each([
    ["a non-zero opening balance", "balance_minutes", "500"],
    ["a negative opening balance", "balance_minutes", "-500"],
    ["opening holds", "held_minutes", "10"],
    ["a forged chain head", "head_hash", "sha256('x'::bytea)"],
    ["a forged entry count", "entry_count", "3"],
  ])("refuses inserting an account with %s", async (_what, column, value) => {
    const err = await refusedWithoutChange(raw, () =>
      raw.query(`INSERT INTO ledger_accounts (kind, code, name, floor_minutes, ${column}) VALUES ('pool', $1, 'Forged pool', 0, ${value})`, [
        newKey("pool"),
      ]),
    );
    expectSqlState(err, "TB006", /an account opens with no balance, holds or entries/);
  });

  it("allows inserting an empty account directly, which then keeps the books", async () => {
    const code = newKey("pool");
    const [r] = await sql<{ id: number }>(
      raw,
      `INSERT INTO ledger_accounts (kind, code, name, floor_minutes) VALUES ('pool', $1, 'Raw pool', 0) RETURNING id`,
      [code],
    );
    expect(await accountState(raw, r!.id)).toMatchObject({ balance: 0, held: 0, floor: 0, entryCount: 0 });
    expect(await reconcile(prisma)).toEqual([]);
  });
});

describe("floor_minutes may change directly, only while the account stays above it (invariant 4)", () => {
  it("allows raising and lowering a floor that the account stays above", async () => {
    const [carol] = await createMembers(prisma, 1, { floorMinutes: -600 });
    // Carol spends 100 minutes she does not have: balance -100, floor -600.
    await hold({ debitAccountId: carol!.accountId, creditAccountId: bob.accountId, amountMinutes: 100, idempotencyKey: newKey("h") }, prisma).then(
      (h) => postHold({ holdId: h.holdId, idempotencyKey: newKey("p") }, prisma),
    );
    await raw.query(`UPDATE ledger_accounts SET floor_minutes = -100 WHERE id = $1`, [carol!.accountId]);
    expect((await accountState(raw, carol!.accountId)).floor).toBe(-100);
    await raw.query(`UPDATE ledger_accounts SET floor_minutes = -1200 WHERE id = $1`, [carol!.accountId]);
    expect(await accountState(raw, carol!.accountId)).toMatchObject({ balance: -100, held: 0, floor: -1200 });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("refuses a floor more than 1,000 hours below zero, directly and through openMemberAccount", async () => {
    const [frank] = await createMembers(prisma, 1, { floorMinutes: -600 });
    const err = await refusedWithoutChange(raw, () =>
      raw.query(`UPDATE ledger_accounts SET floor_minutes = -1000000 WHERE id = $1`, [frank!.accountId]),
    );
    expectSqlState(err, "23514", /ledger_accounts_floor_bounded/);
    expect(asLedgerError(err).code).toBe("invalid");
    await expect(createMembers(prisma, 1, { floorMinutes: -60_001 })).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses raising a floor above what the account has, counting its holds", async () => {
    const [dave] = await createMembers(prisma, 1, { fundMinutes: 100, floorMinutes: -600 });
    await hold({ debitAccountId: dave!.accountId, creditAccountId: bob.accountId, amountMinutes: 80, idempotencyKey: newKey("h") }, prisma);
    // balance 100, held 80: balance - held = 20, so a floor of 0 still fits.
    await raw.query(`UPDATE ledger_accounts SET floor_minutes = 0 WHERE id = $1`, [dave!.accountId]);
    await raw.query(`UPDATE ledger_accounts SET floor_minutes = -600 WHERE id = $1`, [dave!.accountId]);

    const [erin] = await createMembers(prisma, 1, { floorMinutes: -600 });
    await hold({ debitAccountId: erin!.accountId, creditAccountId: bob.accountId, amountMinutes: 50, idempotencyKey: newKey("h") }, prisma);
    const err = await refusedWithoutChange(raw, () =>
      raw.query(`UPDATE ledger_accounts SET floor_minutes = -49 WHERE id = $1`, [erin!.accountId]),
    );
    expectSqlState(err, "23514", /ledger_accounts_floor/);
    const mapped = asLedgerError(err);
    expect(mapped.code).toBe("below_floor");
    expect(mapped.message).toMatch(/below its floor/);
  });

  it("refuses a positive floor", async () => {
    const [fay] = await createMembers(prisma, 1, { fundMinutes: 500 });
    const err = await refusedWithoutChange(raw, () => raw.query(`UPDATE ledger_accounts SET floor_minutes = 10 WHERE id = $1`, [fay!.accountId]));
    expectSqlState(err, "23514", /ledger_accounts_floor_not_positive/);
  });

  it("refuses removing a member's floor", async () => {
    const err = await refusedWithoutChange(raw, () => raw.query(`UPDATE ledger_accounts SET floor_minutes = NULL WHERE id = $1`, [bob.accountId]));
    expectSqlState(err, "23514", /ledger_accounts_member_floor/);
  });
});

describe("ledger_entries and hold resolutions are written only by the ledger's own triggers", () => {
  it("refuses a direct INSERT into ledger_entries, even one with the right seq and a valid hash", async () => {
    const err = await refusedWithoutChange(raw, () =>
      raw.query(
        `INSERT INTO ledger_entries (transfer_id, account_id, seq, amount_minutes, balance_after_minutes, prev_hash, hash)
         SELECT t.id, a.id, a.entry_count + 1, 60, a.balance_minutes + 60, a.head_hash,
                ledger_entry_hash(a.head_hash, a.id, a.entry_count + 1, 60, a.balance_minutes + 60, t)
           FROM ledger_accounts a, ledger_transfers t
          WHERE a.id = $1 AND t.id = $2`,
        [alice.accountId, grantId],
      ),
    );
    expectSqlState(err, "TB006", /ledger entries are written only by their transfer/);
    expect(asLedgerError(err).code).toBe("append_only");
  });

  it("refuses a direct INSERT of a 'posted' resolution (a hold is posted by its transfer)", async () => {
    const err = await refusedWithoutChange(raw, () =>
      raw.query(
        `INSERT INTO ledger_hold_resolutions (hold_id, outcome, transfer_id, idempotency_key) VALUES ($1, 'posted', $2, $3)`,
        [openHoldId, grantId, newKey("forged-post")],
      ),
    );
    expectSqlState(err, "TB006", /a hold is posted by inserting its transfer/);
  });

  it("a direct INSERT of a 'voided' resolution releases the hold and keeps the books", async () => {
    const h = await hold({ debitAccountId: bob.accountId, creditAccountId: alice.accountId, amountMinutes: 25, idempotencyKey: newKey("h") }, prisma);
    const heldBefore = (await accountState(raw, bob.accountId)).held;
    await raw.query(`INSERT INTO ledger_hold_resolutions (hold_id, outcome, idempotency_key) VALUES ($1, 'voided', $2)`, [
      h.holdId.toString(),
      newKey("raw-void"),
    ]);
    expect((await accountState(raw, bob.accountId)).held).toBe(heldBefore - 25);
    expect(await reconcile(prisma)).toEqual([]);
    // ... and a second raw void of the same hold is refused.
    const err = await refusedWithoutChange(raw, () =>
      raw.query(`INSERT INTO ledger_hold_resolutions (hold_id, outcome, idempotency_key) VALUES ($1, 'voided', $2)`, [
        h.holdId.toString(),
        newKey("raw-void"),
      ]),
    );
    expectSqlState(err, "TB004", /was already voided/);
  });

  it("the ledger is intact after all the refused attempts", async () => {
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
  });
});
