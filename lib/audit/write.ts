// The audit log: one append-only row (the database refuses UPDATE, DELETE and TRUNCATE) for every
// admin action, sign-in and sign-out, refused request and settings change: who (actor), when
// (UTC, the database clock of the app), what (action, target and details) and from where (the
// request context's address and browser).
import { now } from "../clock";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
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
  const context = requestContext();
  try {
    await writeAudit(db(), {
      actorId,
      action: "auth.refused",
      targetType: context.path ? "page" : undefined,
      targetId: context.path ?? undefined,
      details: { reason: reason.slice(0, 300), ...details },
    });
  } catch (err) {
    console.error("[audit] could not record a refused request", err);
  }
}
