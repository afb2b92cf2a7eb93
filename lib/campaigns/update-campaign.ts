// Editing a campaign: whoever may start one like it (an admin; for a hub's campaign, that hub's
// coordinators too). Its hub does not change; its pool and what has moved through it stay.
import { writeAudit } from "../audit/write";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { lockHubAuthority } from "../hubs/guard";
import { parseInput } from "../validation";
import { checkSkills, hubName, lockCampaign, resolveOrganisers, writeCampaignLinks } from "./campaign";
import { updateCampaignSchema } from "./schemas";

export async function updateCampaign(actorId: string, input: unknown, database: PrismaClient = db()): Promise<{ id: string }> {
  const data = parseInput(updateCampaignSchema, input);
  return transaction(database, async (tx) => {
    const campaign = await lockCampaign(tx, data.campaignId, "update");
    const actor = await lockHubAuthority(tx, actorId, campaign.hubId);
    const hub = await hubName(tx, campaign.hubId);
    await checkSkills(tx, data.skillIds);
    const organiserIds = await resolveOrganisers(tx, campaign.hubId, hub, data.organiserIds, data.organiserEmails);
    await tx.campaign.update({
      where: { id: campaign.id },
      data: { title: data.title, aim: data.aim, whyItMatters: data.whyItMatters, startsOn: data.startsOn, endsOn: data.endsOn, targetMinutes: data.targetHours },
    });
    await writeCampaignLinks(tx, campaign.id, data.skillIds, organiserIds);
    await writeAudit(tx, {
      actorId,
      action: "campaign.update",
      targetType: "campaign",
      targetId: campaign.id,
      details: { title: data.title, hubId: campaign.hubId, as: actor.as, targetMinutes: data.targetHours, organisers: organiserIds.length },
    });
    return { id: campaign.id };
  });
}
