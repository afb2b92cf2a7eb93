// The figures on the admin overview: who is waiting, how many members the bank has by status, and
// the most recent audit entries. Read only by the overview page, after its admin check.
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

export async function getAdminOverview(database: PrismaClient = db()): Promise<AdminOverview> {
  const [byStatus, pendingReady, openDisputes, openExchanges, recent] = await Promise.all([
    database.user.groupBy({ by: ["status"], _count: { _all: true } }),
    database.user.count({ where: { status: "pending", profileDoneAt: { not: null } } }),
    database.exchange.count({ where: { state: "disputed" } }),
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
