// The figures on the admin overview: who is waiting, how many members the bank has by status, and
// the most recent audit entries; and the counts on the admin tabs. Read only by the admin pages,
// after their admin check.
import { db, type PrismaClient } from "../db/client";
import type { MemberStatus } from "../db/generated/client";

export interface AdminOverview {
  membersByStatus: Record<MemberStatus, number>;
  pendingReady: number;
  openDisputes: number;
  openExchanges: number;
  recentAudit: { id: bigint; at: Date; action: string; actorName: string | null; targetType: string | null; targetId: string | null }[];
}

export const RECENT_AUDIT_ROWS = 8;

/**
 * The admin tabs' two counts, in one query: members waiting for approval (pending, their profile
 * done) and disputed exchanges waiting for an admin.
 */
export async function adminTabCounts(database: PrismaClient = db()): Promise<{ pending: number; disputes: number }> {
  const [row] = await database.$queryRaw<{ pending: number; disputes: number }[]>`
    SELECT (SELECT count(*)::int FROM members WHERE status = 'pending' AND profile_done_at IS NOT NULL) AS pending,
           (SELECT count(*)::int FROM exchanges WHERE state = 'disputed') AS disputes`;
  return { pending: row?.pending ?? 0, disputes: row?.disputes ?? 0 };
}

export async function getAdminOverview(database: PrismaClient = db()): Promise<AdminOverview> {
  const [byStatus, { pending: pendingReady, disputes: openDisputes }, openExchanges, recent] = await Promise.all([
    database.user.groupBy({ by: ["status"], _count: { _all: true } }),
    adminTabCounts(database),
    database.exchange.count({ where: { state: { in: ["proposed", "accepted", "delivered"] } } }),
    database.auditLog.findMany({
      orderBy: { id: "desc" },
      take: RECENT_AUDIT_ROWS,
      select: { id: true, at: true, action: true, targetType: true, targetId: true, actor: { select: { name: true } } },
    }),
  ]);
  const membersByStatus: Record<MemberStatus, number> = { pending: 0, active: 0, suspended: 0, closed: 0 };
  for (const row of byStatus) membersByStatus[row.status] = row._count._all;
  return {
    membersByStatus,
    pendingReady,
    openDisputes,
    openExchanges,
    recentAudit: recent.map((r) => ({ id: r.id, at: r.at, action: r.action, actorName: r.actor?.name ?? null, targetType: r.targetType, targetId: r.targetId })),
  };
}
