// Lock order: the ledger promises that every write locks its accounts in one order, so that
// concurrent writes never deadlock (the migration says so, and ARCHITECTURE.md asks for it).
// These tests set up the two interleavings the bank test runs into at random and check that
// PostgreSQL never has to break a deadlock (SQLSTATE 40P01). They call the ledger's SQL
// functions on plain connections, in explicit transactions, because lib/ledger would (rightly)
// retry a deadlock and hide it; each deadlock still costs every caller queued behind it a
// deadlock_timeout (1 s by default) of waiting.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { ledgerProblems, openFundedAccounts, sleep } from "./helpers";

const database = await useTestDatabase();
const setup = database.prisma({ max: 2 });

interface Settled {
  ok: boolean;
  sqlState?: string;
  message?: string;
}

function settle(p: Promise<unknown>): Promise<Settled> {
  return p.then(
    () => ({ ok: true }),
    (err: pg.DatabaseError) => ({ ok: false, sqlState: err.code, message: err.message }),
  );
}

/** Waits until backend `pid` waits for a lock, or `done` has settled (no lock wait at all). */
async function blockedOrDone(watcher: pg.Client, pid: number, done: { settled: boolean }): Promise<"blocked" | "done"> {
  for (let i = 0; i < 1000; i++) {
    if (done.settled) return "done";
    const { rows } = await watcher.query<{ waiting: boolean }>(
      `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`,
      [pid],
    );
    if (rows[0]?.waiting) return "blocked";
    await sleep(10);
  }
  throw new Error(`backend ${pid} neither blocked nor finished`);
}

async function connections() {
  const [c1, c2, watcher] = await Promise.all([database.pgClient(), database.pgClient(), database.pgClient()]);
  const { rows } = await c2.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  return { c1, c2, watcher, pid2: rows[0]!.pid };
}

/**
 * c1 (in a transaction) writes to `first`'s accounts, c2 then starts `second` and waits (or not)
 * on c1, then c1 runs `third`. Returns both sessions' outcomes; neither may be a deadlock.
 */
async function interleave(first: [string, unknown[]], second: [string, unknown[]], third: [string, unknown[]]) {
  const { c1, c2, watcher, pid2 } = await connections();
  await c1.query("BEGIN");
  await c1.query(...first);
  const state = { settled: false };
  const secondDone = settle(c2.query(...second)).then((r) => {
    state.settled = true;
    return r;
  });
  const how = await blockedOrDone(watcher, pid2, state);
  const thirdResult = await settle(c1.query(...third));
  await c1.query(thirdResult.ok ? "COMMIT" : "ROLLBACK");
  const secondResult = await secondDone;
  return { how, c1: thirdResult, c2: secondResult };
}

