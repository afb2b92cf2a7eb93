// What every campaign write shares: its phase (upcoming, running, finished) in the bank's
// calendar, locking its row, who may spend its pool, and checking the skills and organisers a
// form names. Each is called inside the write's own transaction.
import { forbidden, invalid, notFound } from "../errors";
import { isCoordinatorOf } from "../hubs/guard";
import { bankToday } from "../listings/rules";
import { lockActiveMember, type ActiveMember, type Tx } from "../members/guard";
import { CAMPAIGN_MAX_ORGANISERS, CHECK_FIELDS } from "./schemas";

export type CampaignPhase = "upcoming" | "running" | "finished";

/** Upcoming before its first day, running to the end of its last day, then finished. */
export function phaseOf(c: { startsOn: Date; endsOn: Date }, today: Date = bankToday()): CampaignPhase {
  if (today.getTime() < c.startsOn.getTime()) return "upcoming";
  if (today.getTime() > c.endsOn.getTime()) return "finished";
  return "running";
}

/** The code of a campaign's ledger pool. */
export const campaignPoolCode = (campaignId: string) => `campaign:${campaignId}`;
/** The pool's name in the ledger (and on members' statements). */
export const CAMPAIGN_POOL_PREFIX = "Campaign pool: ";
export const campaignPoolName = (title: string) => `${CAMPAIGN_POOL_PREFIX}${title}`;

export interface LockedCampaign {
  id: string;
  title: string;
  hubId: string | null;
  startsOn: Date;
  endsOn: Date;
  poolAccountId: number;
}

/** Locks the campaign's row (FOR SHARE: it cannot be edited halfway through; FOR UPDATE to edit it), or refuses: not found. */
export async function lockCampaign(tx: Tx, campaignId: string, mode: "share" | "update" = "share"): Promise<LockedCampaign> {
  const rows =
    mode === "update"
      ? await tx.$queryRaw<{ id: string; title: string; hub_id: string | null; starts_on: Date; ends_on: Date; pool_account_id: number }[]>`
          SELECT id, title, hub_id, starts_on, ends_on, pool_account_id FROM campaigns WHERE id = ${campaignId}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string; title: string; hub_id: string | null; starts_on: Date; ends_on: Date; pool_account_id: number }[]>`
          SELECT id, title, hub_id, starts_on, ends_on, pool_account_id FROM campaigns WHERE id = ${campaignId}::uuid FOR SHARE`;
  const c = rows[0];
  if (!c) throw notFound("That campaign");
  return { id: c.id, title: c.title, hubId: c.hub_id, startsOn: c.starts_on, endsOn: c.ends_on, poolAccountId: c.pool_account_id };
}

export const ONLY_CAMPAIGN_SPENDERS = "Only the campaign's organisers, its hub's coordinators and the bank's admins can spend its pool.";

/**
 * An organiser of the campaign (who still belongs to its hub, for a hub campaign), a coordinator
 * of its hub, or an admin; active now. Anyone else is refused (and runAction audits it).
 */
export async function lockCampaignSpender(tx: Tx, actorId: string, campaign: LockedCampaign): Promise<ActiveMember & { as: "admin" | "coordinator" | "organiser" }> {
  const actor = await lockActiveMember(tx, actorId);
  if (actor.role === "admin") return { ...actor, as: "admin" };
  if (campaign.hubId && (await isCoordinatorOf(tx, actorId, campaign.hubId))) return { ...actor, as: "coordinator" };
  const rows = await tx.$queryRaw<{ ok: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM campaign_organisers co
        JOIN members m ON m.id = co.member_id
        LEFT JOIN organisations o ON o.id = m.organisation_id
       WHERE co.campaign_id = ${campaign.id}::uuid AND co.member_id = ${actorId}::uuid
         AND (${campaign.hubId}::uuid IS NULL OR o.hub_id = ${campaign.hubId}::uuid)) AS ok`;
  if (rows[0]?.ok) return { ...actor, as: "organiser" };
  throw forbidden(ONLY_CAMPAIGN_SPENDERS);
}

