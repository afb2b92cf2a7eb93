// The only code that writes ledger tables. Every write is one call of a PostgreSQL function
// (prisma/migrations/*_ledger_invariants) whose triggers enforce the invariants; this module
// validates input, maps errors to LedgerError, and retries transient failures with the same
// idempotency key, which is safe because a key posts at most once.
import { z } from "zod";
import { db as sharedDb, type PrismaClient } from "../db/client";
import { isTransient, LedgerError, toLedgerError } from "./errors";
import {
  DEFAULT_FLOOR_MINUTES,
  MAX_ATTEMPTS,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  MAX_TRANSFER_MINUTES,
  MIN_FLOOR_MINUTES,
  RETRY_BASE_MS,
} from "./limits";

export { LedgerError } from "./errors";
export type { LedgerErrorCode } from "./errors";
export * from "./limits";

/** A PrismaClient, or the client of a Prisma interactive transaction the caller is in. */
export type LedgerDb = Pick<PrismaClient, "$queryRaw">;

export type SystemAccountCode = "issuance" | "adjustment";
export type DirectTransferKind = "grant" | "donation" | "adjustment";

const minutes = z
  .number({ error: "The amount must be a number of minutes." })
  .int("The amount must be a whole number of minutes.")
  .positive("The amount must be more than zero minutes.")
  .max(MAX_TRANSFER_MINUTES, `The amount must be at most ${MAX_TRANSFER_MINUTES} minutes.`);