describe("lock order", () => {
  it("a hold and a transfer between the same two accounts do not deadlock", async () => {
    const { issuance, accounts } = await openFundedAccounts(setup, { n: 2, label: "lock1", grantMinutes: 600, floorOf: () => -600 });
    const [a, b] = accounts as [number, number];
    const result = await interleave(
      // c1 credits B: locks issuance and B.
      [`SELECT * FROM ledger_transfer('grant', $1, $2, 60, 'lock1-grant', NULL, NULL, NULL, NULL, NULL)`, [issuance, b]],
      // c2 holds on A for B: locks A; the foreign key check of the hold's credit account wants B.
      [`SELECT * FROM ledger_hold($1, $2, 30, 'lock1-hold', NULL, NULL, NULL)`, [a, b]],
      // c1 moves minutes from B to A: wants A.
      [`SELECT * FROM ledger_transfer('donation', $1, $2, 30, 'lock1-donation', NULL, NULL, NULL, NULL, NULL)`, [b, a]],
    );
    console.log(`lock order, transfer vs hold: the hold ${result.how === "blocked" ? "waited for" : "did not wait for"} the transfer; ${JSON.stringify(result)}`);
    expect(result.c1).toEqual({ ok: true });
    expect(result.c2).toEqual({ ok: true });
    expect(await ledgerProblems(setup)).toEqual([]);
  });

  it("two holds in opposite directions do not deadlock", async () => {
    const { accounts } = await openFundedAccounts(setup, { n: 3, label: "lock2", grantMinutes: 600, floorOf: () => -600 });
    const [a, b, c] = accounts as [number, number, number];
    const result = await interleave(
      // c1 holds on B: locks B.
      [`SELECT * FROM ledger_hold($1, $2, 30, 'lock2-hold-bc', NULL, NULL, NULL)`, [b, c]],
      // c2 holds on A for B: locks A, then the foreign key check wants B.
      [`SELECT * FROM ledger_hold($1, $2, 30, 'lock2-hold-ab', NULL, NULL, NULL)`, [a, b]],
      // c1 holds on B for A: the foreign key check wants A.
      [`SELECT * FROM ledger_hold($1, $2, 30, 'lock2-hold-ba', NULL, NULL, NULL)`, [b, a]],
    );
    console.log(`lock order, hold vs hold: the second hold ${result.how === "blocked" ? "waited" : "did not wait"}; ${JSON.stringify(result)}`);
    expect(result.c1).toEqual({ ok: true });
    expect(result.c2).toEqual({ ok: true });
    expect(await ledgerProblems(setup)).toEqual([]);
  });

  it("two holds on the same payer do not deadlock when one transaction already references the payer", async () => {
    const { accounts } = await openFundedAccounts(setup, { n: 4, label: "lock3", grantMinutes: 600, floorOf: () => -600 });
    const [a, x, y, z] = accounts as [number, number, number, number];
    const result = await interleave(
      // c1 places a hold that pays A: the foreign key check references A.
      [`SELECT * FROM ledger_hold($1, $2, 30, 'lock3-hold-xa', NULL, NULL, NULL)`, [x, a]],
      // c2 places a hold on A: it must lock A for its floor check.
      [`SELECT * FROM ledger_hold($1, $2, 30, 'lock3-hold-ay', NULL, NULL, NULL)`, [a, y]],
      // c1 places a hold on A too.
      [`SELECT * FROM ledger_hold($1, $2, 30, 'lock3-hold-az', NULL, NULL, NULL)`, [a, z]],
    );
    console.log(`lock order, holds on one payer: the second hold ${result.how === "blocked" ? "waited" : "did not wait"}; ${JSON.stringify(result)}`);
    expect(result.c1).toEqual({ ok: true });
    expect(result.c2).toEqual({ ok: true });
    expect(await ledgerProblems(setup)).toEqual([]);
  });

  it("16 concurrent holds and transfers on the same accounts never need a deadlock broken", async () => {
    // Single-statement calls, as lib/ledger makes them, on 16 plain connections (no retries, so
    // that a deadlock shows as SQLSTATE 40P01 instead of being retried away). Two accounts, holds
    // both ways between them, donations both ways, grants to both.
    const { issuance, accounts } = await openFundedAccounts(setup, { n: 2, label: "lock4", grantMinutes: 60_000, floorOf: () => -600 });
    const [low, high] = accounts as [number, number];
    const conns = await Promise.all(Array.from({ length: 16 }, () => database.pgClient()));
    const outcomes: Settled[] = [];
    for (let round = 0; round < 10; round++) {
      outcomes.push(
        ...(await Promise.all(
          conns.map((c, i) => {
            const key = `lock4-${round}-${i}`;
            const [from, to] = (i + round) % 2 === 0 ? [low, high] : [high, low];
            switch (i % 3) {
              case 0:
                return settle(c.query(`SELECT * FROM ledger_hold($1, $2, 1, $3, NULL, NULL, NULL)`, [from, to, key]));
              case 1:
                return settle(c.query(`SELECT * FROM ledger_transfer('donation', $1, $2, 1, $3, NULL, NULL, NULL, NULL, NULL)`, [from, to, key]));
              default:
                return settle(c.query(`SELECT * FROM ledger_transfer('grant', $1, $2, 1, $3, NULL, NULL, NULL, NULL, NULL)`, [issuance, to, key]));
            }
          }),
        )),
      );
    }
    const deadlocks = outcomes.filter((o) => o.sqlState === "40P01").length;
    const other = outcomes.filter((o) => !o.ok && o.sqlState !== "40P01");
    console.log(`lock order, 16 concurrent holds and transfers x 10 rounds: ${outcomes.length} calls, ${deadlocks} deadlocks`);
    expect(other).toEqual([]);
    expect(deadlocks).toBe(0);
    expect(await ledgerProblems(setup)).toEqual([]);
  });
});
