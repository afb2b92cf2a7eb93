// Double spending: 100 member accounts, each with exactly 10 h (600 min) available (floor 0,
// granted 600), each hit by 16 concurrent spends of 9 h (540 min) over a pool of 16
// connections. At most one spend per account may succeed (with nothing else going on, exactly
// one does); every other one must be refused as below_floor; nobody ends below their floor; the books reconcile and the chain verifies.
// The spends are donations and holds then posts (100 accounts each), then plain holds and a mix
// of the three (25 accounts each). Last, the minutes of an open hold: they cannot be spent, and
// the hold resolves exactly once when 16 posts and voids race for it (25 accounts).
import { describe, expect, it } from "vitest";
import { hold, postHold, transfer, voidHold, type LedgerErrorCode } from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";
import { describeError, ledgerCode, ledgerProblems, openFundedAccounts } from "./helpers";

const POOL = 16;
const ACCOUNTS = 100;
/** The extra races (plain holds, a mix, the post/void race) use fewer accounts to keep the file short. */
const FEWER_ACCOUNTS = 25;
const SPENDS = 16;
const START_MINUTES = 600;
/**
 * Generous on purpose: a refused call costs a fresh connection with @prisma/adapter-pg (pg-pool
 * drops a connection whose query failed), and a deadlock costs deadlock_timeout; neither is
 * what this file measures.
 */
const TIMEOUT_MS = 600_000;
const SPEND_MINUTES = 540;

const database = await useTestDatabase();
const setup = database.prisma({ max: 4 });
const pool = database.prisma({ max: POOL });

interface Outcome {
  account: number;
  ok: boolean;
  err?: unknown;
}

interface RaceReport {
  accounts: number[];
  outcomes: Outcome[];
  okByAccount: Map<number, number>;
  refusals: Map<string, number>;
  /** Failures that are not the expected refusal (description of each). */
  unexpected: string[];
  /** How long the race took (reported, never asserted). */
  ms: number;
}

/**
 * Fires `SPENDS` calls per account, all at once, account by account: the pool's FIFO queue hands
 * each account's 16 calls to the 16 connections together, so they race for the same row.
 */
async function race(
  accounts: number[],
  expectedRefusal: LedgerErrorCode,
  call: (account: number, j: number) => Promise<unknown>,
): Promise<RaceReport> {
  const started = Date.now();
  const outcomes = await Promise.all(
    accounts.flatMap((account) =>
      Array.from({ length: SPENDS }, (_, j) =>
        call(account, j).then(
          (): Outcome => ({ account, ok: true }),
          (err: unknown): Outcome => ({ account, ok: false, err }),
        ),
      ),
    ),
  );
  const okByAccount = new Map<number, number>(accounts.map((a) => [a, 0]));
  const refusals = new Map<string, number>();
  const unexpected: string[] = [];
  for (const o of outcomes) {
    if (o.ok) {
      okByAccount.set(o.account, (okByAccount.get(o.account) ?? 0) + 1);
      continue;
    }
    const code = ledgerCode(o.err) ?? "not a LedgerError";
    refusals.set(code, (refusals.get(code) ?? 0) + 1);
    if (code !== expectedRefusal) unexpected.push(`account ${o.account}: ${describeError(o.err)}`);
  }
  return { accounts, outcomes, okByAccount, refusals, unexpected, ms: Date.now() - started };
}

async function accountsState(ids: number[]) {
  const rows = await setup.$queryRaw<{ id: number; balance_minutes: number; held_minutes: number; floor_minutes: number }[]>`
    SELECT id, balance_minutes, held_minutes, floor_minutes FROM ledger_accounts WHERE id = ANY(${ids}::int[]) ORDER BY id`;
  return new Map(rows.map((r) => [r.id, r]));
}

async function fundedAccounts(label: string, n = ACCOUNTS): Promise<number[]> {
  const { accounts } = await openFundedAccounts(setup, {
    n,
    label,
    grantMinutes: START_MINUTES,
    floorOf: () => 0,
  });
  return accounts;
}

