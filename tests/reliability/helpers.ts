// Shared pieces of the reliability tests (bank, double-spend, fault): members and accounts in
// bulk, a seeded random source, a client-side tally of what the ledger reported, a consistent
// snapshot check, and the ledger's own end-to-end checks.
import net from "node:net";
import pg from "pg";
import { Prisma, type PrismaClient } from "../../lib/db/client";
import {
  LedgerError,
  openMemberAccount,
  reconcile,
  systemAccountId,
  transfer,
  verifyChain,
  type LedgerErrorCode,
} from "../../lib/ledger";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with the same choices. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RELIABILITY_SEED=<n> replays a run's random choices (the interleaving still varies). */
export function seedFromEnv(): number {
  const fromEnv = Number.parseInt(process.env.RELIABILITY_SEED ?? "", 10);
  return Number.isInteger(fromEnv) ? fromEnv : Math.floor(Math.random() * 2 ** 31);
}

export function randInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

export function pick<T>(r: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick from an empty list");
  return items[Math.floor(r() * items.length)]!;
}

/** Two different items. */
export function pickTwo<T>(r: () => number, items: readonly T[]): [T, T] {
  const i = Math.floor(r() * items.length);
  const j = (i + 1 + Math.floor(r() * (items.length - 1))) % items.length;
  return [items[i]!, items[j]!];
}

/** The ledger's refusal code, or undefined when the error is not a LedgerError. */
export function ledgerCode(err: unknown): LedgerErrorCode | undefined {
  return err instanceof LedgerError ? err.code : undefined;
}

export function describeError(err: unknown): string {
  if (err instanceof LedgerError) return `LedgerError(${err.code}${err.sqlState ? `, ${err.sqlState}` : ""}): ${err.message}`;
  if (err instanceof Error) return `${err.constructor.name}: ${err.message.split("\n").slice(-3).join(" ").slice(0, 300)}`;
  return String(err);
}

