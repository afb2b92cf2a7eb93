// Helpers for the ledger's tests: a full dump of the ledger tables (to prove a refused attempt
// changed nothing), small fixtures (members with funded accounts), and assertions for refusals.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { expect } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { LedgerError, openMemberAccount, systemAccountId, transfer, type LedgerErrorCode } from "../../lib/ledger";
import { toLedgerError } from "../../lib/ledger/errors";

export type Row = Record<string, unknown>;

/** Every row of every ledger table, ordered, as plain JSON values (bytea as "\\x..." hex). */
export interface LedgerSnapshot {
  accounts: Row[];
  transfers: Row[];
  entries: Row[];
  holds: Row[];
  resolutions: Row[];
}

/** Anything that can run SQL: a pg Client / Pool, or a Prisma client. */
export type SqlClient = Pick<pg.Client, "query"> | Pick<PrismaClient, "$queryRawUnsafe">;

const SNAPSHOT_SQL = `
  SELECT json_build_object(
    'accounts',    (SELECT coalesce(json_agg(r ORDER BY r.id), '[]'::json) FROM ledger_accounts r),
    'transfers',   (SELECT coalesce(json_agg(r ORDER BY r.id), '[]'::json) FROM ledger_transfers r),
    'entries',     (SELECT coalesce(json_agg(r ORDER BY r.id), '[]'::json) FROM ledger_entries r),
    'holds',       (SELECT coalesce(json_agg(r ORDER BY r.id), '[]'::json) FROM ledger_holds r),
    'resolutions', (SELECT coalesce(json_agg(r ORDER BY r.hold_id), '[]'::json) FROM ledger_hold_resolutions r)
  )::text AS snapshot`;

/** Runs one statement and returns its rows, on either kind of client. */
export async function sql<T extends Row = Row>(client: SqlClient, text: string, params: unknown[] = []): Promise<T[]> {
  if ("$queryRawUnsafe" in client) return client.$queryRawUnsafe<T[]>(text, ...params);
  const result = await client.query(text, params);
  return result.rows as T[];
}

export async function ledgerSnapshot(client: SqlClient): Promise<LedgerSnapshot> {
  const rows = await sql<{ snapshot: string }>(client, SNAPSHOT_SQL);
  const text = rows[0]?.snapshot;
  if (!text) throw new Error("ledger snapshot returned nothing");
  return JSON.parse(text) as LedgerSnapshot;
}

/** A fresh idempotency key (keys are global, so every test makes its own). */
export function newKey(prefix = "k"): string {
  return `${prefix}-${randomUUID()}`;
}

export interface Member {
  userId: string;
  accountId: number;
}

export interface AccountState {
  id: number;
  balance: number;
  held: number;
  floor: number | null;
  entryCount: number;
}

export async function accountState(client: SqlClient, accountId: number): Promise<AccountState> {
  const rows = await sql<{ id: number; balance: number; held: number; floor: number | null; entry_count: number }>(
    client,
    `SELECT id, balance_minutes AS balance, held_minutes AS held, floor_minutes AS floor, entry_count
       FROM ledger_accounts WHERE id = $1`,
    [accountId],
  );
  const r = rows[0];
  if (!r) throw new Error(`no ledger account ${accountId}`);
  return { id: r.id, balance: r.balance, held: r.held, floor: r.floor, entryCount: r.entry_count };
}

export async function issuanceAccount(prisma: PrismaClient): Promise<number> {
  return systemAccountId("issuance", prisma);
}

/** Grants minutes from the issuance account; returns the transfer id. */
export async function fund(prisma: PrismaClient, accountId: number, minutes: number): Promise<bigint> {
  const issuance = await issuanceAccount(prisma);
  const r = await transfer(
    { kind: "grant", debitAccountId: issuance, creditAccountId: accountId, amountMinutes: minutes, idempotencyKey: newKey("fund") },
    prisma,
  );
  return r.transferId;
}

/**
 * Creates `count` members, each with a ledger account (floor `floorMinutes`, default the bank's
 * default) funded with `fundMinutes` from the issuance account (none when 0).
 */
