// Invariant 8: the ledger is tamper-evident. These tests play a database superuser who edits the
// ledger with its triggers switched off (session_replication_role = replica, or ALTER TABLE ...
// DISABLE TRIGGER USER), and check that verifyChain() and reconcile() name what was changed.
// Tampering cannot be undone, so each test gets a database of its own.
import { afterEach, describe, expect, it } from "vitest";
import type pg from "pg";
import { hold, postHold, reconcile, transfer, trialBalance, verifyChain, voidHold, type LedgerProblem } from "../../lib/ledger";
import type { PrismaClient } from "../../lib/db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createMembers, ledgerSnapshot, newKey, sql, type Member } from "../helpers/ledger";

const databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});

interface Books {
  prisma: PrismaClient;
  raw: pg.Client;
  a: Member;
  b: Member;
  c: Member;
  /** a -> b, 40 minutes: its entries sit in the middle of both accounts' chains. */
  t1: bigint;
  /** b -> c, 25 minutes. */
  t2: bigint;
  /** a -> b, 15 minutes: the last entry of both chains. */
  t3: bigint;
  openHold: bigint;
  voidedHold: bigint;
}

/** A fresh database with a little history: grants, donations, an open, a voided and a posted hold. */
async function books(): Promise<Books> {
  const database = await createTestDatabase();
  databases.push(database);
  const prisma = database.prisma();
  const raw = await database.pgClient();
  const [a, b, c] = (await createMembers(prisma, 3, { fundMinutes: 300 })) as [Member, Member, Member];
  const donate = async (from: Member, to: Member, minutes: number) =>
    (await transfer({ kind: "donation", debitAccountId: from.accountId, creditAccountId: to.accountId, amountMinutes: minutes, idempotencyKey: newKey() }, prisma))
      .transferId;
  const t1 = await donate(a, b, 40);
  const t2 = await donate(b, c, 25);
  const open = await hold({ debitAccountId: c.accountId, creditAccountId: a.accountId, amountMinutes: 30, idempotencyKey: newKey() }, prisma);
  const voided = await hold({ debitAccountId: a.accountId, creditAccountId: b.accountId, amountMinutes: 20, idempotencyKey: newKey() }, prisma);
  await voidHold({ holdId: voided.holdId, idempotencyKey: newKey() }, prisma);
  const posted = await hold({ debitAccountId: b.accountId, creditAccountId: a.accountId, amountMinutes: 10, idempotencyKey: newKey() }, prisma);
  await postHold({ holdId: posted.holdId, idempotencyKey: newKey() }, prisma);
  const t3 = await donate(a, b, 15);
  return { prisma, raw, a, b, c, t1, t2, t3, openHold: open.holdId, voidedHold: voided.holdId };
}

/** Runs statements as a superuser with every ordinary trigger of the session switched off. */
async function asSuperuserWithoutTriggers(raw: pg.Client, statements: [string, unknown[]?][]): Promise<void> {
  await raw.query("BEGIN");
  try {
    await raw.query("SET LOCAL session_replication_role = replica");
    for (const [text, params] of statements) await raw.query(text, params ?? []);
    await raw.query("COMMIT");
  } catch (err) {
    await raw.query("ROLLBACK");
    throw err;
  }
}

async function entrySeq(raw: pg.Client, transferId: bigint, accountId: number): Promise<number> {
  const [row] = await sql<{ seq: number }>(raw, `SELECT seq FROM ledger_entries WHERE transfer_id = $1 AND account_id = $2`, [
    transferId.toString(),
    accountId,
  ]);
  return row!.seq;
}

const problem = (accountId: number | null, transferId: bigint | null, text: RegExp | string): LedgerProblem =>
  ({ accountId, transferId, problem: typeof text === "string" ? text : expect.stringMatching(text) }) as LedgerProblem;

