// Reads of campaigns for pages. Campaigns are public, as the bank's aims are; members appear by
// first name only, and who gave hours to a pool is shown to signed-in members only. What a viewer
// may do (edit, spend the pool) is worked out here from the same rules the writes check.
//
// Hours exchanged for a campaign (the same rule everywhere in the bank): each exchange under one of
// its offers or requests counts the amount of the ledger transfer posted for it (kind 'exchange'),
// at that transfer's time; a transfer that has been reversed counts 0, and an exchange without a
// transfer counts 0. "Members taking part" are those who joined it and the two parties of every
// exchange that counts.
import "server-only";
import { db, type PrismaClient } from "../db/client";
import { firstName } from "../format/names";
import { isCoordinatorOf } from "../hubs/guard";
import { bankToday, BANK_TIME_ZONE } from "../listings/rules";
import { isUuid } from "../validation";
import { phaseOf, type CampaignPhase } from "./campaign";

/** The most campaigns /campaigns and a hub's page list. */
export const MAX_CAMPAIGNS = 200;
/** The most requests, offers, notes and pool movements a campaign's page lists. */
export const MAX_CAMPAIGN_ROWS = 50;
/** The most bars the weekly chart draws: longer campaigns group weeks into one bar. */
export const MAX_CHART_BARS = 26;

export interface CampaignProgress {
  minutes: number;
  exchanges: number;
  participants: number;
}

export interface CampaignSummary {
  id: string;
  title: string;
  aim: string;
  startsOn: Date;
  endsOn: Date;
  targetMinutes: number;
  phase: CampaignPhase;
  hub: { id: string; name: string } | null;
  /** The campaign is run by the viewer's own hub. */
  myHub: boolean;
  joined: boolean;
  progress: CampaignProgress;
}

const EMPTY: CampaignProgress = { minutes: 0, exchanges: 0, participants: 0 };

