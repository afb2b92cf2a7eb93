// Pausing (hidden from browse), reopening and closing (final) an offer or request.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { conflict } from "../errors";
import { lockActiveMember } from "../members/guard";
import { LISTING_RECORD_SELECT, lockOwnListing, refuseIfClosed, type ListingRecord } from "./listing";
import { parseInput } from "../validation";
import { NEXT_STATUSES } from "./rules";
import { setListingStatusSchema } from "./schemas";

export async function setListingStatus(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ListingRecord> {
  const data = parseInput(setListingStatusSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    const listing = await lockOwnListing(tx, actorId, data.listingId);
    // Asking for the status it already has (a double click) changes nothing and is not an error.
    if (listing.status === data.status) {
      return tx.listing.findUniqueOrThrow({ where: { id: listing.id }, select: LISTING_RECORD_SELECT });
    }
    refuseIfClosed(listing.status);
    if (!NEXT_STATUSES[listing.status].includes(data.status)) {
      throw conflict("That change is not possible from its current status.");
    }
    return tx.listing.update({ where: { id: listing.id }, data: { status: data.status }, select: LISTING_RECORD_SELECT });
  });
}
