// Starting a campaign: an admin (bank-wide, or for any hub) or a hub's coordinator (for their own
// hub only). The campaign's ledger pool is opened in the same transaction, through lib/ledger, and
// the change is audited. A resubmitted form (same requestKey) returns the campaign it made.
import { randomUUID } from "node:crypto";
import { writeAudit } from "../audit/write";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict, invalid } from "../errors";
import { lockHubAuthority } from "../hubs/guard";
import { openPoolAccount, type LedgerDb } from "../ledger";
import { bankToday } from "../listings/rules";
import type { Tx } from "../members/guard";
import { isUniqueViolation, parseInput } from "../validation";
import { campaignPoolCode, campaignPoolName, checkSkills, hubName, resolveOrganisers, writeCampaignLinks } from "./campaign";
import { CHECK_FIELDS, createCampaignSchema, type CreateCampaignInput } from "./schemas";

export async function createCampaign(actorId: string, input: unknown, database: PrismaClient = db()): Promise<{ id: string }> {
  const data = parseInput(createCampaignSchema, input);
  if (data.endsOn.getTime() < bankToday().getTime()) throw invalid(CHECK_FIELDS, { endsOn: ["A new campaign must end today or later."] });
  try {
    return await transaction(database, async (tx) => {
      await lockHubAuthority(tx, actorId, data.hubId);
      if (data.requestKey) {
        const existing = await tx.campaign.findUnique({ where: { requestKey: data.requestKey }, select: { id: true, createdById: true } });
        if (existing) return sameCreatorOrRefuse(existing, actorId);
      }
      const made = await insertCampaign(tx, actorId, data);
      await writeAudit(tx, {
        actorId,
        action: "campaign.create",
        targetType: "campaign",
        targetId: made.id,
        details: { title: data.title, hubId: data.hubId, hub: made.hub, targetMinutes: data.targetHours, organisers: made.organiserIds.length },
      });
      return { id: made.id };
    });
  } catch (err) {
    // Two submissions of one form raced: the loser finds the winner's campaign.
    if (data.requestKey && isUniqueViolation(err)) {
      const existing = await database.campaign.findUnique({ where: { requestKey: data.requestKey }, select: { id: true, createdById: true } });
      if (existing) return sameCreatorOrRefuse(existing, actorId);
    }
    throw err;
  }
}

/** The campaign, its pool, skills and organisers, in the caller's transaction (the demo seed uses it too, with its own id and time). */
export async function insertCampaign(
  tx: Tx,
  actorId: string,
  data: Omit<CreateCampaignInput, "requestKey"> & { requestKey?: string },
  options: { id?: string; createdAt?: Date } = {},
): Promise<{ id: string; hub: string | null; organiserIds: string[] }> {
  const { createdAt } = options;
  const hub = await hubName(tx, data.hubId);
  await checkSkills(tx, data.skillIds);
  const organiserIds = await resolveOrganisers(tx, data.hubId, hub, data.organiserIds, data.organiserEmails);
  const id = options.id ?? randomUUID();
  const poolAccountId = await openPoolAccount(campaignPoolCode(id), campaignPoolName(data.title), tx as unknown as LedgerDb);
  await tx.campaign.create({
    data: {
      id,
      title: data.title,
      aim: data.aim,
      whyItMatters: data.whyItMatters,
      startsOn: data.startsOn,
      endsOn: data.endsOn,
      targetMinutes: data.targetHours,
      hubId: data.hubId,
      poolAccountId,
      createdById: actorId,
      requestKey: data.requestKey ?? null,
      ...(createdAt ? { createdAt, updatedAt: createdAt } : {}),
    },
  });
  await writeCampaignLinks(tx, id, data.skillIds, organiserIds);
  return { id, hub, organiserIds };
}

function sameCreatorOrRefuse(existing: { id: string; createdById: string }, actorId: string): { id: string } {
  if (existing.createdById !== actorId) throw conflict("This form was already used. Reload the page and try again.");
  return { id: existing.id };
}