export async function createMembers(
  prisma: PrismaClient,
  count: number,
  options: { fundMinutes?: number; floorMinutes?: number } = {},
): Promise<Member[]> {
  const members: Member[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const user = await prisma.user.create({ data: { email: `m-${id}@example.org`, name: `Member ${i + 1}` } });
    const accountId = await openMemberAccount(
      user.id,
      options.floorMinutes === undefined ? {} : { floorMinutes: options.floorMinutes },
      prisma,
    );
    if (options.fundMinutes) await fund(prisma, accountId, options.fundMinutes);
    members.push({ userId: user.id, accountId });
  }
  return members;
}

export async function createMember(
  prisma: PrismaClient,
  options: { fundMinutes?: number; floorMinutes?: number } = {},
): Promise<Member> {
  const [m] = await createMembers(prisma, 1, options);
  return m!;
}

/** Runs `attempt`, which must fail, and returns what it threw. */
export async function caught(attempt: () => Promise<unknown>): Promise<unknown> {
  try {
    await attempt();
  } catch (err) {
    return err;
  }
  throw new Error("expected the attempt to be refused, but it succeeded");
}

/**
 * Runs `attempt`, which must be refused, and proves the ledger is exactly as it was before.
 * Returns the error for the caller to inspect.
 */
export async function refusedWithoutChange(client: SqlClient, attempt: () => Promise<unknown>): Promise<unknown> {
  const before = await ledgerSnapshot(client);
  const err = await caught(attempt);
  const after = await ledgerSnapshot(client);
  expect(after).toEqual(before);
  return err;
}

/** Asserts `err` is a LedgerError with this code (and, optionally, a message matching). */
export function expectLedgerError(err: unknown, code: LedgerErrorCode, message?: RegExp): LedgerError {
  expect(err, String(err)).toBeInstanceOf(LedgerError);
  const e = err as LedgerError;
  expect({ code: e.code, message: e.message }).toMatchObject({ code, ...(message ? { message: expect.stringMatching(message) } : {}) });
  return e;
}

/** Asserts `err` is a PostgreSQL error with this SQLSTATE (and message), as pg reports it. */
export function expectSqlState(err: unknown, sqlState: string, message?: RegExp): pg.DatabaseError {
  expect(err, String(err)).toBeInstanceOf(Error);
  const e = err as pg.DatabaseError;
  expect({ code: e.code, message: e.message }).toMatchObject({
    code: sqlState,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });
  return e;
}

/** The raw SQL error as the app would see it: a LedgerError with a code. */
export function asLedgerError(err: unknown): LedgerError {
  const mapped = toLedgerError(err);
  expect(mapped, String(err)).toBeInstanceOf(LedgerError);
  return mapped as LedgerError;
}

/**
 * Makes a race deterministic: `locker` locks the given accounts (as every ledger write does, FOR
 * UPDATE), `start` launches the racing calls, and once `waiters` sessions are queued behind the
 * lock (or 15 s have passed) the lock is released, so all of them run into each other at once.
 */
export async function raceBehindLock<T>(
  locker: pg.Client,
  observer: SqlClient,
  accountIds: number[],
  waiters: number,
  start: () => Promise<T>[],
): Promise<PromiseSettledResult<T>[]> {
  await locker.query("BEGIN");
  let settled: Promise<PromiseSettledResult<T>[]>;
  try {
    await locker.query(`SELECT id FROM ledger_accounts WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [accountIds]);
    settled = Promise.allSettled(start());
    const until = Date.now() + 15_000;
    for (;;) {
      const [row] = await sql<{ n: number }>(
        observer,
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((row?.n ?? 0) >= waiters || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await locker.query("COMMIT");
  }
  return settled;
}

/** Tallies settled promises: how many succeeded, and the LedgerError codes of the rest. */
export function tally<T>(results: PromiseSettledResult<T>[]): { ok: T[]; codes: string[]; other: unknown[] } {
  const ok: T[] = [];
  const codes: string[] = [];
  const other: unknown[] = [];
  for (const r of results) {
    if (r.status === "fulfilled") ok.push(r.value);
    else if (r.reason instanceof LedgerError) codes.push(r.reason.code);
    else other.push(r.reason);
  }
  return { ok, codes, other };
}