/** n new active members; returns their ids in order. */
export async function createMembers(prisma: PrismaClient, n: number, label: string): Promise<string[]> {
  const prefix = `${label}-${Math.random().toString(36).slice(2, 8)}-`;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO members (email, name, status)
    SELECT ${prefix} || g || '@example.org', ${label} || ' ' || g, 'active'::member_status
      FROM generate_series(1, ${n}::int) g
    ORDER BY g
    RETURNING id::text AS id`;
  return rows.map((r) => r.id);
}

/**
 * Client-side books: every movement the ledger reported as done (not replayed). At the end each
 * account's cached balance and holds must equal these figures exactly: a lost or doubled update
 * anywhere shows up as a difference.
 */
export class Tally {
  readonly balance = new Map<number, number>();
  readonly held = new Map<number, number>();
  transfers = 0;
  holds = 0;

  move(debit: number, credit: number, amount: number): void {
    this.balance.set(debit, (this.balance.get(debit) ?? 0) - amount);
    this.balance.set(credit, (this.balance.get(credit) ?? 0) + amount);
    this.transfers += 1;
  }

  hold(debit: number, amount: number): void {
    this.held.set(debit, (this.held.get(debit) ?? 0) + amount);
    this.holds += 1;
  }

  release(debit: number, amount: number): void {
    this.held.set(debit, (this.held.get(debit) ?? 0) - amount);
  }

  /** Differences between the ledger's accounts and this tally (empty when they agree). */
  async compare(prisma: PrismaClient): Promise<string[]> {
    const rows = await prisma.$queryRaw<{ id: number; balance_minutes: number; held_minutes: number }[]>`
      SELECT id, balance_minutes, held_minutes FROM ledger_accounts ORDER BY id`;
    const [counts] = await prisma.$queryRaw<{ transfers: bigint; holds: bigint }[]>`
      SELECT (SELECT count(*) FROM ledger_transfers)::bigint AS transfers, (SELECT count(*) FROM ledger_holds)::bigint AS holds`;
    const problems: string[] = [];
    const seen = new Set<number>();
    for (const r of rows) {
      seen.add(r.id);
      const balance = this.balance.get(r.id) ?? 0;
      const held = this.held.get(r.id) ?? 0;
      if (r.balance_minutes !== balance) problems.push(`account ${r.id}: balance ${r.balance_minutes}, the clients saw ${balance}`);
      if (r.held_minutes !== held) problems.push(`account ${r.id}: held ${r.held_minutes}, the clients saw ${held}`);
    }
    for (const id of this.balance.keys()) if (!seen.has(id)) problems.push(`account ${id} is missing`);
    if (Number(counts?.transfers) !== this.transfers) {
      problems.push(`${counts?.transfers} transfers in the ledger, the clients saw ${this.transfers} posted`);
    }
    if (Number(counts?.holds) !== this.holds) {
      problems.push(`${counts?.holds} holds in the ledger, the clients saw ${this.holds} placed`);
    }
    return problems;
  }
}

export interface OpenedAccounts {
  issuance: number;
  accounts: number[];
}

/**
 * n member accounts (floors chosen by floorOf), each granted `grantMinutes` from issuance; the
 * grants are recorded in the tally when one is given.
 */
export async function openFundedAccounts(
  prisma: PrismaClient,
  options: { n: number; label: string; grantMinutes: number; floorOf?: (i: number) => number; tally?: Tally },
): Promise<OpenedAccounts> {
  const issuance = await systemAccountId("issuance", prisma);
  const members = await createMembers(prisma, options.n, options.label);
  const accounts = await Promise.all(
    members.map((member, i) => openMemberAccount(member, { floorMinutes: options.floorOf?.(i) ?? 0 }, prisma)),
  );
  if (options.grantMinutes > 0) {
    await Promise.all(
      accounts.map(async (account) => {
        const r = await transfer(
          {
            kind: "grant",
            debitAccountId: issuance,
            creditAccountId: account,
            amountMinutes: options.grantMinutes,
            idempotencyKey: `${options.label}-welcome-${account}`,
          },
          prisma,
        );
        if (!r.replayed) options.tally?.move(issuance, account, options.grantMinutes);
      }),
    );
  }
  return { issuance, accounts };
}

/** ledger_reconcile() and ledger_verify_chain(), as printable lines (empty when clean). */
export async function ledgerProblems(prisma: PrismaClient): Promise<string[]> {
  const [rec, chain] = await Promise.all([reconcile(prisma), verifyChain(prisma)]);
  return [
    ...rec.map((p) => `reconcile: account ${p.accountId}: ${p.problem}`),
    ...chain.map((p) => `verify_chain: account ${p.accountId} transfer ${p.transferId}: ${p.problem}`),
  ];
}

export interface SnapshotCheck {
  accounts: number;
  transfers: number;
  /** Rows ledger_verify_chain() returned in the snapshot (each one also a violation). */
  chainProblems: number;
  violations: string[];
}

/**
 * One consistent view of the whole ledger (a REPEATABLE READ transaction: every statement sees
 * the same snapshot), checked against invariants 2, 3, 4 and 8 and the cached holds:
 * the balances sum to zero, every cached balance equals its entries' sum (and count), every
 * cached hold total equals the account's open holds, nobody is below their floor counting holds,
 * every transfer has its two entries, and ledger_verify_chain() finds nothing (every row it
 * returns counts as a violation).
 */
export async function checkSnapshot(prisma: PrismaClient): Promise<SnapshotCheck> {
  return prisma.$transaction(
    async (tx) => {
      const [iso] = await tx.$queryRaw<{ level: string }[]>`SELECT current_setting('transaction_isolation') AS level`;
      const accounts = await tx.$queryRaw<
        { id: number; kind: string; balance_minutes: number; held_minutes: number; floor_minutes: number | null; entry_count: number }[]
      >`SELECT id, kind::text AS kind, balance_minutes, held_minutes, floor_minutes, entry_count FROM ledger_accounts`;
      const entries = await tx.$queryRaw<{ account_id: number; total: bigint; n: bigint }[]>`
        SELECT account_id, sum(amount_minutes)::bigint AS total, count(*)::bigint AS n FROM ledger_entries GROUP BY account_id`;
      const holds = await tx.$queryRaw<{ account_id: number; total: bigint }[]>`
        SELECT h.debit_account_id AS account_id, sum(h.amount_minutes)::bigint AS total
          FROM ledger_holds h
         WHERE NOT EXISTS (SELECT 1 FROM ledger_hold_resolutions r WHERE r.hold_id = h.id)
         GROUP BY h.debit_account_id`;
      const [counts] = await tx.$queryRaw<{ transfers: bigint; entries: bigint }[]>`
        SELECT (SELECT count(*) FROM ledger_transfers)::bigint AS transfers, (SELECT count(*) FROM ledger_entries)::bigint AS entries`;
      // Invariant 8 in the same snapshot: every row ledger_verify_chain() returns is a problem.
      const [chain] = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM ledger_verify_chain()`;

      const violations: string[] = [];
      if (iso?.level !== "repeatable read") violations.push(`snapshot ran at isolation "${iso?.level}", not repeatable read`);
      const entrySum = new Map(entries.map((e) => [e.account_id, e]));
      const heldSum = new Map(holds.map((h) => [h.account_id, Number(h.total)]));
      let total = 0;
      for (const a of accounts) {
        total += a.balance_minutes;
        const e = entrySum.get(a.id);
        const fromEntries = e ? Number(e.total) : 0;
        if (a.balance_minutes !== fromEntries) {
          violations.push(`account ${a.id}: cached balance ${a.balance_minutes}, entries sum to ${fromEntries}`);
        }
        if (a.entry_count !== (e ? Number(e.n) : 0)) {
          violations.push(`account ${a.id}: entry_count ${a.entry_count}, ${e ? Number(e.n) : 0} entries`);
        }
        const open = heldSum.get(a.id) ?? 0;
        if (a.held_minutes !== open) violations.push(`account ${a.id}: cached held ${a.held_minutes}, open holds sum to ${open}`);
        if (a.floor_minutes !== null && a.balance_minutes - a.held_minutes < a.floor_minutes) {
          violations.push(`account ${a.id}: balance ${a.balance_minutes} - held ${a.held_minutes} is below its floor ${a.floor_minutes}`);
        }
      }
      if (total !== 0) violations.push(`the balances sum to ${total}, not 0`);
      const transfers = Number(counts?.transfers ?? 0);
      if (Number(counts?.entries ?? -1) !== 2 * transfers) {
        violations.push(`${counts?.entries} entries for ${transfers} transfers`);
      }
      const chainProblems = Number(chain?.n ?? 0);
      for (let i = 1; i <= chainProblems; i++) violations.push(`ledger_verify_chain() problem ${i} of ${chainProblems}`);
      return { accounts: accounts.length, transfers, chainProblems, violations };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 20_000, timeout: 60_000 },
  );
}

