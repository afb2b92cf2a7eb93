// Rate limits kept in PostgreSQL, so every app instance counts against the same budget: GCRA (the
// generic cell rate algorithm), one row per limit and key, decided and moved by one statement.
// A limit of N per period T costs each use an interval I = T / N; the row keeps the theoretical
// arrival time (tat), and a use is allowed iff greatest(tat, now) + I - now <= T (so N in a burst,
// then one more every I). Called inside the caller's transaction, a use that is rolled back was
// never counted. docs/RATE-LIMITS.md.
import { createHash } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { rateLimitMessage, rateOf, type Rate, type RateLimitName } from "./limits";

/** A Prisma client or transaction: all a decision needs. */
export type RateLimitSql = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Longer keys (a made-up address of any length) are stored as their SHA-256. */
export const MAX_KEY_CHARS = 200;

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The key as stored: itself, "unknown" when empty, or "sha256:<hex>" when over 200 characters. */
export function rateLimitKey(raw: string): string {
  const key = raw.length > 0 ? raw : "unknown";
  return key.length > MAX_KEY_CHARS ? `sha256:${sha256Hex(key)}` : key;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * One use of `bucket` by `key` at `rate`: allowed (and counted) or refused (and nothing changed).
 *
 * The time is the database's clock_timestamp(), read after the row lock is taken (ON CONFLICT DO
 * UPDATE evaluates its SET and WHERE on the locked row), not now(): now() is the transaction's
 * start, and a transaction that waited for another's lock would be judged by a moment before the
 * use it waited for, refusing a use within the limit. I is rounded down to a microsecond and T is
 * taken as N * I, so exactly N fit in a burst whatever the rounding.
 */
export async function consumeRate(sql: RateLimitSql, bucket: string, rate: Rate, rawKey: string): Promise<RateLimitDecision> {
  const key = rateLimitKey(rawKey);
  const intervalMicros = Math.max(1, Math.floor((rate.periodSeconds * 1_000_000) / rate.count));
  const interval = `${intervalMicros} microseconds`;
  // greatest(tat, now) + I - now <= T  <=>  tat - now <= T - I  (as I <= T): the burst tolerance.
  const tolerance = `${intervalMicros * (rate.count - 1)} microseconds`;
  const taken = await sql.$queryRaw<{ tat: Date }[]>`
    INSERT INTO rate_limits AS r (bucket, key, tat)
    VALUES (${bucket}, ${key}, clock_timestamp() + ${interval}::interval)
    ON CONFLICT (bucket, key) DO UPDATE
      SET tat = greatest(r.tat, clock_timestamp()) + ${interval}::interval
      WHERE r.tat - clock_timestamp() <= ${tolerance}::interval
    RETURNING tat`;
  if (taken.length > 0) return { allowed: true };
  // Refused: the row is locked by the statement above, so this reads the tat that refused it.
  // retry-after = greatest(tat, now) + I - T - now.
  const rows = await sql.$queryRaw<{ ms: number }[]>`
    SELECT (extract(epoch FROM greatest(tat, clock_timestamp()) - clock_timestamp() - ${tolerance}::interval) * 1000)::float8 AS ms
      FROM rate_limits WHERE bucket = ${bucket} AND key = ${key}`;
  return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(Number(rows[0]?.ms ?? intervalMicros / 1000))) };
}

/** A refusal by a named limit: code "rate_limited", with the words and the wait for the caller. */
export class RateLimitedError extends AppError {
  constructor(
    readonly limit: RateLimitName,
    /** The key as given (an address, a client's IP, a member's id); the audit log hashes addresses. */
    readonly key: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", rateLimitMessage(limit, retryAfterSeconds));
  }
}

/** Counts one use of a named limit, or throws RateLimitedError (and counts nothing). */
export async function enforceRateLimit(sql: RateLimitSql, name: RateLimitName, key: string): Promise<void> {
  const decision = await consumeRate(sql, name, rateOf(name), key);
  if (!decision.allowed) throw new RateLimitedError(name, key, Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
}
