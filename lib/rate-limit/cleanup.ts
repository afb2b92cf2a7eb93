// A rate limit's row whose theoretical arrival time has passed holds nothing a decision needs (the
// next use starts from now either way), so the daily job deletes it (lib/jobs).
import { db, type PrismaClient } from "../db/client";

/** Deletes the rows that expired; returns how many. */
export async function deleteExpiredRateLimits(database: PrismaClient = db()): Promise<number> {
  return database.$executeRaw`DELETE FROM rate_limits WHERE tat < clock_timestamp()`;
}
