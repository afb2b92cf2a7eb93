// Posting an offer of help or a request for it. A resubmitted form (same requestKey) returns the
// listing the first submission made instead of making a second.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { conflict } from "../errors";
import { lockActiveMember } from "../members/guard";
import { LISTING_RECORD_SELECT, requireSkill, type ListingRecord } from "./listing";
import { isUniqueViolation, parseInput } from "../validation";
import { checkListingProject } from "../projects/listing-project";
import { checkListingCampaign } from "../campaigns/listing-campaign";
import { checkWantedBy } from "./rules";
import { createListingSchema, listingColumnsOf } from "./schemas";

export async function createListing(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ListingRecord> {
  const data = parseInput(createListingSchema, input);
  checkWantedBy(data.kind, data.wantedBy);
  try {
    return await transaction(database, async (tx) => {
      await lockActiveMember(tx, actorId);
      if (data.requestKey) {
        const existing = await tx.listing.findUnique({ where: { requestKey: data.requestKey }, select: LISTING_RECORD_SELECT });
        if (existing) return sameOwnerOrRefuse(existing, actorId);
      }
      await requireSkill(tx, data.skillId);
      const projectId = await checkListingProject(tx, actorId, data.kind, data.projectId ?? null);
      const campaignId = await checkListingCampaign(tx, data.campaignId ?? null);
      return tx.listing.create({
        data: {
          kind: data.kind,
          ownerId: actorId,
          projectId,
          campaignId,
          ...listingColumnsOf(data),
          requestKey: data.requestKey ?? null,
        },
        select: LISTING_RECORD_SELECT,
      });
    });
  } catch (err) {
    // Two submissions of one form raced: the loser finds the winner's listing.
    if (data.requestKey && isUniqueViolation(err)) {
      const existing = await database.listing.findUnique({ where: { requestKey: data.requestKey }, select: LISTING_RECORD_SELECT });
      if (existing) return sameOwnerOrRefuse(existing, actorId);
    }
    throw err;
  }
}

function sameOwnerOrRefuse(existing: ListingRecord, actorId: string): ListingRecord {
  if (existing.ownerId !== actorId) throw conflict("This form was already used. Reload the page and try again.");
  return existing;
}
