// What the listing writes return, and the locked read they share.
import type { Tx } from "../members/guard";
import { AppError, conflict, forbidden, notFound } from "../errors";
import type { ListingKindValue, ListingStatusValue } from "./schemas";

export interface ListingRecord {
  id: string;
  kind: ListingKindValue;
  status: ListingStatusValue;
  ownerId: string;
  title: string;
  description: string;
  skillId: string;
  tags: string[];
  estimatedMinutes: number;
  wantedBy: Date | null;
  /** The improvement project a request belongs to, if any. */
  projectId: string | null;
  /** The campaign it is tagged to, if any. */
  campaignId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const LISTING_RECORD_SELECT = {
  id: true,
  kind: true,
  status: true,
  ownerId: true,
  title: true,
  description: true,
  skillId: true,
  tags: true,
  estimatedMinutes: true,
  wantedBy: true,
  projectId: true,
  campaignId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const LISTING_NOUN = "That offer or request";

/**
 * Locks the listing row for this transaction (FOR UPDATE) and checks the actor owns it and it is
 * not closed. Throws not_found, forbidden or conflict; nothing has changed when it does.
 */
export async function lockOwnListing(
  tx: Tx,
  actorId: string,
  listingId: string,
): Promise<{ id: string; kind: ListingKindValue; status: ListingStatusValue; wantedBy: Date | null; projectId: string | null; campaignId: string | null }> {
  const rows = await tx.$queryRaw<{ id: string; owner_id: string; kind: ListingKindValue; status: ListingStatusValue; wanted_by: Date | null; project_id: string | null; campaign_id: string | null }[]>`
    SELECT id, owner_id, kind::text AS kind, status::text AS status, wanted_by, project_id, campaign_id
      FROM listings WHERE id = ${listingId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw notFound(LISTING_NOUN);
  if (row.owner_id !== actorId) throw forbidden("Only the member who posted this can change it.");
  return { id: row.id, kind: row.kind, status: row.status, wantedBy: row.wanted_by, projectId: row.project_id, campaignId: row.campaign_id };
}

export function refuseIfClosed(status: ListingStatusValue): void {
  if (status === "closed") throw conflict("This is closed, so it can no longer be changed. Post a new one instead.");
}

/** The skill must be one of the taxonomy's. */
export async function requireSkill(tx: Tx, skillId: string): Promise<void> {
  const skill = await tx.skill.findUnique({ where: { id: skillId }, select: { id: true } });
  if (!skill) throw new AppError("invalid", "Please check the highlighted fields.", { skillId: ["Choose a skill from the list."] });
}
