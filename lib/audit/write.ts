// The audit log: one append-only row (the database refuses UPDATE, DELETE and TRUNCATE) for every
// admin action, sign-in and sign-out, refused request and settings change: who (actor), when
// (UTC, the database clock of the app), what (action, target and details) and from where (the
// request context's address and browser).
import { now } from "../clock";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { consumeRate, sha256Hex, type RateLimitedError } from "../rate-limit/consume";
import { RATE_LIMITS, rateOf } from "../rate-limit/limits";
import { requestContext } from "./context";

type AuditDb = Pick<Prisma.TransactionClient, "auditLog">;

export interface AuditEntry {
  actorId: string | null;
  /** dotted and stable, e.g. "member.suspend", "ledger.reverse", "auth.sign_in" (AUDIT_ACTIONS) */
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
}

/** Writes one audit row in the caller's transaction, so it commits or rolls back with the change. */
export async function writeAudit(tx: AuditDb, entry: AuditEntry): Promise<void> {
  const context = requestContext();
  await tx.auditLog.create({
    data: {
      at: now(),
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details,
      ip: context.ip,
      userAgent: context.userAgent,
    },
  });
}

/**
 * A refused request (not signed in, not allowed) is recorded on its own: the refused work never
 * started a transaction. A failure to record is logged, never shown to the caller.
 */
export async function recordRefusal(actorId: string | null, reason: string, details: Record<string, string | null> = {}): Promise<void> {
  await writeSecurityEvent(actorId, "auth.refused", { reason: reason.slice(0, 300), ...details });
}

/**
 * A use refused by a rate limit: who, which limit, the key (an email address only as the start of
 * its SHA-256, which an admin can match by hashing a suspected address) and how long to wait.
 * Written outside the refused transaction, which rolled back.
 */
export async function recordRateLimitHit(err: RateLimitedError, actorId: string | null): Promise<void> {
  const key = RATE_LIMITS[err.limit].keyedBy === "address" ? `sha256:${sha256Hex(err.key).slice(0, 16)}` : err.key.slice(0, 100);
  await writeSecurityEvent(actorId, "rate_limit.hit", { limit: err.limit, key, retryAfterSeconds: err.retryAfterSeconds });
}

/**
 * Anyone can make requests that are refused, and the audit log is append-only, so security rows
 * pass through the auditRefusals limit per client address (or member, without one): past it they
 * are not written, and the server log says so once per row left out.
 */
async function writeSecurityEvent(actorId: string | null, action: "auth.refused" | "rate_limit.hit", details: Prisma.InputJsonValue): Promise<void> {
  const context = requestContext();
  const client = context.ip ?? (actorId ? `member:${actorId}` : "unknown");
  try {
    const decision = await consumeRate(db(), "auditRefusals", rateOf("auditRefusals"), client);
    if (!decision.allowed) {
      console.warn(`[audit] ${action} not recorded: ${client} is over the auditRefusals limit for ${Math.ceil(decision.retryAfterMs / 1000)} s more`);
      return;
    }
    // The page the request came from, when known.
    await writeAudit(db(), { actorId, action, targetType: context.path ? "page" : undefined, targetId: context.path ?? undefined, details });
  } catch (err) {
    console.error(`[audit] could not record ${action}`, err);
  }
}
