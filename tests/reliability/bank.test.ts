// The bank test: 16 concurrent clients, each on its own connection, move minutes through
// lib/ledger at random (grants, donations, holds, posts, voids, reversals, replays, and about 10%
// deliberately invalid or over-floor attempts that must be refused with the right code), first
// among 8 accounts (heavy contention), then among 100. Meanwhile two readers, each on its own
// connection, take whole-ledger snapshots in REPEATABLE READ transactions and check the
// invariants in every one. After each phase: ledger_reconcile() and ledger_verify_chain() find
// nothing, and every account's balance and holds equal the clients' own tally of what the
// ledger reported.
//
//   BANK_PHASE_MS     length of each phase (default 6000)
//   RELIABILITY_SEED  replay the random choices of a run (the seed is printed)
import { afterAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import {
  hold,
  MAX_TRANSFER_MINUTES,
  openPoolAccount,
  postHold,
  reverse,
  transfer,
  voidHold,
  type LedgerErrorCode,
} from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";
import {
  checkSnapshot,
  deadlockCount,
  describeError,
  ledgerCode,
  ledgerProblems,
  openFundedAccounts,
  pick,
  pickTwo,
  randInt,
  rng,
  seedFromEnv,
  sleep,
  Tally,
} from "./helpers";

const CLIENTS = 16;
const READERS = 2;
const PHASE_MS = Number(process.env.BANK_PHASE_MS ?? 6_000);
/** Every client makes at least this many calls per phase, however slow the machine. */
const MIN_OPS_PER_CLIENT = 12;
const WELCOME_MINUTES = 600;
const SEED = seedFromEnv();

const database = await useTestDatabase();
const setup = database.prisma({ max: 4 });
// Each client and each reader has a connection of its own.
const clientDbs: PrismaClient[] = Array.from({ length: CLIENTS }, () => database.prisma({ max: 1 }));
const readerDbs: PrismaClient[] = Array.from({ length: READERS }, () => database.prisma({ max: 1 }));

interface TransferRec {
  id: bigint;
  key: string;
  kind: "grant" | "donation";
  debit: number;
  credit: number;
  amount: number;
}
interface HoldRec {
  id: bigint;
  key: string;
  debit: number;
  credit: number;
  amount: number;
}
interface Moved {
  id: bigint;
  debit: number;
  credit: number;
  amount: number;
}
interface ResolutionRec {
  holdId: bigint;
  key: string;
  outcome: "posted" | "voided";
  transferId?: bigint;
}
interface ReversalRec {
  originalId: bigint;
  key: string;
  transferId: bigint;
}

interface PhaseStats {
  name: string;
  accounts: number;
  operations: number;
  ok: number;
  refused: number;
  invalidRefused: number;
  snapshots: number;
  deadlocks: number;
  violations: string[];
  okByOp: Record<string, number>;
  refusedByCode: Record<string, number>;
}

/** Shared, in-process knowledge of what the ledger has reported (the clients pick from it). */
class Bank {
  readonly tally = new Tally();
  issuance = 0;
  pool = 0;
  accounts: number[] = [];
  openHolds: HoldRec[] = [];
  resolvedHolds: HoldRec[] = [];
  reversible: Moved[] = [];
  readonly reversed = new Set<bigint>();
  reversals: bigint[] = [];
  // Recent successes, to replay with the same key (and to misuse a key with other parameters).
  recentTransfers: TransferRec[] = [];
  recentHolds: HoldRec[] = [];
  recentResolutions: ResolutionRec[] = [];
  recentReversals: ReversalRec[] = [];
}

function remember<T>(list: T[], item: T, max = 300): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

function removeItem<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

const bank = new Bank();
const phases: PhaseStats[] = [];
afterAll(() => {
  if (phases.length === 0) return;
  const sum = (f: (p: PhaseStats) => number) => phases.reduce((n, p) => n + f(p), 0);
  console.log(
    `bank: ${CLIENTS} clients, ${sum((p) => p.operations)} operations (${sum((p) => p.ok)} ok, ${sum((p) => p.refused)} refused), ` +
      `${sum((p) => p.snapshots)} snapshots, ${sum((p) => p.violations.length)} violations` +
      ` [seed ${SEED}; ${sum((p) => p.invalidRefused)} deliberately invalid attempts refused; ${sum((p) => p.deadlocks)} deadlocks retried]`,
  );
});

class Client {
  private n = 0;
  constructor(
    private readonly index: number,
    private readonly db: PrismaClient,
    private readonly r: () => number,
    private readonly stats: PhaseStats,
  ) {}

  private key(op: string): string {
    return `${this.stats.name}-c${this.index}-${this.n}-${op}`;
  }

  private violation(text: string): void {
    this.stats.violations.push(`client ${this.index} op ${this.n}: ${text}`);
  }

  /**
   * Makes one call. `allowed` are the refusals that are correct for it; any other error, or
   * success where a refusal was required (`mustRefuse`), is a violation.
   */
  private async attempt<T>(
    op: string,
    allowed: readonly LedgerErrorCode[],
    call: () => Promise<T>,
    onOk: (result: T) => string | void,
    mustRefuse = false,
  ): Promise<void> {
    this.stats.operations += 1;
    try {
      const result = await call();
      this.stats.ok += 1;
      this.stats.okByOp[op] = (this.stats.okByOp[op] ?? 0) + 1;
      const problem = onOk(result);
      if (mustRefuse) this.violation(`${op}: accepted, but it must be refused (${allowed.join(" or ")})`);
      if (problem) this.violation(`${op}: ${problem}`);
    } catch (err) {
      const code = ledgerCode(err);
      if (code && allowed.includes(code)) {
        this.stats.refused += 1;
        this.stats.refusedByCode[code] = (this.stats.refusedByCode[code] ?? 0) + 1;
        if (mustRefuse) this.stats.invalidRefused += 1;
      } else {
        this.violation(`${op}: ${describeError(err)}`);
      }
    }
  }

  async step(): Promise<void> {
    this.n += 1;
    const roll = this.r() * 100;
    if (roll < 10) return this.grant();
    if (roll < 37) return this.donation();
    if (roll < 57) return this.placeHold();
    if (roll < 71) return this.resolveHold("post");
    if (roll < 78) return this.resolveHold("void");
    if (roll < 85) return this.reverseOne();
    if (roll < 90) return this.replay();
    return this.invalid();
  }

  private async grant(): Promise<void> {
    const credit = pick(this.r, bank.accounts);
    const amount = randInt(this.r, 15, 240);
    const key = this.key("grant");
    await this.attempt(
      "grant",
      [],
      () => transfer({ kind: "grant", debitAccountId: bank.issuance, creditAccountId: credit, amountMinutes: amount, idempotencyKey: key }, this.db),
      (res) => this.posted({ id: res.transferId, key, kind: "grant", debit: bank.issuance, credit, amount }, res.replayed),
    );
  }

  private async donation(): Promise<void> {
    const [debit, other] = pickTwo(this.r, bank.accounts);
    const credit = this.r() < 0.15 ? bank.pool : other;
    const amount = randInt(this.r, 1, 300);
    const key = this.key("donation");
    await this.attempt(
      "donation",
      ["below_floor"],
      () => transfer({ kind: "donation", debitAccountId: debit, creditAccountId: credit, amountMinutes: amount, idempotencyKey: key }, this.db),
      (res) => this.posted({ id: res.transferId, key, kind: "donation", debit, credit, amount }, res.replayed),
    );
  }

  private posted(t: TransferRec, replayed: boolean): string | void {
    if (replayed) return `a fresh key ${t.key} was reported as a replay`;
    bank.tally.move(t.debit, t.credit, t.amount);
    remember(bank.recentTransfers, t);
    bank.reversible.push({ id: t.id, debit: t.debit, credit: t.credit, amount: t.amount });
  }

  private async placeHold(): Promise<void> {
    const [debit, credit] = pickTwo(this.r, bank.accounts);
    const amount = randInt(this.r, 15, 240);
    const key = this.key("hold");
    await this.attempt(
      "hold",
      ["below_floor"],
      () => hold({ debitAccountId: debit, creditAccountId: credit, amountMinutes: amount, idempotencyKey: key }, this.db),
      (res) => {
        if (res.replayed) return `a fresh key ${key} was reported as a replay`;
        const h = { id: res.holdId, key, debit, credit, amount };
        bank.tally.hold(debit, amount);
        bank.openHolds.push(h);
        remember(bank.recentHolds, h);
      },
    );
  }

  private async resolveHold(outcome: "post" | "void"): Promise<void> {
    if (bank.openHolds.length === 0) return this.placeHold();
    // Another client may pick the same hold at the same time: one of them must be refused.
    const h = pick(this.r, bank.openHolds);
    const key = this.key(outcome);
    if (outcome === "post") {
      await this.attempt(
        "post",
        ["already_resolved"],
        () => postHold({ holdId: h.id, idempotencyKey: key }, this.db),
        (res) => {
          if (res.replayed) return `a fresh key ${key} was reported as a replay`;
          bank.tally.release(h.debit, h.amount);
          bank.tally.move(h.debit, h.credit, h.amount);
          removeItem(bank.openHolds, h);
          bank.resolvedHolds.push(h);
          bank.reversible.push({ id: res.transferId, debit: h.debit, credit: h.credit, amount: h.amount });
          remember(bank.recentResolutions, { holdId: h.id, key, outcome: "posted", transferId: res.transferId });
        },
      );
    } else {
      await this.attempt(
        "void",
        ["already_resolved"],
        () => voidHold({ holdId: h.id, idempotencyKey: key }, this.db),
        (res) => {
          if (res.replayed) return `a fresh key ${key} was reported as a replay`;
          if (res.holdId !== h.id) return `void of hold ${h.id} returned hold ${res.holdId}`;
          bank.tally.release(h.debit, h.amount);
          removeItem(bank.openHolds, h);
          bank.resolvedHolds.push(h);
          remember(bank.recentResolutions, { holdId: h.id, key, outcome: "voided" });
        },
      );
    }
  }

  private async reverseOne(): Promise<void> {
    let t: Moved | undefined;
    for (let i = 0; i < 4 && bank.reversible.length > 0; i++) {
      const candidate = pick(this.r, bank.reversible);
      if (!bank.reversed.has(candidate.id)) {
        t = candidate;
        break;
      }
    }
    if (!t) return this.donation();
    const original = t;
    const key = this.key("reverse");
    await this.attempt(
      "reverse",
      // Another client may reverse it first; the reversal may find its debit account (the
      // original's credit account) without the minutes.
      ["already_reversed", "below_floor"],
      () => reverse({ transferId: original.id, idempotencyKey: key }, this.db),
      (res) => {
        if (res.replayed) return `a fresh key ${key} was reported as a replay`;
        bank.tally.move(original.credit, original.debit, original.amount);
        bank.reversed.add(original.id);
        bank.reversals.push(res.transferId);
        remember(bank.recentReversals, { originalId: original.id, key, transferId: res.transferId });
      },
    );
  }

  /** The same call with the same key: the first result comes back, marked as a replay. */
  private async replay(): Promise<void> {
    const roll = this.r();
    const sameResult = (expected: bigint) => (res: { replayed: boolean; transferId?: bigint; holdId?: bigint }) => {
      const got = res.transferId ?? res.holdId;
      if (!res.replayed) return `a replay was not reported as one (expected id ${expected}, got ${got})`;
      if (got !== expected) return `a replay returned id ${got}, the first call returned ${expected}`;
    };
    if (roll < 0.4 && bank.recentTransfers.length > 0) {
      const t = pick(this.r, bank.recentTransfers);
      return this.attempt(
        "replay",
        [],
        () => transfer({ kind: t.kind, debitAccountId: t.debit, creditAccountId: t.credit, amountMinutes: t.amount, idempotencyKey: t.key }, this.db),
        sameResult(t.id),
      );
    }
    if (roll < 0.65 && bank.recentHolds.length > 0) {
      const h = pick(this.r, bank.recentHolds);
      return this.attempt(
        "replay",
        [],
        () => hold({ debitAccountId: h.debit, creditAccountId: h.credit, amountMinutes: h.amount, idempotencyKey: h.key }, this.db),
        sameResult(h.id),
      );
    }
    if (roll < 0.85 && bank.recentResolutions.length > 0) {
      const x = pick(this.r, bank.recentResolutions);
      if (x.outcome === "posted") {
        return this.attempt("replay", [], () => postHold({ holdId: x.holdId, idempotencyKey: x.key }, this.db), sameResult(x.transferId!));
      }
      return this.attempt("replay", [], () => voidHold({ holdId: x.holdId, idempotencyKey: x.key }, this.db), sameResult(x.holdId));
    }
    if (bank.recentReversals.length > 0) {
      const x = pick(this.r, bank.recentReversals);
      return this.attempt("replay", [], () => reverse({ transferId: x.originalId, idempotencyKey: x.key }, this.db), sameResult(x.transferId));
    }
    return this.grant();
  }

  /** A call that must be refused with exactly this code, and change nothing. */
  private async invalid(): Promise<void> {
    const [a, b] = pickTwo(this.r, bank.accounts);
    const key = this.key("invalid");
    const refuse = (what: string, code: LedgerErrorCode, call: () => Promise<unknown>) =>
      this.attempt(`invalid ${what}`, [code], call, () => undefined, true);
    const donate = (amountMinutes: number, debitAccountId = a, creditAccountId = b, idempotencyKey = key) => () =>
      transfer({ kind: "donation", debitAccountId, creditAccountId, amountMinutes, idempotencyKey }, this.db);
    switch (randInt(this.r, 0, 15)) {
      case 0:
        return refuse("zero minutes", "invalid", donate(0));
      case 1:
        return refuse("negative minutes", "invalid", donate(-randInt(this.r, 1, 120)));
      case 2:
        return refuse("fractional minutes", "invalid", donate(30.5));
      case 3:
        return refuse("to itself", "invalid", donate(30, a, a));
      case 4:
        return refuse("unknown credit account", "not_found", donate(30, a, 2_000_000_000));
      case 5:
        return refuse("over the floor", "below_floor", donate(MAX_TRANSFER_MINUTES));
      case 6:
        return refuse("hold over the floor", "below_floor", () =>
          hold({ debitAccountId: a, creditAccountId: b, amountMinutes: MAX_TRANSFER_MINUTES, idempotencyKey: key }, this.db),
        );
      case 7:
        return refuse("empty key", "invalid", donate(30, a, b, "   "));
      case 8:
        return refuse("over-long key", "invalid", donate(30, a, b, "k".repeat(201)));
      case 9: {
        if (bank.recentTransfers.length === 0) break;
        const t = pick(this.r, bank.recentTransfers);
        return refuse("key reused for another amount", "idempotency_conflict", () =>
          transfer({ kind: t.kind, debitAccountId: t.debit, creditAccountId: t.credit, amountMinutes: t.amount + 1, idempotencyKey: t.key }, this.db),
        );
      }
      case 10: {
        if (bank.recentHolds.length === 0) break;
        const h = pick(this.r, bank.recentHolds);
        return refuse("hold key reused for another payee", "idempotency_conflict", () =>
          // Same key, same payer, another payee (the pool: never a hold's payee, never its payer).
          hold({ debitAccountId: h.debit, creditAccountId: bank.pool, amountMinutes: h.amount, idempotencyKey: h.key }, this.db),
        );
      }
      case 11: {
        if (bank.resolvedHolds.length === 0) break;
        const h = pick(this.r, bank.resolvedHolds);
        return this.r() < 0.5
          ? refuse("post of a resolved hold", "already_resolved", () => postHold({ holdId: h.id, idempotencyKey: key }, this.db))
          : refuse("void of a resolved hold", "already_resolved", () => voidHold({ holdId: h.id, idempotencyKey: key }, this.db));
      }
      case 12: {
        if (bank.reversals.length === 0) break;
        const id = pick(this.r, bank.reversals);
        return refuse("reversal of a reversal", "invalid", () => reverse({ transferId: id, idempotencyKey: key }, this.db));
      }
      case 13: {
        if (bank.reversed.size === 0) break;
        const id = pick(this.r, [...bank.reversed].slice(-50));
        return refuse("second reversal", "already_reversed", () => reverse({ transferId: id, idempotencyKey: key }, this.db));
      }
      case 14:
        return this.r() < 0.5
          ? refuse("post of an unknown hold", "not_found", () => postHold({ holdId: 9_000_000_000n, idempotencyKey: key }, this.db))
          : refuse("void of an unknown hold", "not_found", () => voidHold({ holdId: 9_000_000_000n, idempotencyKey: key }, this.db));
      case 15:
        return refuse("reversal of an unknown transfer", "not_found", () => reverse({ transferId: 9_000_000_000n, idempotencyKey: key }, this.db));
    }
    return refuse("zero minutes", "invalid", donate(0));
  }
}

async function runPhase(name: string, accountCount: number): Promise<PhaseStats> {
  const stats: PhaseStats = {
    name,
    accounts: accountCount,
    operations: 0,
    ok: 0,
    refused: 0,
    invalidRefused: 0,
    snapshots: 0,
    deadlocks: 0,
    violations: [],
    okByOp: {},
    refusedByCode: {},
  };
  const t0 = Date.now();
  // Floors of 0, -2 h and -10 h in turn: all three kinds of member account.
  const floors = [0, -120, -600];
  const opened = await openFundedAccounts(setup, {
    n: accountCount,
    label: name,
    grantMinutes: WELCOME_MINUTES,
    floorOf: (i) => floors[i % floors.length]!,
    tally: bank.tally,
  });
  bank.issuance = opened.issuance;
  bank.accounts = opened.accounts;
  bank.openHolds = [];
  bank.resolvedHolds = [];
  bank.reversible = [];
  bank.reversals = [];
  const deadlocksBefore = await deadlockCount(setup);

  const stop = { done: false };
  const readers = readerDbs.map(async (db, i) => {
    do {
      try {
        const snap = await checkSnapshot(db);
        stats.snapshots += 1;
        for (const v of snap.violations) stats.violations.push(`reader ${i} snapshot ${stats.snapshots}: ${v}`);
      } catch (err) {
        stats.violations.push(`reader ${i}: the snapshot failed: ${describeError(err)}`);
        await sleep(50);
      }
    } while (!stop.done);
  });

  const t1 = Date.now();
  const deadline = t1 + PHASE_MS;
  await Promise.all(
    clientDbs.map(async (db, i) => {
      const client = new Client(i, db, rng(SEED + i * 7919 + accountCount), stats);
      for (let n = 0; n < MIN_OPS_PER_CLIENT || Date.now() < deadline; n++) await client.step();
    }),
  );
  stop.done = true;
  await Promise.all(readers);
  const t2 = Date.now();

  // Once more, with everything at rest.
  const last = await checkSnapshot(setup);
  stats.snapshots += 1;
  for (const v of last.violations) stats.violations.push(`final snapshot: ${v}`);
  for (const p of await ledgerProblems(setup)) stats.violations.push(p);
  for (const p of await bank.tally.compare(setup)) stats.violations.push(`tally: ${p}`);
  await sleep(1_100); // an idle backend reports its statistics at most once a second
  stats.deadlocks = (await deadlockCount(setup)) - deadlocksBefore;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

  console.log(
    `bank ${name}: ${accountCount} accounts, ${CLIENTS} clients, ${stats.operations} operations (${stats.ok} ok, ${stats.refused} refused, ` +
      `${stats.invalidRefused} of them deliberately invalid), ${stats.snapshots} snapshots, ${stats.deadlocks} deadlocks, ` +
      `${stats.violations.length} violations (setup ${seconds(t1 - t0)}, run ${seconds(t2 - t1)}, checks ${seconds(Date.now() - t2)})` +
      `\n  ok: ${JSON.stringify(stats.okByOp)}\n  refused: ${JSON.stringify(stats.refusedByCode)}`,
  );
  if (stats.violations.length > 0) console.log(`  first violations:\n  ${stats.violations.slice(0, 20).join("\n  ")}`);
  phases.push(stats);
  return stats;
}

function expectMeaningful(stats: PhaseStats): void {
  expect(stats.violations.slice(0, 20)).toEqual([]);
  expect(stats.violations.length).toBe(0);
  // The run really exercised what it claims (counts, not speed).
  expect(stats.operations).toBeGreaterThanOrEqual(CLIENTS * MIN_OPS_PER_CLIENT);
  expect(stats.snapshots).toBeGreaterThan(READERS);
  for (const op of ["grant", "donation", "hold", "post", "reverse", "replay"]) expect(stats.okByOp[op] ?? 0, op).toBeGreaterThan(0);
  expect(stats.invalidRefused).toBeGreaterThan(0);
  expect(stats.ok + stats.refused).toBe(stats.operations);
}

describe("the bank test", () => {
  it("keeps the books among 8 accounts under 16 concurrent clients", async () => {
    bank.pool = await openPoolAccount(`bank-pool-${SEED}`, "Bank test pool", setup);
    expectMeaningful(await runPhase("phase1", 8));
  });

  it("keeps the books among 100 accounts under 16 concurrent clients", async () => {
    expectMeaningful(await runPhase("phase2", 100));
  });
});