describe("invariant 8: edits behind the ledger's back are detected", () => {
  it("an untampered ledger verifies clean and balances", async () => {
    const { prisma, raw } = await books();
    expect(await verifyChain(prisma)).toEqual([]);
    expect(await reconcile(prisma)).toEqual([]);
    const tb = await trialBalance(prisma);
    expect(tb.totalMinutes).toBe(0);
    expect(tb.heldMinutes).toBe(30);
    expect((await ledgerSnapshot(raw)).transfers).toHaveLength(tb.transfers);
  });

  it("the triggers really are off in replica mode (the tampering below is real)", async () => {
    const { raw, t1 } = await books();
    await asSuperuserWithoutTriggers(raw, [[`UPDATE ledger_transfers SET memo = 'tampered' WHERE id = $1`, [t1.toString()]]]);
    const [row] = await sql<{ memo: string }>(raw, `SELECT memo FROM ledger_transfers WHERE id = $1`, [t1.toString()]);
    expect(row!.memo).toBe("tampered");
  });

  it("detects an entry's amount edited: hash, transfer balance and cached balance all disagree", async () => {
    const { prisma, raw, b, t1 } = await books();
    const seq = await entrySeq(raw, t1, b.accountId);
    await asSuperuserWithoutTriggers(raw, [
      [`UPDATE ledger_entries SET amount_minutes = 400 WHERE transfer_id = $1 AND account_id = $2`, [t1.toString(), b.accountId]],
    ]);
    const chain = await verifyChain(prisma);
    expect(chain).toEqual(
      expect.arrayContaining([
        problem(b.accountId, t1, `entry ${seq}: hash does not match its contents`),
        problem(null, t1, "the transfer does not have exactly its two balanced entries"),
      ]),
    );
    expect(chain.every((p) => p.transferId === t1 || p.accountId === b.accountId)).toBe(true);
    expect(await reconcile(prisma)).toEqual([{ accountId: b.accountId, problem: expect.stringMatching(/^cached balance \d+ minutes, entries sum to \d+$/) }]);
  });

  it("detects an entry edited together with its balance_after and the account's cached balance", async () => {
    const { prisma, raw, b, t3 } = await books();
    const seq = await entrySeq(raw, t3, b.accountId);
    await asSuperuserWithoutTriggers(raw, [
      [
        `UPDATE ledger_entries SET amount_minutes = amount_minutes + 100, balance_after_minutes = balance_after_minutes + 100
          WHERE transfer_id = $1 AND account_id = $2`,
        [t3.toString(), b.accountId],
      ],
      [`UPDATE ledger_accounts SET balance_minutes = balance_minutes + 100 WHERE id = $1`, [b.accountId]],
    ]);
    expect(await verifyChain(prisma)).toEqual(
      expect.arrayContaining([problem(b.accountId, t3, `entry ${seq}: hash does not match its contents`), problem(null, t3, /two balanced entries/)]),
    );
    expect(await reconcile(prisma)).toEqual([{ accountId: null, problem: "the balances of all accounts sum to 100 minutes, not 0" }]);
    expect((await trialBalance(prisma)).totalMinutes).toBe(100);
  });

  it("detects an entry re-hashed by an attacker who knows the hash function", async () => {
    const { prisma, raw, b, t3 } = await books();
    // Edit b's last entry, recompute its hash, and move the account's head and balance to match.
    await asSuperuserWithoutTriggers(raw, [
      [
        `UPDATE ledger_entries e
            SET amount_minutes = e.amount_minutes + 100, balance_after_minutes = e.balance_after_minutes + 100,
                hash = ledger_entry_hash(e.prev_hash, e.account_id, e.seq, e.amount_minutes + 100, e.balance_after_minutes + 100, t)
           FROM ledger_transfers t
          WHERE t.id = e.transfer_id AND e.transfer_id = $1 AND e.account_id = $2`,
        [t3.toString(), b.accountId],
      ],
      [
        `UPDATE ledger_accounts a SET balance_minutes = a.balance_minutes + 100,
                head_hash = (SELECT hash FROM ledger_entries WHERE account_id = a.id ORDER BY seq DESC LIMIT 1)
          WHERE a.id = $1`,
        [b.accountId],
      ],
    ]);
    // Its own chain now looks whole, but the transfer it belongs to no longer balances ...
    expect(await verifyChain(prisma)).toEqual([problem(null, t3, "the transfer does not have exactly its two balanced entries")]);
    // ... and the bank's books no longer sum to zero.
    expect(await reconcile(prisma)).toEqual([{ accountId: null, problem: "the balances of all accounts sum to 100 minutes, not 0" }]);
  });

  it("detects a transfer's amount edited: both of its entries' hashes break", async () => {
    const { prisma, raw, a, b, t1 } = await books();
    const [seqA, seqB] = [await entrySeq(raw, t1, a.accountId), await entrySeq(raw, t1, b.accountId)];
    await asSuperuserWithoutTriggers(raw, [[`UPDATE ledger_transfers SET amount_minutes = 4 WHERE id = $1`, [t1.toString()]]]);
    const chain = await verifyChain(prisma);
    expect(chain).toEqual(
      expect.arrayContaining([
        problem(a.accountId, t1, `entry ${seqA}: hash does not match its contents`),
        problem(b.accountId, t1, `entry ${seqB}: hash does not match its contents`),
        problem(null, t1, "the transfer does not have exactly its two balanced entries"),
      ]),
    );
    expect(chain).toHaveLength(3);
  });

  it("detects a transfer re-pointed to another account", async () => {
    const { prisma, raw, b, c, t1 } = await books();
    await asSuperuserWithoutTriggers(raw, [[`UPDATE ledger_transfers SET credit_account_id = $2 WHERE id = $1`, [t1.toString(), c.accountId]]]);
    const chain = await verifyChain(prisma);
    expect(chain).toEqual(expect.arrayContaining([problem(b.accountId, t1, /hash does not match/), problem(null, t1, /two balanced entries/)]));
  });

  it("detects two accounts' owners swapped: each chain starts from a hash of who the account is", async () => {
    const { prisma, raw, a, b } = await books();
    await asSuperuserWithoutTriggers(raw, [
      [`UPDATE ledger_accounts SET member_id = gen_random_uuid() WHERE id = $1`, [a.accountId]], // a placeholder (foreign keys are off too)
      [`UPDATE ledger_accounts SET member_id = $2 WHERE id = $1`, [b.accountId, a.userId]],
      [`UPDATE ledger_accounts SET member_id = $2 WHERE id = $1`, [a.accountId, b.userId]],
    ]);
    expect(await reconcile(prisma)).toEqual([]); // the sums still agree
    const chain = await verifyChain(prisma);
    expect(chain).toEqual(
      expect.arrayContaining([
        problem(a.accountId, expect.anything(), /entry 1: does not link to the entry before it/),
        problem(b.accountId, expect.anything(), /entry 1: does not link to the entry before it/),
      ]),
    );
  });

  it("detects a deleted entry: the chain breaks after it and the account's head no longer matches", async () => {
    const { prisma, raw, b, t1 } = await books();
    const seq = await entrySeq(raw, t1, b.accountId);
    await asSuperuserWithoutTriggers(raw, [[`DELETE FROM ledger_entries WHERE transfer_id = $1 AND account_id = $2`, [t1.toString(), b.accountId]]]);
    const chain = await verifyChain(prisma);
    expect(chain).toEqual(
      expect.arrayContaining([
        problem(b.accountId, expect.anything() as never, `entry ${seq + 1}: does not link to the entry before it`),
        problem(b.accountId, null, "the account's chain head or entry count does not match its last entry"),
        problem(null, t1, "the transfer does not have exactly its two balanced entries"),
      ]),
    );
    expect(await reconcile(prisma)).toEqual([{ accountId: b.accountId, problem: expect.stringMatching(/cached balance \d+ minutes, entries sum to \d+/) }]);
  });

  it("detects a deleted entry when the triggers were disabled with ALTER TABLE ... DISABLE TRIGGER USER", async () => {
    const { prisma, raw, c, t2 } = await books();
    await raw.query("BEGIN");
    await raw.query("ALTER TABLE ledger_entries DISABLE TRIGGER USER");
    await raw.query(`DELETE FROM ledger_entries WHERE transfer_id = $1 AND account_id = $2`, [t2.toString(), c.accountId]);
    await raw.query("ALTER TABLE ledger_entries ENABLE TRIGGER USER");
    await raw.query("COMMIT");
    const chain = await verifyChain(prisma);
    expect(chain).toEqual(
      expect.arrayContaining([problem(c.accountId, null, /chain head or entry count/), problem(null, t2, /two balanced entries/)]),
    );
    expect(await reconcile(prisma)).toEqual([{ accountId: c.accountId, problem: expect.stringMatching(/cached balance/) }]);
  });

  it("detects a whole transfer deleted with its entries", async () => {
    const { prisma, raw, a, b, t1 } = await books();
    await asSuperuserWithoutTriggers(raw, [
      [`DELETE FROM ledger_entries WHERE transfer_id = $1`, [t1.toString()]],
      [`DELETE FROM ledger_transfers WHERE id = $1`, [t1.toString()]],
    ]);
    const chain = await verifyChain(prisma);
    const accounts = new Set(chain.map((p) => p.accountId));
    expect(accounts).toEqual(new Set([a.accountId, b.accountId]));
    expect(chain).toEqual(expect.arrayContaining([problem(a.accountId, null, /chain head or entry count/), problem(b.accountId, null, /chain head or entry count/)]));
    const rec = await reconcile(prisma);
    expect(rec.map((p) => p.accountId).sort()).toEqual([a.accountId, b.accountId].sort());
  });

  it("detects a cached balance edited directly", async () => {
    const { prisma, raw, a } = await books();
    await asSuperuserWithoutTriggers(raw, [[`UPDATE ledger_accounts SET balance_minutes = balance_minutes + 600 WHERE id = $1`, [a.accountId]]]);
    expect(await reconcile(prisma)).toEqual([
      { accountId: a.accountId, problem: expect.stringMatching(/^cached balance \d+ minutes, entries sum to \d+$/) },
      { accountId: null, problem: "the balances of all accounts sum to 600 minutes, not 0" },
    ]);
  });

  it("detects cached holds edited directly", async () => {
    const { prisma, raw, c } = await books();
    await asSuperuserWithoutTriggers(raw, [[`UPDATE ledger_accounts SET held_minutes = 0 WHERE id = $1`, [c.accountId]]]);
    expect(await reconcile(prisma)).toEqual([{ accountId: c.accountId, problem: "cached holds 0 minutes, open holds sum to 30" }]);
  });

  it("detects a voided hold's resolution deleted (the hold looks open again)", async () => {
    const { prisma, raw, a, voidedHold } = await books();
    await asSuperuserWithoutTriggers(raw, [[`DELETE FROM ledger_hold_resolutions WHERE hold_id = $1`, [voidedHold.toString()]]]);
    expect(await reconcile(prisma)).toEqual([{ accountId: a.accountId, problem: "cached holds 0 minutes, open holds sum to 20" }]);
  });

  it("detects an open hold's amount edited", async () => {
    const { prisma, raw, c, openHold } = await books();
    await asSuperuserWithoutTriggers(raw, [[`UPDATE ledger_holds SET amount_minutes = 1 WHERE id = $1`, [openHold.toString()]]]);
    expect(await reconcile(prisma)).toEqual([{ accountId: c.accountId, problem: "cached holds 30 minutes, open holds sum to 1" }]);
  });

  // Regression test for a bug these tests found (now fixed): ledger_entry_hash covers neither actor_id nor memo, so "who did it and
  // why" can be rewritten without a trace.
  it("detects a transfer's actor or memo rewritten", async () => {
    const { prisma, raw, a, t1 } = await books();
    await asSuperuserWithoutTriggers(raw, [
      [`UPDATE ledger_transfers SET actor_id = $2, memo = 'approved by the treasurer' WHERE id = $1`, [t1.toString(), a.userId]],
    ]);
    const chain = await verifyChain(prisma);
    expect(chain.some((p) => p.transferId === t1)).toBe(true);
  });
});
