// Small helpers shared by the member operations: parsing input into AppErrors, locking a member
// row who need not be active (joining, settings, closing), the audit log, and activation
// (approval or open joining) with its one welcome grant.
import { now } from "../clock";
import { AppError, forbidden } from "../errors";
import { systemAccountId, transfer, type LedgerDb } from "../ledger";
import { memberAccountId } from "./account";
import type { Tx } from "./guard";

export { parseInput } from "../validation";
export { writeAudit } from "../audit/write";

export interface LockedMember {
  id: string;
  name: string | null;
  status: "pending" | "active" | "suspended" | "closed";
  role: "member" | "admin";
  profileDoneAt: Date | null;
}

/**
 * Locks a member row (FOR UPDATE) for a change to the member themself. Unlike lockActiveMember it
 * lets pending members through; closed members are never let through, and `allowSuspended`
 * decides for suspended ones.
 */
export async function lockMemberForUpdate(tx: Tx, memberId: string, options: { allowSuspended: boolean }): Promise<LockedMember> {
  const rows = await tx.$queryRaw<{ id: string; name: string | null; status: LockedMember["status"]; role: LockedMember["role"]; profile_done_at: Date | null }[]>`
    SELECT id, name, status::text AS status, role::text AS role, profile_done_at
      FROM members WHERE id = ${memberId}::uuid FOR UPDATE`;
  const m = rows[0];
  if (!m || m.status === "closed") throw new AppError("unauthenticated", "Please sign in first.");
  if (m.status === "suspended" && !options.allowSuspended) throw forbidden("Your membership is suspended.");
  return { id: m.id, name: m.name, status: m.status, role: m.role, profileDoneAt: m.profile_done_at };
}

export const welcomeGrantKey = (memberId: string) => `welcome:${memberId}`;

/**
 * Makes a pending member active: approvedAt, their ledger account, and the bank's welcome grant
 * (once: the idempotency key is the member's). The caller has locked the member row.
 */
export async function activateMember(tx: Tx, memberId: string, actorId: string): Promise<{ welcomeMinutes: number }> {
  const settings = await tx.bankSettings.findUnique({ where: { id: 1 }, select: { welcomeGrantMinutes: true } });
  await tx.user.update({ where: { id: memberId }, data: { status: "active", approvedAt: now(), statusReason: null } });
  const accountId = await memberAccountId(tx, memberId);
  const welcomeMinutes = settings?.welcomeGrantMinutes ?? 0;
  if (welcomeMinutes > 0) {
    const ledger = tx as unknown as LedgerDb;
    await transfer(
      {
        kind: "grant",
        debitAccountId: await systemAccountId("issuance", ledger),
        creditAccountId: accountId,
        amountMinutes: welcomeMinutes,
        idempotencyKey: welcomeGrantKey(memberId),
        actorId,
        memo: "Welcome to the bank",
      },
      ledger,
    );
  }
  return { welcomeMinutes };
}