/** Every skill exists in the taxonomy. */
export async function checkSkills(tx: Tx, skillIds: string[]): Promise<void> {
  const found = await tx.skill.count({ where: { id: { in: skillIds } } });
  if (found !== skillIds.length) throw invalid(CHECK_FIELDS, { skillIds: ["Choose skills from the list."] });
}

/**
 * The organisers a form names (kept by id, added by email): active members who have finished
 * their profile and, for a hub campaign, belong to that hub. One to ten of them.
 */
export async function resolveOrganisers(tx: Tx, hubId: string | null, hubName: string | null, ids: string[], emails: string[]): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string; email: string; name: string | null; status: string; profile_done_at: Date | null; hub_id: string | null }[]>`
    SELECT m.id, lower(m.email) AS email, m.name, m.status::text AS status, m.profile_done_at, o.hub_id
      FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id
     WHERE m.id = ANY(${ids}::uuid[]) OR lower(m.email) = ANY(${emails}::text[])
       FOR SHARE OF m`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byEmail = new Map(rows.map((r) => [r.email, r]));
  if (ids.some((id) => !byId.has(id))) throw invalid(CHECK_FIELDS, { organiserIds: ["Choose organisers from the list."] });
  const unknown = emails.filter((e) => !byEmail.has(e));
  if (unknown.length > 0) throw invalid(CHECK_FIELDS, { organiserEmails: [`No member has this email address: ${unknown.slice(0, 3).join(", ")}.`] });
  const chosen = [...new Map([...ids.map((id) => byId.get(id)!), ...emails.map((e) => byEmail.get(e)!)].map((r) => [r.id, r])).values()];
  const field = (r: { id: string }) => (ids.includes(r.id) ? "organiserIds" : "organiserEmails");
  for (const r of chosen) {
    const who = r.name ?? "This member";
    if (r.status !== "active" || !r.profile_done_at) throw invalid(CHECK_FIELDS, { [field(r)]: [`${who} is not an active member, so cannot organise a campaign.`] });
    if (hubId && r.hub_id !== hubId) throw invalid(CHECK_FIELDS, { [field(r)]: [`${who} does not belong to ${hubName ?? "the hub"}: a hub’s campaign is organised by its own members.`] });
  }
  if (chosen.length === 0) throw invalid(CHECK_FIELDS, { organiserEmails: ["Name at least one organiser by their email address."] });
  if (chosen.length > CAMPAIGN_MAX_ORGANISERS) throw invalid(CHECK_FIELDS, { organiserEmails: [`A campaign has at most ${CAMPAIGN_MAX_ORGANISERS} organisers.`] });
  return chosen.map((r) => r.id);
}

/** Sets the campaign's skills and organisers to these; organisers take part, so they are joined too. */
export async function writeCampaignLinks(tx: Tx, campaignId: string, skillIds: string[], organiserIds: string[]): Promise<void> {
  await tx.campaignSkill.deleteMany({ where: { campaignId, skillId: { notIn: skillIds } } });
  await tx.campaignSkill.createMany({ data: skillIds.map((skillId) => ({ campaignId, skillId })), skipDuplicates: true });
  await tx.campaignOrganiser.deleteMany({ where: { campaignId, memberId: { notIn: organiserIds } } });
  await tx.campaignOrganiser.createMany({ data: organiserIds.map((memberId) => ({ campaignId, memberId })), skipDuplicates: true });
  await tx.campaignMember.createMany({ data: organiserIds.map((memberId) => ({ campaignId, memberId })), skipDuplicates: true });
}

/** The hub by id, or refuses: the form's hub field names one that does not exist. */
export async function hubName(tx: Tx, hubId: string | null): Promise<string | null> {
  if (hubId === null) return null;
  const hub = await tx.hub.findUnique({ where: { id: hubId }, select: { name: true } });
  if (!hub) throw invalid(CHECK_FIELDS, { hubId: ["Choose a hub from the list, or the whole bank."] });
  return hub.name;
}