/** Accounts that only ever receive, so that no spender gains minutes during a race. */
let sinksPromise: Promise<number[]> | undefined;
function sinks(): Promise<number[]> {
  sinksPromise ??= openFundedAccounts(setup, { n: SPENDS, label: "sink", grantMinutes: 0 }).then((o) => o.accounts);
  return sinksPromise;
}

/**
 * The checks every race shares: at most (here: exactly) one success per account, nothing but the
 * expected refusal, balances and holds as the successes imply, no floor broken, clean books.
 */
async function expectOneWinner(
  label: string,
  report: RaceReport,
  expectState: (account: number) => { balance: number; held: number },
): Promise<void> {
  const overspent = [...report.okByAccount].filter(([, n]) => n > 1);
  const noWinner = [...report.okByAccount].filter(([, n]) => n === 0);
  const state = await accountsState(report.accounts);
  const wrongState: string[] = [];
  const belowFloor: string[] = [];
  for (const account of report.accounts) {
    const s = state.get(account);
    const want = expectState(account);
    if (!s) {
      wrongState.push(`account ${account} is missing`);
      continue;
    }
    if (s.balance_minutes - s.held_minutes < s.floor_minutes) {
      belowFloor.push(`account ${account}: balance ${s.balance_minutes}, held ${s.held_minutes}, floor ${s.floor_minutes}`);
    }
    if (s.balance_minutes !== want.balance || s.held_minutes !== want.held) {
      wrongState.push(`account ${account}: balance ${s.balance_minutes} held ${s.held_minutes}, expected ${want.balance} / ${want.held}`);
    }
  }
  const problems = await ledgerProblems(setup);
  const ok = report.outcomes.filter((o) => o.ok).length;
  console.log(
    `double-spend ${label}: ${report.accounts.length} accounts x ${SPENDS} concurrent calls over ${POOL} connections: ` +
      `${ok} ok, ${report.outcomes.length - ok} refused ${JSON.stringify(Object.fromEntries(report.refusals))}, ` +
      `${overspent.length} accounts overspent, ${belowFloor.length} below floor (${(report.ms / 1000).toFixed(1)} s)`,
  );
  expect(report.unexpected.slice(0, 10)).toEqual([]);
  expect(overspent).toEqual([]);
  expect(belowFloor).toEqual([]);
  // With nothing else going on, the first spend to lock the account always fits.
  expect(noWinner).toEqual([]);
  expect(wrongState.slice(0, 10)).toEqual([]);
  expect(problems).toEqual([]);
}

