import { db, type PrismaClient } from "../db/client";

/** Disputed exchanges waiting for an admin. */
export function countOpenDisputes(database: PrismaClient = db()): Promise<number> {
  return database.exchange.count({ where: { state: "disputed" } });
}

/**
 * The admin tabs' two counts in one query: members waiting for approval (their profile done, as
 * countPendingMembers counts them) and disputed exchanges (as countOpenDisputes counts them).
 */
export async function adminTabCounts(database: PrismaClient = db()): Promise<{ pending: number; disputes: number }> {
  const [row] = await database.$queryRaw<{ pending: number; disputes: number }[]>`
    SELECT (SELECT count(*)::int FROM members WHERE status = 'pending' AND profile_done_at IS NOT NULL) AS pending,
           (SELECT count(*)::int FROM exchanges WHERE state = 'disputed') AS disputes`;
  return { pending: row?.pending ?? 0, disputes: row?.disputes ?? 0 };
}