/** Progress of each campaign named (the rule at the top of this file). */
export async function campaignProgress(ids: string[], database: PrismaClient = db()): Promise<Map<string, CampaignProgress>> {
  if (ids.length === 0) return new Map();
  const rows = await database.$queryRaw<{ id: string; minutes: bigint; exchanges: bigint; participants: bigint }[]>`
    WITH counted AS (
      SELECT l.campaign_id, e.provider_id, e.payer_id, t.amount_minutes
        FROM listings l
        JOIN exchanges e ON e.listing_id = l.id
        JOIN ledger_transfers t ON t.id = e.transfer_id AND t.kind = 'exchange'
       WHERE l.campaign_id = ANY(${ids}::uuid[])
         AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)
    )
    SELECT c.id,
           coalesce((SELECT sum(x.amount_minutes) FROM counted x WHERE x.campaign_id = c.id), 0)::bigint AS minutes,
           (SELECT count(*) FROM counted x WHERE x.campaign_id = c.id) AS exchanges,
           (SELECT count(*) FROM (
              SELECT cm.member_id FROM campaign_members cm WHERE cm.campaign_id = c.id
              UNION SELECT x.provider_id FROM counted x WHERE x.campaign_id = c.id
              UNION SELECT x.payer_id FROM counted x WHERE x.campaign_id = c.id) p) AS participants
      FROM campaigns c WHERE c.id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.id, { minutes: Number(r.minutes), exchanges: Number(r.exchanges), participants: Number(r.participants) }]));
}

const PHASE_ORDER: Record<CampaignPhase, number> = { running: 0, upcoming: 1, finished: 2 };

/** Running first (ending soonest first), then upcoming (starting soonest), then finished (latest first). */
export function byPhase(a: CampaignSummary, b: CampaignSummary): number {
  if (a.phase !== b.phase) return PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase];
  if (a.phase === "running") return a.endsOn.getTime() - b.endsOn.getTime() || a.title.localeCompare(b.title);
  if (a.phase === "upcoming") return a.startsOn.getTime() - b.startsOn.getTime() || a.title.localeCompare(b.title);
  return b.endsOn.getTime() - a.endsOn.getTime() || a.title.localeCompare(b.title);
}

async function viewerHubId(viewerId: string | null, database: PrismaClient): Promise<string | null> {
  if (!isUuid(viewerId)) return null;
  const m = await database.user.findUnique({ where: { id: viewerId }, select: { organisation: { select: { hubId: true } } } });
  return m?.organisation?.hubId ?? null;
}

/** Every campaign (or one hub's), in the order above, with progress, for `viewerId` (null: signed out). */
export async function listCampaigns(viewerId: string | null, options: { hubId?: string } = {}, database: PrismaClient = db()): Promise<CampaignSummary[]> {
  const [rows, myHubId] = await Promise.all([
    database.campaign.findMany({
      where: options.hubId ? { hubId: options.hubId } : {},
      select: {
        id: true,
        title: true,
        aim: true,
        startsOn: true,
        endsOn: true,
        targetMinutes: true,
        hub: { select: { id: true, name: true } },
        members: isUuid(viewerId) ? { where: { memberId: viewerId }, select: { memberId: true } } : false,
      },
      orderBy: { endsOn: "desc" },
      take: MAX_CAMPAIGNS,
    }),
    viewerHubId(viewerId, database),
  ]);
  const progress = await campaignProgress(rows.map((r) => r.id), database);
  const today = bankToday();
  return rows
    .map((r) => ({
      id: r.id,
      title: r.title,
      aim: r.aim,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      targetMinutes: r.targetMinutes,
      phase: phaseOf(r, today),
      hub: r.hub,
      myHub: r.hub !== null && r.hub.id === myHubId,
      joined: Array.isArray(r.members) && r.members.length > 0,
      progress: progress.get(r.id) ?? EMPTY,
    }))
    .sort(byPhase);
}

export interface ChartBar {
  /** The first day of the bar's weeks. */
  from: Date;
  /** The last day of the bar's weeks. */
  to: Date;
  minutes: number;
  /** Hours counted up to the end of this bar. */
  cumulativeMinutes: number;
}

export interface CampaignListing {
  id: string;
  title: string;
  skillName: string;
  estimatedMinutes: number;
  wantedBy: Date | null;
  owner: { id: string; firstName: string };
}

export interface CampaignNote {
  exchangeId: string;
  title: string;
  helperFirstName: string;
  minutes: number;
  at: Date;
  thanks: string | null;
  learned: string | null;
}

export interface PoolMovement {
  transferId: string;
  at: Date;
  /** Into the pool (a donation) or out of it (paid for a request). */
  direction: "in" | "out";
  minutes: number;
  /** The giver or the member paid, by first name; null for a signed-out viewer. */
  memberFirstName: string | null;
  /** For a payment: the request it paid for. */
  requestTitle: string | null;
  reversed: boolean;
}

export interface CampaignPage {
  id: string;
  title: string;
  aim: string;
  whyItMatters: string;
  startsOn: Date;
  endsOn: Date;
  targetMinutes: number;
  phase: CampaignPhase;
  hub: { id: string; name: string } | null;
  myHub: boolean;
  skills: { id: string; name: string; slug: string }[];
  organisers: { id: string; firstName: string; active: boolean }[];
  progress: CampaignProgress;
  bars: ChartBar[];
  /** Weeks per bar (1, or more for a long campaign). */
  weeksPerBar: number;
  requests: CampaignListing[];
  offers: CampaignListing[];
  notes: CampaignNote[];
  pool: { balanceMinutes: number; movements: PoolMovement[] };
  viewer: {
    signedIn: boolean;
    joined: boolean;
    organiser: boolean;
    /** May edit it: an admin, or (a hub's campaign) a coordinator of that hub. */
    canManage: boolean;
    /** May spend its pool: the above and its organisers. */
    canSpend: boolean;
  };
}

const DAY_MS = 86_400_000;

/** The weeks from the campaign's start to today (or its end), grouped so there are at most MAX_CHART_BARS bars. */
export function weeklyBars(startsOn: Date, endsOn: Date, days: { day: Date; minutes: number }[], today: Date = bankToday()): { bars: ChartBar[]; weeksPerBar: number } {
  const lastDay = Math.max(Math.min(today.getTime(), endsOn.getTime()), ...days.map((d) => d.day.getTime()));
  if (lastDay < startsOn.getTime()) return { bars: [], weeksPerBar: 1 };
  const weeks = Math.floor((lastDay - startsOn.getTime()) / (7 * DAY_MS)) + 1;
  const weeksPerBar = Math.ceil(weeks / MAX_CHART_BARS);
  const count = Math.ceil(weeks / weeksPerBar);
  const span = 7 * weeksPerBar * DAY_MS;
  const bars: ChartBar[] = Array.from({ length: count }, (_, i) => ({
    from: new Date(startsOn.getTime() + i * span),
    to: new Date(startsOn.getTime() + (i + 1) * span - DAY_MS),
    minutes: 0,
    cumulativeMinutes: 0,
  }));
  for (const d of days) {
    // Help confirmed before the first day (a listing tagged while the campaign was upcoming) counts in the first bar.
    const i = Math.min(count - 1, Math.max(0, Math.floor((d.day.getTime() - startsOn.getTime()) / span)));
    bars[i]!.minutes += d.minutes;
  }
  let total = 0;
  for (const bar of bars) {
    total += bar.minutes;
    bar.cumulativeMinutes = total;
  }
  return { bars, weeksPerBar };
}

/** May `viewer` edit this campaign: an admin, or a coordinator of its hub. */
async function mayManage(viewer: { id: string; role: string; active: boolean } | null, hubId: string | null, database: PrismaClient): Promise<boolean> {
  if (!viewer || !viewer.active) return false;
  if (viewer.role === "admin") return true;
  return hubId !== null && (await isCoordinatorOf(database, viewer.id, hubId));
}

/** One campaign's page as `viewer` (null: signed out) sees it, or null. */
export async function getCampaignPage(
  campaignId: string,
  viewer: { id: string; role: string; active: boolean } | null,
  database: PrismaClient = db(),
): Promise<CampaignPage | null> {
  if (!isUuid(campaignId)) return null;
  const c = await database.campaign.findUnique({
    where: { id: campaignId },
    select: {
      id: true,
      title: true,
      aim: true,
      whyItMatters: true,
      startsOn: true,
      endsOn: true,
      targetMinutes: true,
      poolAccountId: true,
      hub: { select: { id: true, name: true } },
      skills: { select: { skill: { select: { id: true, name: true, slug: true } } } },
      organisers: { select: { member: { select: { id: true, name: true, status: true, organisation: { select: { hubId: true } } } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!c) return null;
  const viewerId = viewer?.id ?? null;
  const [progress, days, listings, notes, pool, movements, joined, myHubId, canManage] = await Promise.all([
    campaignProgress([c.id], database),
    database.$queryRaw<{ day: Date; minutes: bigint }[]>`
      SELECT (t.created_at AT TIME ZONE ${BANK_TIME_ZONE})::date AS day, sum(t.amount_minutes)::bigint AS minutes
        FROM listings l
        JOIN exchanges e ON e.listing_id = l.id
        JOIN ledger_transfers t ON t.id = e.transfer_id AND t.kind = 'exchange'
       WHERE l.campaign_id = ${c.id}::uuid
         AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)
       GROUP BY 1 ORDER BY 1`,
    database.listing.findMany({
      where: { campaignId: c.id, status: "open", owner: { status: "active" } },
      select: { id: true, kind: true, title: true, estimatedMinutes: true, wantedBy: true, skill: { select: { name: true } }, owner: { select: { id: true, name: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: MAX_CAMPAIGN_ROWS * 2,
    }),
    database.$queryRaw<{ id: string; title: string; provider_name: string | null; amount_minutes: number; at: Date; thanks_note: string | null; learned_note: string | null }[]>`
      SELECT e.id, l.title, m.name AS provider_name, t.amount_minutes, t.created_at AS at, e.thanks_note, e.learned_note
        FROM listings l
        JOIN exchanges e ON e.listing_id = l.id
        JOIN ledger_transfers t ON t.id = e.transfer_id AND t.kind = 'exchange'
        JOIN members m ON m.id = e.provider_id
       WHERE l.campaign_id = ${c.id}::uuid
         AND (e.thanks_note IS NOT NULL OR e.learned_note IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)
       ORDER BY t.created_at DESC, e.id
       LIMIT ${MAX_CAMPAIGN_ROWS}`,
    database.ledgerAccount.findUnique({ where: { id: c.poolAccountId }, select: { balanceMinutes: true } }),
    database.$queryRaw<{ id: bigint; at: Date; amount_minutes: number; incoming: boolean; member_name: string | null; request_title: string | null; reversed: boolean }[]>`
      SELECT t.id, t.created_at AS at, t.amount_minutes, (t.credit_account_id = ${c.poolAccountId}) AS incoming,
             m.name AS member_name, l.title AS request_title,
             EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id) AS reversed
        FROM ledger_transfers t
        JOIN ledger_accounts other ON other.id = CASE WHEN t.credit_account_id = ${c.poolAccountId} THEN t.debit_account_id ELSE t.credit_account_id END
        LEFT JOIN members m ON m.id = other.member_id
        LEFT JOIN campaign_spends s ON s.transfer_id = t.id
        LEFT JOIN listings l ON l.id = s.listing_id
       WHERE (t.credit_account_id = ${c.poolAccountId} OR t.debit_account_id = ${c.poolAccountId})
       ORDER BY t.id DESC
       LIMIT ${MAX_CAMPAIGN_ROWS}`,
    isUuid(viewerId) ? database.campaignMember.findUnique({ where: { campaignId_memberId: { campaignId: c.id, memberId: viewerId } }, select: { memberId: true } }) : null,
    viewerHubId(viewerId, database),
    mayManage(viewer, c.hub?.id ?? null, database),
  ]);
  const organiser = isUuid(viewerId) && c.organisers.some((o) => o.member.id === viewerId && (c.hub === null || o.member.organisation?.hubId === c.hub.id));
  const { bars, weeksPerBar } = weeklyBars(c.startsOn, c.endsOn, days.map((d) => ({ day: d.day, minutes: Number(d.minutes) })));
  const toListing = (l: (typeof listings)[number]): CampaignListing => ({
    id: l.id,
    title: l.title,
    skillName: l.skill.name,
    estimatedMinutes: l.estimatedMinutes,
    wantedBy: l.wantedBy,
    owner: { id: l.owner.id, firstName: firstName(l.owner.name) },
  });
  return {
    id: c.id,
    title: c.title,
    aim: c.aim,
    whyItMatters: c.whyItMatters,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    targetMinutes: c.targetMinutes,
    phase: phaseOf(c),
    hub: c.hub,
    myHub: c.hub !== null && c.hub.id === myHubId,
    skills: c.skills.map((s) => s.skill).sort((a, b) => a.name.localeCompare(b.name)),
    organisers: c.organisers.map((o) => ({ id: o.member.id, firstName: firstName(o.member.name), active: o.member.status === "active" })),
    progress: progress.get(c.id) ?? EMPTY,
    bars,
    weeksPerBar,
    requests: listings.filter((l) => l.kind === "request").slice(0, MAX_CAMPAIGN_ROWS).map(toListing),
    offers: listings.filter((l) => l.kind === "offer").slice(0, MAX_CAMPAIGN_ROWS).map(toListing),
    notes: notes.map((n) => ({ exchangeId: n.id, title: n.title, helperFirstName: firstName(n.provider_name), minutes: n.amount_minutes, at: n.at, thanks: n.thanks_note, learned: n.learned_note })),
    pool: {
      balanceMinutes: pool?.balanceMinutes ?? 0,
      movements: movements.map((m) => ({
        transferId: m.id.toString(),
        at: m.at,
        direction: m.incoming ? "in" : "out",
        minutes: m.amount_minutes,
        memberFirstName: viewer ? firstName(m.member_name) : null,
        requestTitle: m.request_title,
        reversed: m.reversed,
      })),
    },
    viewer: {
      signedIn: viewer !== null,
      joined: joined !== null,
      organiser,
      canManage,
      canSpend: canManage || (organiser && viewer?.active === true),
    },
  };
}

export interface CampaignHubChoice {
  /** null: the whole bank. */
  id: string | null;
  name: string;
}

/** The hubs `viewer` may start a campaign for: every hub and the whole bank for an admin, their own hubs for a coordinator. */
export async function campaignHubChoices(viewer: { id: string; role: string; active: boolean }, database: PrismaClient = db()): Promise<CampaignHubChoice[]> {
  if (!viewer.active) return [];
  if (viewer.role === "admin") {
    const hubs = await database.hub.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
    return [{ id: null, name: "The whole bank" }, ...hubs];
  }
  const rows = await database.$queryRaw<{ id: string; name: string }[]>`
    SELECT h.id, h.name FROM hub_coordinators c
      JOIN hubs h ON h.id = c.hub_id
      JOIN members m ON m.id = c.member_id
      JOIN organisations o ON o.id = m.organisation_id AND o.hub_id = c.hub_id
     WHERE c.member_id = ${viewer.id}::uuid ORDER BY h.name`;
  return rows;
}

export interface CampaignForEdit {
  id: string;
  title: string;
  aim: string;
  whyItMatters: string;
  startsOn: Date;
  endsOn: Date;
  targetMinutes: number;
  hubName: string | null;
  skillIds: string[];
  organisers: { id: string; name: string }[];
}

/** What the edit form needs, for a viewer who may edit it; else null (the page says "not found"). */
export async function getCampaignForEdit(campaignId: string, viewer: { id: string; role: string; active: boolean }, database: PrismaClient = db()): Promise<CampaignForEdit | null> {
  if (!isUuid(campaignId)) return null;
  const c = await database.campaign.findUnique({
    where: { id: campaignId },
    select: {
      id: true,
      title: true,
      aim: true,
      whyItMatters: true,
      startsOn: true,
      endsOn: true,
      targetMinutes: true,
      hubId: true,
      hub: { select: { name: true } },
      skills: { select: { skillId: true } },
      organisers: { select: { member: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!c || !(await mayManage(viewer, c.hubId, database))) return null;
  return {
    id: c.id,
    title: c.title,
    aim: c.aim,
    whyItMatters: c.whyItMatters,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    targetMinutes: c.targetMinutes,
    hubName: c.hub?.name ?? null,
    skillIds: c.skills.map((s) => s.skillId),
    organisers: c.organisers.map((o) => ({ id: o.member.id, name: o.member.name ?? "A member" })),
  };
}

/** The campaigns a listing may be tagged to (those not finished), and the one it has already. */
export async function campaignChoices(keep: string | null = null, database: PrismaClient = db()): Promise<{ id: string; title: string }[]> {
  const today = bankToday();
  return database.campaign.findMany({
    where: { OR: [{ endsOn: { gte: today } }, ...(isUuid(keep) ? [{ id: keep }] : [])] },
    select: { id: true, title: true },
    orderBy: { title: "asc" },
    take: MAX_CAMPAIGNS,
  });
}