describe("double spending", () => {
  it("lets one of 16 concurrent 9 h donations from a 10 h account through", async () => {
    const [accounts, to] = await Promise.all([fundedAccounts("ds-donation"), sinks()]);
    const report = await race(accounts, "below_floor", (account, j) =>
      transfer(
        { kind: "donation", debitAccountId: account, creditAccountId: to[j]!, amountMinutes: SPEND_MINUTES, idempotencyKey: `ds-donation-${account}-${j}` },
        pool,
      ),
    );
    await expectOneWinner("donations", report, () => ({ balance: START_MINUTES - SPEND_MINUTES, held: 0 }));
  }, TIMEOUT_MS);

  it("lets one of 16 concurrent 9 h holds on a 10 h account through", async () => {
    const [accounts, to] = await Promise.all([fundedAccounts("ds-hold", FEWER_ACCOUNTS), sinks()]);
    const report = await race(accounts, "below_floor", (account, j) =>
      hold({ debitAccountId: account, creditAccountId: to[j]!, amountMinutes: SPEND_MINUTES, idempotencyKey: `ds-hold-${account}-${j}` }, pool),
    );
    await expectOneWinner("holds", report, () => ({ balance: START_MINUTES, held: SPEND_MINUTES }));
  }, TIMEOUT_MS);

  it("lets one of 16 concurrent 9 h hold-then-post spends on a 10 h account through", async () => {
    const [accounts, to] = await Promise.all([fundedAccounts("ds-holdpost"), sinks()]);
    const report = await race(accounts, "below_floor", async (account, j) => {
      const h = await hold(
        { debitAccountId: account, creditAccountId: to[j]!, amountMinutes: SPEND_MINUTES, idempotencyKey: `ds-holdpost-${account}-${j}-hold` },
        pool,
      );
      await postHold({ holdId: h.holdId, idempotencyKey: `ds-holdpost-${account}-${j}-post` }, pool);
    });
    await expectOneWinner("hold-then-post", report, () => ({ balance: START_MINUTES - SPEND_MINUTES, held: 0 }));
  }, TIMEOUT_MS);

  it("lets one of 16 concurrent mixed 9 h spends (donation, hold, hold-then-post) through", async () => {
    const [accounts, to] = await Promise.all([fundedAccounts("ds-mixed", FEWER_ACCOUNTS), sinks()]);
    const winner = new Map<number, "donation" | "hold" | "holdpost">();
    const report = await race(accounts, "below_floor", async (account, j) => {
      const key = `ds-mixed-${account}-${j}`;
      const input = { debitAccountId: account, creditAccountId: to[j]!, amountMinutes: SPEND_MINUTES };
      if (j % 3 === 0) {
        await transfer({ kind: "donation", ...input, idempotencyKey: key }, pool);
        winner.set(account, "donation");
      } else if (j % 3 === 1) {
        await hold({ ...input, idempotencyKey: key }, pool);
        winner.set(account, "hold");
      } else {
        const h = await hold({ ...input, idempotencyKey: `${key}-hold` }, pool);
        winner.set(account, "holdpost"); // the hold alone already took the minutes
        await postHold({ holdId: h.holdId, idempotencyKey: `${key}-post` }, pool);
      }
    });
    await expectOneWinner("mixed", report, (account) =>
      winner.get(account) === "hold"
        ? { balance: START_MINUTES, held: SPEND_MINUTES }
        : { balance: START_MINUTES - SPEND_MINUTES, held: 0 },
    );
  }, TIMEOUT_MS);

  it("keeps an open hold's minutes unspendable, and resolves it once when 16 posts and voids race", async () => {
    const [accounts, to] = await Promise.all([fundedAccounts("ds-resolve", FEWER_ACCOUNTS), sinks()]);
    const holds = new Map<number, bigint>();
    await Promise.all(
      accounts.map(async (account) => {
        const h = await hold(
          { debitAccountId: account, creditAccountId: to[0]!, amountMinutes: SPEND_MINUTES, idempotencyKey: `ds-resolve-${account}` },
          pool,
        );
        holds.set(account, h.holdId);
      }),
    );

    // 60 minutes are left above the floor: 16 concurrent donations of 61 must all be refused.
    const spend = await race(accounts, "below_floor", (account, j) =>
      transfer(
        { kind: "donation", debitAccountId: account, creditAccountId: to[j]!, amountMinutes: 61, idempotencyKey: `ds-resolve-${account}-spend-${j}` },
        pool,
      ),
    );
    const spent = spend.outcomes.filter((o) => o.ok).length;
    console.log(`double-spend held minutes: ${spend.outcomes.length} donations of 61 min against 60 min available: ${spent} ok`);
    expect(spend.unexpected.slice(0, 10)).toEqual([]);
    expect(spent).toBe(0);

    const posted = new Set<number>();
    const report = await race(accounts, "already_resolved", async (account, j) => {
      const holdId = holds.get(account)!;
      if (j % 2 === 0) {
        await postHold({ holdId, idempotencyKey: `ds-resolve-${account}-post-${j}` }, pool);
        posted.add(account);
      } else {
        await voidHold({ holdId, idempotencyKey: `ds-resolve-${account}-void-${j}` }, pool);
      }
    });
    await expectOneWinner("post/void race", report, (account) =>
      posted.has(account) ? { balance: START_MINUTES - SPEND_MINUTES, held: 0 } : { balance: START_MINUTES, held: 0 },
    );
  }, TIMEOUT_MS);
});
