// Joining a campaign: any active member, whatever their hub (one bank, one currency), until the
// campaign has finished. Joining twice changes nothing.
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict } from "../errors";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import { lockCampaign, phaseOf } from "./campaign";
import { joinCampaignSchema } from "./schemas";

export async function joinCampaign(actorId: string, input: unknown, database: PrismaClient = db()): Promise<{ joined: boolean }> {
  const { campaignId } = parseInput(joinCampaignSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    const campaign = await lockCampaign(tx, campaignId);
    if (phaseOf(campaign) === "finished") throw conflict("This campaign has finished, so it takes no new members.");
    const added = await tx.campaignMember.createMany({ data: [{ campaignId, memberId: actorId }], skipDuplicates: true });
    return { joined: added.count > 0 };
  });
}
