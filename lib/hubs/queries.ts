// What the hub pages show. Admins see every hub; a coordinator sees their own hub and nothing of
// another's (hubForCoordinator returns null, as for a hub that does not exist). Members appear by
// name, profession and organisation only: a coordinator approving members does not need emails.
import "server-only";
import { now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { isUuid } from "../validation";
import { isCoordinatorOf } from "./guard";

export interface HubSummary {
  id: string;
  name: string;
  description: string;
  organisations: number;
  activeMembers: number;
  pendingMembers: number;
  coordinators: string[];
}

/** Every hub, with its counts (admins). */
export async function listHubs(database: PrismaClient = db()): Promise<HubSummary[]> {
  const rows = await database.$queryRaw<{ id: string; name: string; description: string; organisations: bigint; active: bigint; pending: bigint; coordinators: (string | null)[] }[]>`
    SELECT h.id, h.name, h.description,
           (SELECT count(*) FROM organisations o WHERE o.hub_id = h.id) AS organisations,
           (SELECT count(*) FROM members m JOIN organisations o ON o.id = m.organisation_id WHERE o.hub_id = h.id AND m.status = 'active') AS active,
           (SELECT count(*) FROM members m JOIN organisations o ON o.id = m.organisation_id
             WHERE o.hub_id = h.id AND m.status = 'pending' AND m.profile_done_at IS NOT NULL) AS pending,
           coalesce((SELECT array_agg(m.name ORDER BY m.name) FROM hub_coordinators c JOIN members m ON m.id = c.member_id WHERE c.hub_id = h.id), '{}') AS coordinators
      FROM hubs h ORDER BY h.name`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    organisations: Number(r.organisations),
    activeMembers: Number(r.active),
    pendingMembers: Number(r.pending),
    coordinators: r.coordinators.map((n) => n ?? "A member"),
  }));
}

export interface HubOrganisationChoice {
  id: string;
  name: string;
  region: string | null;
  /** The hub it is in now, if another one. */
  otherHub: string | null;
  inThisHub: boolean;
}

export interface HubForAdmin {
  id: string;
  name: string;
  description: string;
  organisations: HubOrganisationChoice[];
  coordinators: { id: string; name: string | null; email: string; organisation: string | null }[];
}

