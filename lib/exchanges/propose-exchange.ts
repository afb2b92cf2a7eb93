// A member proposes an exchange from a listing: on an open offer they ask for the help (they pay,
// the owner provides); on an open request they offer to help (they provide, the owner pays).
// Nothing moves in the ledger until the other member accepts, but a proposer who pays cannot ask
// for more than they could commit now (accepting checks again, counting holds made since). How
// many a member may propose in a short time is the "proposals" rate limit (lib/rate-limit).
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { AppError, conflict, forbidden, notFound } from "../errors";
import { memberAccountId } from "../members/account";
import { lockActiveMember, type Tx } from "../members/guard";
import { now } from "../clock";
import { formatMinutes } from "../format/minutes";
import { notify } from "../notifications/notify";
import { enforceRateLimit } from "../rate-limit/consume";
import { exchangeLink, recordEvent } from "./locked";
import { firstName, isUniqueViolation, parseInput } from "./parse";
import { proposeSchema } from "./schemas";

export interface ProposeResult {
  id: string;
  /** True when this request key had already made the exchange: the same one is returned. */
  replayed: boolean;
}

export async function proposeExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ProposeResult> {
  const data = parseInput(proposeSchema, input);
  try {
    return await transaction(database, async (tx) => {
      const actor = await lockActiveMember(tx, actorId);
      const existing = await tx.exchange.findUnique({ where: { requestKey: data.requestKey }, select: { id: true, proposedById: true } });
      if (existing) {
        if (existing.proposedById === actorId) return { id: existing.id, replayed: true };
        throw conflict("This form has already been used. Reload the page and try again.");
      }
      // Held until commit so the listing cannot close, or its owner be suspended, halfway through.
      await tx.$queryRaw`SELECT id FROM listings WHERE id = ${data.listingId}::uuid FOR SHARE`;
      const listing = await tx.listing.findUnique({
        where: { id: data.listingId },
        select: { id: true, kind: true, title: true, status: true, ownerId: true },
      });
      if (!listing) throw notFound("That listing");
      if (listing.ownerId === actorId) throw forbidden("This is your own listing: you cannot exchange with yourself.");
      if (listing.status !== "open") throw conflict("This listing is no longer open, so no new exchange can be proposed on it.");
      const owners = await tx.$queryRaw<{ status: string; profile_done_at: Date | null }[]>`
        SELECT status::text AS status, profile_done_at FROM members WHERE id = ${listing.ownerId}::uuid FOR SHARE`;
      const owner = owners[0];
      if (!owner || owner.status !== "active" || !owner.profile_done_at) {
        throw conflict("The member who posted this listing cannot take part in exchanges just now.");
      }

      const asksForHelp = listing.kind === "offer";
      // The proposer pays: refuse now rather than let the provider accept a proposal that cannot be
      // held. When the proposer helps, the payer's hours are not checked here: the refusal would
      // tell the proposer about someone else's balance (accepting checks them anyway).
      if (asksForHelp) {
        const canSpend = await canSpendMinutes(tx, actorId);
        if (canSpend !== null && data.minutes > canSpend) throw overSpend(canSpend);
      }
      // Counted in this transaction, after the replay check above: a retried form, a refusal or a
      // lost race on the request key (rolled back below) counts nothing.
      await enforceRateLimit(tx, "proposals", actorId);
      const at = now();
      const ex = await tx.exchange.create({
        data: {
          listingId: listing.id,
          providerId: asksForHelp ? listing.ownerId : actorId,
          payerId: asksForHelp ? actorId : listing.ownerId,
          proposedById: actorId,
          state: "proposed",
          title: listing.title,
          note: data.note ?? null,
          agreedMinutes: data.minutes,
          requestKey: data.requestKey,
          createdAt: at,
        },
        select: { id: true },
      });
      await recordEvent(tx, { exchangeId: ex.id, fromState: null, toState: "proposed", actorId, note: data.note, at });
      const who = firstName(actor.name);
      await notify(tx, {
        memberId: listing.ownerId,
        kind: "exchange.proposed",
        title: asksForHelp ? `${who} asks for your help: ${listing.title}` : `${who} offers to help: ${listing.title}`,
        body: asksForHelp
          ? `${who} would like ${formatMinutes(data.minutes)} of your help with "${listing.title}". Accept or decline the proposal.`
          : `${who} offers ${formatMinutes(data.minutes)} of help with your request "${listing.title}". If you accept, ${formatMinutes(data.minutes)} will be held from your hours until you confirm the help.`,
        link: exchangeLink(ex.id),
      });
      return { id: ex.id, replayed: false };
    });
  } catch (err) {
    // Two identical submissions raced past the look-up: the first one's exchange is the answer.
    if (isUniqueViolation(err)) {
      const existing = await database.exchange.findUnique({ where: { requestKey: data.requestKey }, select: { id: true, proposedById: true } });
      if (existing?.proposedById === actorId) return { id: existing.id, replayed: true };
    }
    throw err;
  }
}

/**
 * What the member could commit now: balance, less hours held, down to their floor. Null when the
 * account has no floor (not a member's account: never the case for members, who always have one).
 * The account is opened (with the bank's default floor) if the member has none yet; on a refusal
 * the transaction rolls that back too.
 */
async function canSpendMinutes(tx: Tx, memberId: string): Promise<number | null> {
  const accountId = await memberAccountId(tx, memberId);
  const rows = await tx.$queryRaw<{ balance: number; held: number; floor: number | null }[]>`
    SELECT balance_minutes AS balance, held_minutes AS held, floor_minutes AS floor FROM ledger_accounts WHERE id = ${accountId}`;
  const a = rows[0];
  if (!a || a.floor === null) return null;
  return Math.max(0, Number(a.balance) - Number(a.held) - Number(a.floor));
}

function overSpend(canSpend: number): AppError {
  const hint = `You can commit up to ${formatMinutes(canSpend)} just now (your balance, less hours held, down to your floor). Ask for less, or give some help first.`;
  return new AppError("below_floor", `You are asking for more hours than you have available. ${hint}`, { minutes: [hint] });
}
