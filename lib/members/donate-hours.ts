// Giving hours away: to another active member or to the community pool, through the ledger as a
// "donation". The form's one-time key is part of the ledger's idempotency key, so a retried
// submission posts once; the ledger enforces the giver's floor.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { AppError, fromLedgerError, invalid } from "../errors";
import { formatMinutes } from "../format/minutes";
import { LedgerError, transfer, type LedgerDb, type TransferResult } from "../ledger";
import { notify } from "../notifications/notify";
import { memberAccountId } from "./account";
import { lockActiveMember, type Tx } from "./guard";
import { parseInput } from "./internal";
import { firstName } from "../format/names";
import { donateSchema } from "./schemas";

export const COMMUNITY_POOL_CODE = "community";

export interface DonationResult {
  transferId: string;
  replayed: boolean;
}

export const donationKey = (actorId: string, requestKey: string) => `donation:${actorId}:${requestKey}`;

export async function donateHours(actorId: string, input: unknown, database: PrismaClient = db()): Promise<DonationResult> {
  const d = parseInput(donateSchema, input);
  if (d.to === actorId) throw invalid("You cannot donate hours to yourself.", { to: ["Choose another member or the community pool."] });
  return transaction(database, async (tx) => {
    const actor = await lockActiveMember(tx, actorId);
    let creditAccountId: number;
    let recipientId: string | null = null;
    if (d.to === "community") {
      const pool = await tx.ledgerAccount.findUnique({ where: { code: COMMUNITY_POOL_CODE }, select: { id: true } });
      if (!pool) throw new AppError("not_found", "The community pool is not set up in this bank.");
      creditAccountId = pool.id;
    } else {
      // FOR SHARE: a suspension or an account closing cannot commit between this check and the credit.
      const rows = await tx.$queryRaw<{ status: string; profile_done_at: Date | null }[]>`
        SELECT status::text AS status, profile_done_at FROM members WHERE id = ${d.to}::uuid FOR SHARE`;
      const recipient = rows[0];
      if (!recipient || recipient.status !== "active" || !recipient.profile_done_at) {
        throw invalid("You can only give hours to an active member.", { to: ["That member cannot receive hours: choose an active member."] });
      }
      recipientId = d.to;
      creditAccountId = await memberAccountId(tx, d.to);
    }
    const result = await giveOwnHours(tx, { actorId, creditAccountId, minutes: d.minutes, requestKey: d.requestKey, memo: d.note === "" ? null : d.note });
    if (recipientId && !result.replayed) {
      const giver = firstName(actor.name);
      await notify(tx, {
        memberId: recipientId,
        kind: "donation.received",
        title: `${giver} gave you ${formatMinutes(d.minutes)}`,
        body: d.note ? `${giver} donated ${formatMinutes(d.minutes)} to you: “${d.note}”` : `${giver} donated ${formatMinutes(d.minutes)} to you.`,
        link: "/dashboard",
      });
    }
    return { transferId: result.transferId.toString(), replayed: result.replayed };
  });
}

/**
 * A donation of the actor's own hours to an account (a member's or a pool), in the caller's
 * transaction: only hours they have (their balance less what is held, never credit below zero:
 * the floor is for asking for help before giving it), once per form key. Used by donateHours and
 * by donations to a campaign's pool (lib/campaigns).
 */
export async function giveOwnHours(
  tx: Tx,
  g: { actorId: string; creditAccountId: number; minutes: number; requestKey: string; memo: string | null },
): Promise<TransferResult> {
  const debitAccountId = await memberAccountId(tx, g.actorId);
  // The row lock (the same one the ledger takes) makes two donations at once see each other.
  const own = await tx.$queryRaw<{ have: number }[]>`
    SELECT balance_minutes - held_minutes AS have FROM ledger_accounts WHERE id = ${debitAccountId} FOR NO KEY UPDATE`;
  const have = own[0]?.have ?? 0;
  const key = donationKey(g.actorId, g.requestKey);
  const replay = await tx.ledgerTransfer.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
  if (!replay && g.minutes > have) {
    throw new AppError(
      "below_floor",
      have > 0
        ? `You can give up to ${formatMinutes(have)}: the hours you have, less any held for your exchanges. Nothing was given.`
        : "You have no hours to give just now: give some help first. Nothing was given.",
      { minutes: [`At most ${formatMinutes(Math.max(0, have))}.`] },
    );
  }
  try {
    return await transfer(
      { kind: "donation", debitAccountId, creditAccountId: g.creditAccountId, amountMinutes: g.minutes, idempotencyKey: key, actorId: g.actorId, memo: g.memo },
      tx as unknown as LedgerDb,
    );
  } catch (err) {
    if (err instanceof LedgerError && err.code === "below_floor") {
      throw new AppError("below_floor", `You do not have ${formatMinutes(g.minutes)} available to give (counting hours held for your exchanges). Nothing was given.`);
    }
    if (err instanceof LedgerError && err.code === "idempotency_conflict") {
      throw new AppError("conflict", "This form was already used for a different donation. Reload the page and try again.");
    }
    throw fromLedgerError(err);
  }
}
