-- Open listings newest first whatever their kind: a search walks them in this order
-- (lib/listings/queries.ts searchListings), and browse without a kind lists them so.
CREATE INDEX "listings_status_created_at_idx" ON "listings"("status", "created_at" DESC);
