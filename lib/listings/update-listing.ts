// Editing an offer or request: only its owner, only while they are active, never once it is closed.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { lockActiveMember } from "../members/guard";
import { LISTING_RECORD_SELECT, lockOwnListing, refuseIfClosed, requireSkill, type ListingRecord } from "./listing";
import { parseInput } from "../validation";
import { checkListingProject } from "../projects/listing-project";
import { checkListingCampaign } from "../campaigns/listing-campaign";
import { checkWantedBy } from "./rules";
import { listingColumnsOf, updateListingSchema } from "./schemas";

export async function updateListing(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ListingRecord> {
  const data = parseInput(updateListingSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    const listing = await lockOwnListing(tx, actorId, data.listingId);
    refuseIfClosed(listing.status);
    checkWantedBy(listing.kind, data.wantedBy, listing.wantedBy);
    await requireSkill(tx, data.skillId);
    const projectId = data.projectId === undefined ? listing.projectId : await checkListingProject(tx, actorId, listing.kind, data.projectId, listing.projectId);
    const campaignId = data.campaignId === undefined ? listing.campaignId : await checkListingCampaign(tx, data.campaignId, listing.campaignId);
    return tx.listing.update({
      where: { id: listing.id },
      data: { ...listingColumnsOf(data), projectId, campaignId },
      select: LISTING_RECORD_SELECT,
    });
  });
}