/** Deadlocks PostgreSQL has counted in this database so far (statistics lag by up to a second). */
export async function deadlockCount(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT deadlocks::bigint AS n FROM pg_stat_database WHERE datname = current_database()`;
  return Number(row?.n ?? 0);
}

/**
 * Terminates every other backend of the URL's database, from a connection of its own.
 * Returns how many backends were terminated.
 */
export async function terminateBackends(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  admin.on("error", () => {});
  await admin.connect();
  try {
    const { rows } = await admin.query<{ killed: boolean }>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.filter((r) => r.killed).length;
  } finally {
    await admin.end().catch(() => {});
  }
}

/** How long an armed connection waits for the server's answer before it is cut anyway. */
const SWALLOW_AT_MOST_MS = 3_000;

/** The chunk ends with a ReadyForQuery message: 'Z', length 5, a transaction status byte. */
function endsWithReadyForQuery(d: Buffer): boolean {
  return d.length >= 6 && d[d.length - 6] === 0x5a && d.readInt32BE(d.length - 5) === 5;
}

interface ProxiedConnection {
  client: net.Socket;
  upstream: net.Socket;
  /** Armed: the answer to the client's next message is thrown away and the connection cut. */
  armed: boolean;
  swallowing: boolean;
}

/**
 * A TCP proxy in front of PostgreSQL that can lose answers: the server gets the client's next
 * message and acts on it (an autocommit ledger call commits), but the client never hears back and
 * its connection is cut. This is the one fault a retry must not turn into a second transfer.
 */
export class AnswerLosingProxy {
  private readonly connections = new Set<ProxiedConnection>();
  private server?: net.Server;
  private targetHost = "";
  private targetPort = 0;
  port = 0;

  async start(targetHost: string, targetPort: number): Promise<this> {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
    return this;
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const u = new URL(url);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    // Pass every message on at once (no Nagle delay on top of the client's own).
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const c: ProxiedConnection = { client, upstream, armed: false, swallowing: false };
    this.connections.add(c);
    const close = () => {
      this.connections.delete(c);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    client.on("data", (d) => {
      upstream.write(d);
      if (c.armed && !c.swallowing) {
        c.swallowing = true;
        // The line is cut once the server has answered (below); at the latest after this long.
        setTimeout(close, SWALLOW_AT_MOST_MS);
      }
    });
    upstream.on("data", (d) => {
      if (!c.swallowing) client.write(d);
      // The server is ready for the next query: the statement has run and (autocommit) committed,
      // however slow the machine. Only now does the client lose the line.
      else if (endsWithReadyForQuery(d)) close();
    });
  }

  /** Arms every open connection; returns how many. */
  loseNextAnswers(): number {
    let n = 0;
    for (const c of this.connections) {
      if (!c.armed) {
        c.armed = true;
        n += 1;
      }
    }
    return n;
  }

  async stop(): Promise<void> {
    for (const c of this.connections) {
      c.client.destroy();
      c.upstream.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
