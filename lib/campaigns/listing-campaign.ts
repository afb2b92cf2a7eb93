// The rule for tagging an offer or a request to a campaign: any campaign that has not finished
// (hub campaigns too: one bank, one currency). A listing keeps a campaign it already has once that
// campaign has finished, so its exchanges still count.
import { invalid } from "../errors";
import type { Tx } from "../members/guard";
import { phaseOf } from "./campaign";
import { CHECK_FIELDS } from "./schemas";

export async function checkListingCampaign(tx: Tx, campaignId: string | null, unchanged: string | null = null): Promise<string | null> {
  if (campaignId === null) return null;
  if (campaignId === unchanged) return campaignId;
  // FOR SHARE: its dates cannot be changed halfway through this.
  const [campaign] = await tx.$queryRaw<{ starts_on: Date; ends_on: Date }[]>`
    SELECT starts_on, ends_on FROM campaigns WHERE id = ${campaignId}::uuid FOR SHARE`;
  if (!campaign) throw invalid(CHECK_FIELDS, { campaignId: ["Choose a campaign from the list."] });
  if (phaseOf({ startsOn: campaign.starts_on, endsOn: campaign.ends_on }) === "finished") {
    throw invalid(CHECK_FIELDS, { campaignId: ["That campaign has finished: choose one that is running, or none."] });
  }
  return campaignId;
}
