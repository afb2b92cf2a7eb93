// Spending a campaign's pool: its organisers, its hub's coordinators or an admin pay hours from the
// pool to the owner of one of the campaign's open requests, so that the help they ask for can be
// paid for. One ledger transfer (kind "donation": hours members gave, passed on; the bank mints
// nothing), never more than the pool holds (the ledger keeps a pool at or above zero), audited and
// told to the member in the same transaction. Nobody pays the pool to themselves.
import { writeAudit } from "../audit/write";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { AppError, conflict, fromLedgerError, invalid } from "../errors";
import { formatMinutes } from "../format/minutes";
import { LedgerError, transfer, type LedgerDb } from "../ledger";
import { memberAccountId } from "../members/account";
import { notify } from "../notifications/notify";
import { parseInput } from "../validation";
import { lockCampaign, lockCampaignSpender } from "./campaign";
import type { Tx } from "../members/guard";
import { CHECK_FIELDS, spendCampaignPoolSchema, type SpendCampaignPoolInput } from "./schemas";

export const spendKey = (campaignId: string, actorId: string, requestKey: string) => `spend:${campaignId}:${actorId}:${requestKey}`;

const NOT_A_REQUEST = "Choose one of the campaign's open requests.";

export async function spendCampaignPool(actorId: string, input: unknown, database: PrismaClient = db()): Promise<{ transferId: string; replayed: boolean }> {
  const d = parseInput(spendCampaignPoolSchema, input);
  return transaction(database, async (tx) => {
    const paid = await payFromPool(tx, actorId, d);
    if (paid.replayed) return { transferId: paid.transferId, replayed: true };
    const { campaign, request } = paid;
    await writeAudit(tx, {
      actorId,
      action: "campaign.spend",
      targetType: "campaign",
      targetId: campaign.id,
      details: { as: paid.as, listingId: request.id, memberId: request.ownerId, minutes: d.minutes, transferId: paid.transferId },
    });
    await notify(tx, {
      memberId: request.ownerId,
      kind: "donation.received",
      title: `${formatMinutes(d.minutes)} from the campaign “${campaign.title}”`.slice(0, 200),
      body: `The campaign “${campaign.title}” paid ${formatMinutes(d.minutes)} from its pool into your account for your request “${request.title}”${d.note ? `: “${d.note}”` : "."}`,
      link: `/campaigns/${campaign.id}`,
    });
    return { transferId: paid.transferId, replayed: false };
  });
}

export type PoolPayment =
  | { replayed: true; transferId: string }
  | { replayed: false; transferId: string; as: "admin" | "coordinator" | "organiser"; campaign: { id: string; title: string }; request: { id: string; title: string; ownerId: string } };

/**
 * The payment itself, in the caller's transaction: who may, which request, the pool's balance, the
 * ledger transfer and its record. The caller audits it and tells the member (the demo seed writes
 * its own dated audit row).
 */
export async function payFromPool(tx: Tx, actorId: string, d: SpendCampaignPoolInput): Promise<PoolPayment> {
  const campaign = await lockCampaign(tx, d.campaignId);
  const actor = await lockCampaignSpender(tx, actorId, campaign);
  const key = spendKey(campaign.id, actorId, d.requestKey);
  const replay = await tx.ledgerTransfer.findUnique({ where: { idempotencyKey: key }, select: { id: true, amountMinutes: true } });
  if (replay) {
    if (replay.amountMinutes !== d.minutes) throw conflict("This form was already used for a different payment. Reload the page and try again.");
    return { transferId: replay.id.toString(), replayed: true };
  }
  // FOR SHARE: the request cannot be closed, nor its owner suspended, halfway through.
  const rows = await tx.$queryRaw<{ id: string; kind: string; status: string; title: string; campaign_id: string | null; owner_id: string; owner_status: string; profile_done_at: Date | null }[]>`
    SELECT l.id, l.kind::text AS kind, l.status::text AS status, l.title, l.campaign_id, l.owner_id, m.status::text AS owner_status, m.profile_done_at
      FROM listings l JOIN members m ON m.id = l.owner_id
     WHERE l.id = ${d.listingId}::uuid FOR SHARE`;
  const request = rows[0];
  if (!request || request.kind !== "request" || request.campaign_id !== campaign.id) throw invalid(CHECK_FIELDS, { listingId: [NOT_A_REQUEST] });
  if (request.status !== "open") throw invalid(CHECK_FIELDS, { listingId: ["That request is no longer open: choose an open one."] });
  if (request.owner_status !== "active" || !request.profile_done_at) throw invalid(CHECK_FIELDS, { listingId: ["The member who asked is not active just now, so cannot receive hours."] });
  if (request.owner_id === actorId) {
    throw invalid(CHECK_FIELDS, { listingId: ["You cannot pay the pool’s hours to yourself: ask another organiser, a coordinator or an admin."] });
  }
  // The pool's row lock (the one the ledger takes) makes two payments at once see each other.
  const [pool] = await tx.$queryRaw<{ balance_minutes: number }[]>`
    SELECT balance_minutes FROM ledger_accounts WHERE id = ${campaign.poolAccountId} FOR NO KEY UPDATE`;
  const have = pool?.balance_minutes ?? 0;
  if (d.minutes > have) throw poolShort(have);
  const memo = `From the campaign “${campaign.title}” for the request “${request.title}”${d.note ? `: ${d.note}` : ""}`.slice(0, 1000);
  let result;
  try {
    result = await transfer(
      { kind: "donation", debitAccountId: campaign.poolAccountId, creditAccountId: await memberAccountId(tx, request.owner_id), amountMinutes: d.minutes, idempotencyKey: key, actorId, memo },
      tx as unknown as LedgerDb,
    );
  } catch (err) {
    if (err instanceof LedgerError && err.code === "below_floor") throw poolShort(have);
    if (err instanceof LedgerError && err.code === "idempotency_conflict") throw conflict("This form was already used for a different payment. Reload the page and try again.");
    throw fromLedgerError(err);
  }
  await tx.campaignSpend.create({ data: { campaignId: campaign.id, listingId: request.id, transferId: result.transferId, spentById: actorId } });
  return {
    replayed: false,
    transferId: result.transferId.toString(),
    as: actor.as,
    campaign: { id: campaign.id, title: campaign.title },
    request: { id: request.id, title: request.title, ownerId: request.owner_id },
  };
}

function poolShort(have: number): AppError {
  return new AppError(
    "below_floor",
    have > 0 ? `The pool holds ${formatMinutes(have)}: pay at most that. Nothing was paid.` : "The pool is empty just now: nothing was paid. Members can give hours to it on this page.",
    { minutes: [`At most ${formatMinutes(Math.max(0, have))}.`] },
  );
}
