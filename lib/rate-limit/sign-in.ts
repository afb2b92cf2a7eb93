// Sign-in emails are limited per address (one inbox is not flooded with links) and per client
// address (one client cannot send links to many inboxes), both counted in one transaction before
// next-auth is asked to send: if either refuses, neither is counted. The refusal is recorded in
// the audit log (the address only as a hash).
import { recordRateLimitHit } from "../audit/write";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { normaliseEmail } from "../auth/email-address";
import { enforceRateLimit, RateLimitedError } from "./consume";

/** Counts one sign-in email to `email` asked for from `ip` (null: not known), or throws RateLimitedError. */
export async function limitSignInEmail(email: string, ip: string | null, database: PrismaClient = db()): Promise<void> {
  const address = normaliseEmail(email);
  try {
    // Always in this order, so two requests never wait for each other's rows the other way round.
    await transaction(database, async (tx) => {
      await enforceRateLimit(tx, "signInPerClient", ip ?? "unknown");
      await enforceRateLimit(tx, "signInPerAddress", address);
    });
  } catch (err) {
    if (err instanceof RateLimitedError) await recordRateLimitHit(err, null);
    throw err;
  }
}