/** A hub with every organisation of the bank to choose from (admins), or null. */
export async function hubForAdmin(hubId: string, database: PrismaClient = db()): Promise<HubForAdmin | null> {
  if (!isUuid(hubId)) return null;
  const hub = await database.hub.findUnique({
    where: { id: hubId },
    select: {
      id: true,
      name: true,
      description: true,
      coordinators: { select: { member: { select: { id: true, name: true, email: true, organisation: { select: { name: true } } } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!hub) return null;
  return {
    id: hub.id,
    name: hub.name,
    description: hub.description,
    organisations: await organisationChoices(hubId, database),
    coordinators: hub.coordinators.map((c) => ({ id: c.member.id, name: c.member.name, email: c.member.email, organisation: c.member.organisation?.name ?? null })),
  };
}

/** Every organisation, by region then name, marked with the hub it is in. */
export async function organisationChoices(hubId: string | null, database: PrismaClient = db()): Promise<HubOrganisationChoice[]> {
  const orgs = await database.organisation.findMany({
    select: { id: true, name: true, hubId: true, region: { select: { name: true } }, hub: { select: { name: true } } },
    orderBy: [{ region: { name: "asc" } }, { name: "asc" }],
  });
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    region: o.region?.name ?? null,
    otherHub: o.hubId && o.hubId !== hubId ? (o.hub?.name ?? null) : null,
    inThisHub: hubId !== null && o.hubId === hubId,
  }));
}

/** The hubs this member coordinates (and still belongs to): for their dashboard. */
export async function hubsCoordinatedBy(memberId: string, database: PrismaClient = db()): Promise<{ id: string; name: string; pendingMembers: number }[]> {
  if (!isUuid(memberId)) return [];
  const rows = await database.$queryRaw<{ id: string; name: string; pending: bigint }[]>`
    SELECT h.id, h.name,
           (SELECT count(*) FROM members p JOIN organisations po ON po.id = p.organisation_id
             WHERE po.hub_id = h.id AND p.status = 'pending' AND p.profile_done_at IS NOT NULL) AS pending
      FROM hub_coordinators c
      JOIN hubs h ON h.id = c.hub_id
      JOIN members m ON m.id = c.member_id
      JOIN organisations o ON o.id = m.organisation_id AND o.hub_id = c.hub_id
     WHERE c.member_id = ${memberId}::uuid
     ORDER BY h.name`;
  return rows.map((r) => ({ id: r.id, name: r.name, pendingMembers: Number(r.pending) }));
}

export interface PendingHubMember {
  id: string;
  name: string;
  profession: string | null;
  organisation: string | null;
  bio: string | null;
  profileDoneAt: Date;
}

export interface HubMonth {
  month: string;
  givenMinutes: number;
  receivedMinutes: number;
}

export interface HubPage {
  id: string;
  name: string;
  description: string;
  viewerIs: "admin" | "coordinator";
  organisations: { name: string; activeMembers: number }[];
  activeMembers: number;
  pending: PendingHubMember[];
  coordinators: string[];
  /** Hours the hub's members gave and received, per month, the last 12 months (UTC). */
  months: HubMonth[];
}

/** Pending members shown at once; the hub's approval list is rarely longer. */
export const HUB_PENDING_LIMIT = 50;

/**
 * A hub's own page, for its coordinators and the bank's admins; null for anyone else, so a
 * coordinator of another hub learns nothing about it (not even that it exists).
 */
export async function hubForCoordinator(viewer: { id: string; role: string }, hubId: string, database: PrismaClient = db()): Promise<HubPage | null> {
  if (!isUuid(hubId)) return null;
  const viewerIs = viewer.role === "admin" ? "admin" : (await isCoordinatorOf(database, viewer.id, hubId)) ? "coordinator" : null;
  if (!viewerIs) return null;
  const hub = await database.hub.findUnique({
    where: { id: hubId },
    select: { id: true, name: true, description: true, coordinators: { select: { member: { select: { name: true } } }, orderBy: { createdAt: "asc" } } },
  });
  if (!hub) return null;
  const until = now().toISOString();
  const [orgs, pending, months] = await Promise.all([
    database.$queryRaw<{ name: string; active: bigint }[]>`
      SELECT o.name, count(m.id) FILTER (WHERE m.status = 'active') AS active
        FROM organisations o LEFT JOIN members m ON m.organisation_id = o.id
       WHERE o.hub_id = ${hubId}::uuid GROUP BY o.id, o.name ORDER BY o.name`,
    database.user.findMany({
      where: { status: "pending", profileDoneAt: { not: null }, organisation: { hubId } },
      select: { id: true, name: true, profession: true, bio: true, profileDoneAt: true, organisation: { select: { name: true } } },
      orderBy: { profileDoneAt: "asc" },
      take: HUB_PENDING_LIMIT,
    }),
    database.$queryRaw<{ month: string; given: bigint; received: bigint }[]>`
      WITH months AS (
        SELECT generate_series(date_trunc('month', ${until}::timestamptz AT TIME ZONE 'UTC') - interval '11 months', date_trunc('month', ${until}::timestamptz AT TIME ZONE 'UTC'), interval '1 month') AS month
      ),
      hub_accounts AS (
        SELECT a.id FROM ledger_accounts a JOIN members m ON m.id = a.member_id JOIN organisations o ON o.id = m.organisation_id
         WHERE o.hub_id = ${hubId}::uuid
      ),
      moved AS (
        SELECT date_trunc('month', t.created_at AT TIME ZONE 'UTC') AS month,
               sum(t.amount_minutes) FILTER (WHERE t.credit_account_id IN (SELECT id FROM hub_accounts)) AS given,
               sum(t.amount_minutes) FILTER (WHERE t.debit_account_id IN (SELECT id FROM hub_accounts)) AS received
          FROM ledger_transfers t
         WHERE t.kind = 'exchange'
           AND t.created_at >= (date_trunc('month', ${until}::timestamptz AT TIME ZONE 'UTC') - interval '11 months') AT TIME ZONE 'UTC'
           AND (t.credit_account_id IN (SELECT id FROM hub_accounts) OR t.debit_account_id IN (SELECT id FROM hub_accounts))
           AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)
         GROUP BY 1
      )
      SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(v.given, 0)::bigint AS given, coalesce(v.received, 0)::bigint AS received
        FROM months m LEFT JOIN moved v ON v.month = m.month ORDER BY m.month`,
  ]);
  const organisations = orgs.map((o) => ({ name: o.name, activeMembers: Number(o.active) }));
  return {
    id: hub.id,
    name: hub.name,
    description: hub.description,
    viewerIs,
    organisations,
    activeMembers: organisations.reduce((sum, o) => sum + o.activeMembers, 0),
    pending: pending.map((p) => ({ id: p.id, name: p.name ?? "A new member", profession: p.profession, organisation: p.organisation?.name ?? null, bio: p.bio, profileDoneAt: p.profileDoneAt! })),
    coordinators: hub.coordinators.map((c) => c.member.name ?? "A member"),
    months: months.map((m) => ({ month: m.month, givenMinutes: Number(m.given), receivedMinutes: Number(m.received) })),
  };
}

/** The hub a member belongs to (for browse's "only my hub"), with its name; or null. */
export async function hubOf(memberId: string, database: PrismaClient = db()): Promise<{ id: string; name: string } | null> {
  if (!isUuid(memberId)) return null;
  // One query (a nested select would send three).
  const [hub] = await database.$queryRaw<{ id: string; name: string }[]>`
    SELECT h.id, h.name FROM members m JOIN organisations o ON o.id = m.organisation_id JOIN hubs h ON h.id = o.hub_id
     WHERE m.id = ${memberId}::uuid`;
  return hub ?? null;
}
