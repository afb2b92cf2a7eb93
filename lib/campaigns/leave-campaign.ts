// Leaving a campaign: the member's own membership only. An organiser stays part of it until whoever
// runs the campaign takes them off its organisers. Leaving one not joined changes nothing.
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict } from "../errors";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import { lockCampaign } from "./campaign";
import { joinCampaignSchema } from "./schemas";

export async function leaveCampaign(actorId: string, input: unknown, database: PrismaClient = db()): Promise<{ left: boolean }> {
  const { campaignId } = parseInput(joinCampaignSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    const campaign = await lockCampaign(tx, campaignId);
    const organiser = await tx.campaignOrganiser.findUnique({ where: { campaignId_memberId: { campaignId: campaign.id, memberId: actorId } }, select: { memberId: true } });
    if (organiser) throw conflict("You organise this campaign, so you stay part of it. Ask whoever runs it to take you off its organisers first.");
    const removed = await tx.campaignMember.deleteMany({ where: { campaignId: campaign.id, memberId: actorId } });
    return { left: removed.count > 0 };
  });
}