const accountId = z.number().int().positive("Unknown account.");
const rowId = z.bigint().positive("Unknown id.");
// Not trimmed: keys that differ only in spaces are different keys. A blank one is no key.
const key = z
  .string()
  .refine((k) => k.trim().length > 0, "An idempotency key is required.")
  .max(MAX_IDEMPOTENCY_KEY_LENGTH, `An idempotency key has at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
const uuid = z.uuid("Unknown member.").nullish();
const memo = z.string().max(1000, "A memo has at most 1000 characters.").nullish();

const transferInput = z
  .object({
    kind: z.enum(["grant", "donation", "adjustment"]),
    debitAccountId: accountId,
    creditAccountId: accountId,
    amountMinutes: minutes,
    idempotencyKey: key,
    actorId: uuid,
    memo,
  })
  .refine((t) => t.debitAccountId !== t.creditAccountId, "A transfer needs two different accounts.");
const holdInput = z
  .object({
    debitAccountId: accountId,
    creditAccountId: accountId,
    amountMinutes: minutes,
    idempotencyKey: key,
    exchangeId: uuid,
    actorId: uuid,
    memo,
  })
  .refine((t) => t.debitAccountId !== t.creditAccountId, "A hold needs two different accounts.");
const postInput = z.object({ holdId: rowId, amountMinutes: minutes.nullish(), idempotencyKey: key, actorId: uuid, memo });
const voidInput = z.object({ holdId: rowId, idempotencyKey: key, actorId: uuid, memo });
const reverseInput = z.object({ transferId: rowId, idempotencyKey: key, actorId: uuid, memo });

export type TransferInput = z.input<typeof transferInput>;
export type HoldInput = z.input<typeof holdInput>;
export type PostHoldInput = z.input<typeof postInput>;
export type VoidHoldInput = z.input<typeof voidInput>;
export type ReverseInput = z.input<typeof reverseInput>;

export interface TransferResult {
  transferId: bigint;
  /** True when this key had already posted: the first result is returned, nothing new moved. */
  replayed: boolean;
}
export interface HoldResult {
  holdId: bigint;
  replayed: boolean;
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new LedgerError("invalid", result.error.issues.map((i) => i.message).join(" "));
  }
  return result.data;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one ledger call. Transient failures (deadlock, serialization, a dropped connection) are
 * retried with the same key, but only outside a caller's transaction, which cannot be resumed.
 * A unique-key race between two identical calls is settled by calling again: the second call
 * then finds the first one's row and returns it as a replay.
 */
async function run<T>(database: LedgerDb, call: (d: LedgerDb) => Promise<T>): Promise<T> {
  const canRetry = "$transaction" in database;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(database);
    } catch (raw) {
      const err = toLedgerError(raw);
      const racedOnKey =
        err instanceof LedgerError && (err.sqlState === "23505" || err.code === "already_resolved" || err.code === "already_reversed") &&
        attempt === 1;
      if (canRetry && attempt < MAX_ATTEMPTS && (racedOnKey || isTransient(raw))) {
        await sleep(Math.random() * Math.min(1000, RETRY_BASE_MS * 2 ** attempt));
        continue;
      }
      throw err;
    }
  }
}

function single<T>(rows: T[]): T {
  const row = rows[0];
  if (!row) throw new LedgerError("not_found", "The ledger returned no result.");
  return row;
}

export async function openMemberAccount(
  memberId: string,
  options: { floorMinutes?: number; name?: string } = {},
  database: LedgerDb = sharedDb(),
): Promise<number> {
  const member = parse(z.uuid("Unknown member."), memberId);
  const floor = parse(
    z
      .number()
      .int()
      .max(0, "A floor is zero or below.")
      .min(MIN_FLOOR_MINUTES, `A floor is at most ${-MIN_FLOOR_MINUTES / 60} hours below zero.`),
    options.floorMinutes ?? DEFAULT_FLOOR_MINUTES,
  );
  const name = options.name ?? "Member account";
  return run(database, async (d) => {
    const rows = await d.$queryRaw<{ id: number }[]>`
      SELECT ledger_open_account('member'::ledger_account_kind, ${member}::uuid, NULL, ${name}, ${floor}::int) AS id`;
    return single(rows).id;
  });
}

/** A pool (e.g. a campaign's) that members donate to; it may not go below zero. */
export async function openPoolAccount(code: string, name: string, database: LedgerDb = sharedDb()): Promise<number> {
  const c = parse(z.string().min(1).max(100), code);
  return run(database, async (d) => {
    const rows = await d.$queryRaw<{ id: number }[]>`
      SELECT ledger_open_account('pool'::ledger_account_kind, NULL, ${c}, ${name}, 0) AS id`;
    return single(rows).id;
  });
}

export async function systemAccountId(code: SystemAccountCode, database: LedgerDb = sharedDb()): Promise<number> {
  const rows = await database.$queryRaw<{ id: number }[]>`SELECT id FROM ledger_accounts WHERE code = ${code}`;
  return single(rows).id;
}

/** A direct transfer: a grant, a donation or an admin adjustment. Exchanges go through holds. */
export async function transfer(input: TransferInput, database: LedgerDb = sharedDb()): Promise<TransferResult> {
  const t = parse(transferInput, input);
  return run(database, async (d) => {
    const rows = await d.$queryRaw<{ transfer_id: bigint; replayed: boolean }[]>`
      SELECT * FROM ledger_transfer(${t.kind}::transfer_kind, ${t.debitAccountId}::int, ${t.creditAccountId}::int,
        ${t.amountMinutes}::int, ${t.idempotencyKey}, ${t.actorId ?? null}::uuid, ${t.memo ?? null}, NULL, NULL, NULL)`;
    const row = single(rows);
    return { transferId: row.transfer_id, replayed: row.replayed };
  });
}

/** Reserves minutes on the payer's account (accepting an exchange). */
export async function hold(input: HoldInput, database: LedgerDb = sharedDb()): Promise<HoldResult> {
  const h = parse(holdInput, input);
  return run(database, async (d) => {
    const rows = await d.$queryRaw<{ hold_id: bigint; replayed: boolean }[]>`
      SELECT * FROM ledger_hold(${h.debitAccountId}::int, ${h.creditAccountId}::int, ${h.amountMinutes}::int,
        ${h.idempotencyKey}, ${h.actorId ?? null}::uuid, ${h.memo ?? null}, ${h.exchangeId ?? null}::uuid)`;
    const row = single(rows);
    return { holdId: row.hold_id, replayed: row.replayed };
  });
}

/** Posts a hold as a transfer (confirming an exchange): exactly once per hold. */
export async function postHold(input: PostHoldInput, database: LedgerDb = sharedDb()): Promise<TransferResult> {
  const p = parse(postInput, input);
  return run(database, async (d) => {
    const rows = await d.$queryRaw<{ transfer_id: bigint; replayed: boolean }[]>`
      SELECT * FROM ledger_post_hold(${p.holdId}::bigint, ${p.amountMinutes ?? null}::int, ${p.idempotencyKey},
        ${p.actorId ?? null}::uuid, ${p.memo ?? null})`;
    const row = single(rows);
    return { transferId: row.transfer_id, replayed: row.replayed };
  });
}

/** Releases a hold without moving anything (a cancelled exchange). */
export async function voidHold(input: VoidHoldInput, database: LedgerDb = sharedDb()): Promise<HoldResult> {
  const v = parse(voidInput, input);
  return run(database, async (d) => {
    const rows = await d.$queryRaw<{ hold_id: bigint; replayed: boolean }[]>`
      SELECT * FROM ledger_void_hold(${v.holdId}::bigint, ${v.idempotencyKey}, ${v.actorId ?? null}::uuid, ${v.memo ?? null})`;
    const row = single(rows);
    return { holdId: row.hold_id, replayed: row.replayed };
  });
}

/** A new transfer that moves the same minutes back, linked to the original; at most once. */
export async function reverse(input: ReverseInput, database: LedgerDb = sharedDb()): Promise<TransferResult> {
  const r = parse(reverseInput, input);
  return run(database, async (d) => {
    const rows = await d.$queryRaw<{ transfer_id: bigint; replayed: boolean }[]>`
      SELECT * FROM ledger_reverse(${r.transferId}::bigint, ${r.idempotencyKey}, ${r.actorId ?? null}::uuid, ${r.memo ?? null})`;
    const row = single(rows);
    return { transferId: row.transfer_id, replayed: row.replayed };
  });
}

export interface LedgerProblem {
  accountId: number | null;
  transferId?: bigint | null;
  problem: string;
}

/** Invariants 2, 3 and 4 checked from the entries: an empty list means the books balance. */
export async function reconcile(database: LedgerDb = sharedDb()): Promise<LedgerProblem[]> {
  const rows = await database.$queryRaw<{ account_id: number | null; problem: string }[]>`
    SELECT account_id, problem FROM ledger_reconcile()`;
  return rows.map((r) => ({ accountId: r.account_id, problem: r.problem }));
}

/** Invariant 8: every entry's hash, every link and every head. Empty means untampered. */
export async function verifyChain(database: LedgerDb = sharedDb()): Promise<LedgerProblem[]> {
  const rows = await database.$queryRaw<{ account_id: number | null; transfer_id: bigint | null; problem: string }[]>`
    SELECT account_id, transfer_id, problem FROM ledger_verify_chain()`;
  return rows.map((r) => ({ accountId: r.account_id, transferId: r.transfer_id, problem: r.problem }));
}

export interface TrialBalance {
  totalMinutes: number;
  memberMinutes: number;
  systemMinutes: number;
  heldMinutes: number;
  accounts: number;
  transfers: number;
}

/** The bank's trial balance: all balances sum to zero (invariant 2). */
export async function trialBalance(database: LedgerDb = sharedDb()): Promise<TrialBalance> {
  const rows = await database.$queryRaw<
    { total: bigint; members: bigint; system: bigint; held: bigint; accounts: bigint; transfers: bigint }[]
  >`
    SELECT coalesce(sum(balance_minutes), 0)::bigint AS total,
           coalesce(sum(balance_minutes) FILTER (WHERE kind IN ('member', 'pool')), 0)::bigint AS members,
           coalesce(sum(balance_minutes) FILTER (WHERE kind IN ('issuance', 'adjustment')), 0)::bigint AS system,
           coalesce(sum(held_minutes), 0)::bigint AS held,
           count(*)::bigint AS accounts,
           (SELECT count(*) FROM ledger_transfers)::bigint AS transfers
      FROM ledger_accounts`;
  const r = single(rows);
  return {
    totalMinutes: Number(r.total),
    memberMinutes: Number(r.members),
    systemMinutes: Number(r.system),
    heldMinutes: Number(r.held),
    accounts: Number(r.accounts),
    transfers: Number(r.transfers),
  };
}

const floorInput = z.object({
  accountId,
  floorMinutes: z
    .number({ error: "The floor must be a number of minutes." })
    .int("The floor must be a whole number of minutes.")
    .max(0, "The floor is how far below zero an account may go: zero or less.")
    .min(MIN_FLOOR_MINUTES, `The floor can be at most ${-MIN_FLOOR_MINUTES / 60} hours below zero.`),
});
export type SetFloorInput = z.input<typeof floorInput>;

/**
 * Sets how far below zero a member's (or pool's) account may go, counting holds. A floor above
 * what the account already has available is refused by the floor CHECK (invariant 4): an admin
 * cannot put a member below their floor by moving the floor.
 */
export async function setFloor(input: SetFloorInput, database: LedgerDb = sharedDb()): Promise<{ previousFloorMinutes: number }> {
  const f = parse(floorInput, input);
  return run(database, async (d) => {
    const rows = await d.$queryRaw<{ previous: number | null }[]>`
      UPDATE ledger_accounts a SET floor_minutes = ${f.floorMinutes}::int
        FROM (SELECT id, floor_minutes AS previous FROM ledger_accounts WHERE id = ${f.accountId}::int FOR NO KEY UPDATE) old
       WHERE a.id = old.id AND a.kind IN ('member', 'pool')
      RETURNING old.previous`;
    const row = rows[0];
    if (!row) throw new LedgerError("not_found", "No member account has that id.");
    return { previousFloorMinutes: row.previous ?? 0 };
  });
}

export * from "./checks";
