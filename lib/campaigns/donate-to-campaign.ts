// Giving hours to a campaign's pool: any active member, from their own account, by the rules of
// every donation (lib/members/donate-hours.ts: hours they have, a one-time key, the ledger's
// checks), until the campaign has finished.
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict } from "../errors";
import { giveOwnHours } from "../members/donate-hours";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import { lockCampaign, phaseOf } from "./campaign";
import { donateToCampaignSchema } from "./schemas";

export async function donateToCampaign(actorId: string, input: unknown, database: PrismaClient = db()): Promise<{ transferId: string; replayed: boolean }> {
  const d = parseInput(donateToCampaignSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    const campaign = await lockCampaign(tx, d.campaignId);
    if (phaseOf(campaign) === "finished") throw conflict("This campaign has finished, so its pool takes no more hours. Nothing was given.");
    const memo = d.note === "" ? `For the campaign “${campaign.title}”` : d.note;
    const result = await giveOwnHours(tx, { actorId, creditAccountId: campaign.poolAccountId, minutes: d.minutes, requestKey: d.requestKey, memo });
    return { transferId: result.transferId.toString(), replayed: result.replayed };
  });
}
