// Admin downloads (ledger, audit log, reports as CSV) are limited per admin: each one reads the
// whole of a large table, so a script or a stuck button cannot keep the database busy. Counted
// before the download starts; a refusal is recorded in the audit log.
import { recordRateLimitHit } from "../audit/write";
import { db, type PrismaClient } from "../db/client";
import { enforceRateLimit, RateLimitedError } from "./consume";

/** Counts one download by `adminId`, or throws RateLimitedError. */
export async function limitAdminExport(adminId: string, database: PrismaClient = db()): Promise<void> {
  try {
    await enforceRateLimit(database, "adminExports", adminId);
  } catch (err) {
    if (err instanceof RateLimitedError) await recordRateLimitHit(err, adminId);
    throw err;
  }
}
