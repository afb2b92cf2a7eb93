// Reads of offers and requests for pages, each returning only what its viewer may see. A listing is
// public while it is open and its owner is an active member; its owner sees it in every status.
// Owners are shown by first name, profession and organisation: never an email address.
import { db, Prisma, type PrismaClient } from "../db/client";
import { firstName, type PublicListing } from "../bank/public";
import type { ListingKindValue, ListingStatusValue } from "./schemas";
import { LISTING_KINDS, LISTING_STATUSES, MAX_ORGANISATION_CHARS, MAX_QUERY_CHARS } from "./schemas";
import { firstParam } from "../validation";

/** Results per browse page. */
export const BROWSE_PAGE_SIZE = 20;
/** The last page browse will show (deeper pages are treated as page 1). */
export const MAX_BROWSE_PAGE = 1000;
/**
 * Matches are counted up to this many ("more than 1,000 match"): counting every one of the tens
 * of thousands of listings a broad search matches in a national bank would cost more than finding
 * the page shown (docs/SCALING.md).
 */
export const BROWSE_COUNT_LIMIT = 1000;
export { MAX_ORGANISATION_CHARS, MAX_QUERY_CHARS };
/** The most of their own listings a member's page shows at once. */
export const MAX_MY_LISTINGS = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);

// ---------------------------------------------------------------------------------------------
// Browse and search

export interface BrowseFilters {
  /** Free text, searched with PostgreSQL full-text search (websearch syntax: "quoted phrases", -not, or). */
  q: string;
  kind: ListingKindValue | null;
  skillId: string | null;
  /** One organisation, by id (a link from elsewhere in the bank). */
  organisationId: string | null;
  /**
   * Organisations by a part of their name, as typed: a national bank has hundreds, too many for a
   * list to choose from (and to send with every page).
   */
  organisationName: string;
  regionId: string | null;
  /** Only listings of members of this hub (browse's "only my hub"). */
  hubId?: string | null;
  page: number;
}

export interface BrowseResult {
  listings: PublicListing[];
  /** How many open listings match, over all pages, counted up to BROWSE_COUNT_LIMIT. */
  total: number;
  /** There are more than `total` (BROWSE_COUNT_LIMIT, or SEARCH_RANK_LIMIT for a broad search). */
  moreThanTotal: boolean;
  /** How the listings are ordered: by how well they match the text, or newest first. */
  order: "relevance" | "newest";
  page: number;
  pageSize: number;
  hasNext: boolean;
}

type RawParams = Record<string, string | string[] | undefined>;

/** A page number from the query string: 1..MAX_BROWSE_PAGE, anything else is 1. */
export function parsePage(value: string | string[] | undefined): number {
  const raw = firstParam(value)?.trim() ?? "";
  if (!/^\d{1,4}$/.test(raw)) return 1;
  const page = Number(raw);
  return page >= 1 && page <= MAX_BROWSE_PAGE ? page : 1;
}

/** The browse page's query string, made safe: unknown or malformed values are dropped. */
export function parseBrowseParams(params: RawParams): BrowseFilters {
  const kind = firstParam(params.kind);
  const id = (v: string | string[] | undefined) => {
    const s = firstParam(v)?.trim();
    return isUuid(s) ? s.toLowerCase() : null;
  };
  return {
    q: (firstParam(params.q) ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_CHARS),
    kind: (LISTING_KINDS as readonly string[]).includes(kind ?? "") ? (kind as ListingKindValue) : null,
    skillId: id(params.skill),
    organisationId: id(params.organisation),
    organisationName: id(params.organisation)
      ? ""
      : (firstParam(params.organisation) ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_ORGANISATION_CHARS),
    regionId: id(params.region),
    hubId: id(params.hub),
    page: parsePage(params.page),
  };
}

/** True when any filter or text narrows the results. */
export function hasFilters(f: BrowseFilters): boolean {
  return Boolean(f.q || f.kind || f.skillId || f.organisationId || f.organisationName || f.regionId || f.hubId);
}

interface BrowseRow {
  id: string;
  kind: ListingKindValue;
  title: string;
  description: string;
  tags: string[];
  estimated_minutes: number;
  wanted_by: Date | null;
  created_at: Date;
  skill_name: string;
  owner_name: string | null;
  organisation_name: string | null;
}

/**
 * A search whose text matches more than this many of the newest SEARCH_WINDOW open listings (with
 * the other filters) is a broad one: its matches are listed newest first, and counted only as
 * "more than" this. Ranking and counting every match of a common phrase ("process mapping")
 * means reading thousands of listings for each page (docs/SCALING.md).
 */
export const SEARCH_RANK_LIMIT = 100;
/** How many of the newest open listings (of the kind asked for) a search looks at first. */
export const SEARCH_WINDOW = 5000;

const BROWSE_SELECT = Prisma.sql`
  SELECT l.id, l.kind::text AS kind, l.title, l.description, l.tags, l.estimated_minutes, l.wanted_by,
         l.created_at, s.name AS skill_name, m.name AS owner_name, o.name AS organisation_name
    FROM listings l
    JOIN members m ON m.id = l.owner_id
    JOIN skills s ON s.id = l.skill_id
    LEFT JOIN organisations o ON o.id = m.organisation_id`;

/**
 * Open listings of active members matching the filters, newest first without text. With text:
 * ranked by ts_rank (title words weigh most: see the listings_search_vector trigger), then
 * newest, and counted up to BROWSE_COUNT_LIMIT; but a broad search (more than SEARCH_RANK_LIMIT
 * matches among the newest SEARCH_WINDOW listings) is listed newest first and not counted.
 * Every value reaches SQL as a parameter.
 */
export async function searchListings(filters: BrowseFilters, database: PrismaClient = db()): Promise<BrowseResult> {
  const page = Number.isInteger(filters.page) && filters.page >= 1 && filters.page <= MAX_BROWSE_PAGE ? filters.page : 1;
  const q = filters.q.trim().slice(0, MAX_QUERY_CHARS);
  // Conditions on the owner and the listing's skill; the listing's status and kind are added below.
  const others: Prisma.Sql[] = [Prisma.sql`m.status = 'active'`];
  if (isUuid(filters.skillId)) others.push(Prisma.sql`l.skill_id = ${filters.skillId}::uuid`);
  if (isUuid(filters.organisationId)) others.push(Prisma.sql`m.organisation_id = ${filters.organisationId}::uuid`);
  else if (filters.organisationName) {
    // Found first, so that PostgreSQL knows how many members they hold when it plans the search.
    const organisations = await organisationsNamed(filters.organisationName, database);
    if (organisations.length === 0) return { listings: [], total: 0, moreThanTotal: false, order: "newest", page, pageSize: BROWSE_PAGE_SIZE, hasNext: false };
    others.push(Prisma.sql`m.organisation_id = ANY(${organisations}::uuid[])`);
  }
  if (isUuid(filters.regionId)) others.push(Prisma.sql`m.region_id = ${filters.regionId}::uuid`);
  if (isUuid(filters.hubId)) {
    // The hub's organisations first, for the same reason.
    const rows = await database.$queryRaw<{ id: string }[]>`SELECT id FROM organisations WHERE hub_id = ${filters.hubId}::uuid`;
    if (rows.length === 0) return { listings: [], total: 0, moreThanTotal: false, order: "newest", page, pageSize: BROWSE_PAGE_SIZE, hasNext: false };
    others.push(Prisma.sql`m.organisation_id = ANY(${rows.map((r) => r.id)}::uuid[])`);
  }
  const listing: Prisma.Sql[] = [Prisma.sql`l.status = 'open'`];
  if (filters.kind) listing.push(Prisma.sql`l.kind = ${filters.kind}::listing_kind`);
  const newest = Prisma.sql`l.created_at DESC, l.id`;
  const offset = (page - 1) * BROWSE_PAGE_SIZE;
  const shape = (rows: BrowseRow[], total: number, moreThanTotal: boolean, order: BrowseResult["order"]): BrowseResult => ({
    listings: rows.slice(0, BROWSE_PAGE_SIZE).map(toPublicListing),
    total,
    moreThanTotal,
    order,
    page,
    pageSize: BROWSE_PAGE_SIZE,
    hasNext: rows.length > BROWSE_PAGE_SIZE,
  });

  if (q) {
    const tsquery = Prisma.sql`websearch_to_tsquery('english', ${q})`;
    // ts_match_vq is the @@ operator as a function, which no index serves: PostgreSQL walks the
    // listings newest first and tests each, stopping as soon as it has enough.
    const walked = [...others, Prisma.sql`ts_match_vq(l.search_vector, ${tsquery})`];
    const [recent] = await database.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (
        SELECT 1
          FROM (SELECT l.id, l.owner_id, l.skill_id, l.search_vector, l.created_at FROM listings l
                 WHERE ${Prisma.join(listing, " AND ")} ORDER BY ${newest} LIMIT ${SEARCH_WINDOW}) l
          JOIN members m ON m.id = l.owner_id
         WHERE ${Prisma.join(walked, " AND ")}
         LIMIT ${SEARCH_RANK_LIMIT + 1}) matches`;
    if ((recent?.n ?? 0) > SEARCH_RANK_LIMIT) {
      const rows = await database.$queryRaw<BrowseRow[]>`
        ${BROWSE_SELECT}
         WHERE ${Prisma.join([...listing, ...walked], " AND ")}
         ORDER BY ${newest}
         LIMIT ${BROWSE_PAGE_SIZE + 1} OFFSET ${offset}`;
      return shape(rows, SEARCH_RANK_LIMIT, true, "newest");
    }
    // Few recent matches: the text index finds them all, and they are ranked.
    const where = Prisma.join([...listing, ...others, Prisma.sql`l.search_vector @@ ${tsquery}`], " AND ");
    const [rows, counted] = await Promise.all([
      database.$queryRaw<BrowseRow[]>`
        ${BROWSE_SELECT}
         WHERE ${where}
         ORDER BY ts_rank(l.search_vector, ${tsquery}) DESC, ${newest}
         LIMIT ${BROWSE_PAGE_SIZE + 1} OFFSET ${offset}`,
      countUpTo(where, database),
    ]);
    return shape(rows, Math.min(counted, BROWSE_COUNT_LIMIT), counted > BROWSE_COUNT_LIMIT, "relevance");
  }

  const where = Prisma.join([...listing, ...others], " AND ");
  const [rows, counted] = await Promise.all([
    database.$queryRaw<BrowseRow[]>`
      ${BROWSE_SELECT}
       WHERE ${where}
       ORDER BY ${newest}
       LIMIT ${BROWSE_PAGE_SIZE + 1} OFFSET ${offset}`,
    countUpTo(where, database),
  ]);
  return shape(rows, Math.min(counted, BROWSE_COUNT_LIMIT), counted > BROWSE_COUNT_LIMIT, "newest");
}

/** The ids of the organisations whose name holds `text`, in any case: a plain substring (% and _ are themselves). */
async function organisationsNamed(text: string, database: PrismaClient): Promise<string[]> {
  const rows = await database.$queryRaw<{ id: string }[]>`
    SELECT id FROM organisations WHERE strpos(lower(name), lower(${text.slice(0, MAX_ORGANISATION_CHARS)})) > 0`;
  return rows.map((r) => r.id);
}

/** Matching listings counted up to one more than BROWSE_COUNT_LIMIT. */
async function countUpTo(where: Prisma.Sql, database: PrismaClient): Promise<number> {
  const [counted] = await database.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM listings l JOIN members m ON m.id = l.owner_id
       WHERE ${where}
       LIMIT ${BROWSE_COUNT_LIMIT + 1}) matches`;
  return counted?.n ?? 0;
}

function toPublicListing(r: BrowseRow): PublicListing {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    skillName: r.skill_name,
    tags: r.tags,
    estimatedMinutes: r.estimated_minutes,
    wantedBy: r.wanted_by,
    createdAt: r.created_at,
    ownerFirstName: firstName(r.owner_name),
    organisationName: r.organisation_name,
  };
}

/**
 * Whether any active member has an open listing at all (for the empty state). An existence test
 * that stops at the first, through the (status, created_at) index: counting them all took about
 * 200 ms of PostgreSQL's time on the large bank, for every search that matched nothing.
 */
export async function anyPublicListings(database: PrismaClient = db()): Promise<boolean> {
  const rows = await database.$queryRaw<{ one: number }[]>`
    SELECT 1 AS one FROM listings l JOIN members m ON m.id = l.owner_id
     WHERE l.status = 'open' AND m.status = 'active'
     ORDER BY l.created_at DESC LIMIT 1`;
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// One listing

export interface ListingDetail {
  id: string;
  kind: ListingKindValue;
  status: ListingStatusValue;
  title: string;
  description: string;
  /** slug: the skill's page in the method library (/methods/<slug>). */
  skill: { id: string; slug: string; name: string; category: string };
  tags: string[];
  estimatedMinutes: number;
  wantedBy: Date | null;
  /** The improvement project a request belongs to (lib/projects/queries.ts says who may see it). */
  projectId: string | null;
  /** The campaign it is tagged to (campaigns are public). */
  campaign: { id: string; title: string } | null;
  createdAt: Date;
  updatedAt: Date;
  owner: {
    id: string;
    firstName: string;
    profession: string | null;
    organisationName: string | null;
    regionName: string | null;
    active: boolean;
  };
  /** The viewer posted it (and so may edit, pause, reopen or close it). */
  isOwner: boolean;
}

/**
 * One listing as `viewerId` (null: signed out) may see it: anyone sees an open listing of an active
 * member; the owner sees theirs in any status. Otherwise null (the page shows "not found").
 */
export async function getListingForViewer(
  listingId: string,
  viewerId: string | null,
  database: PrismaClient = db(),
): Promise<ListingDetail | null> {
  if (!isUuid(listingId)) return null;
  const l = await database.listing.findUnique({
    where: { id: listingId },
    select: {
      id: true,
      kind: true,
      status: true,
      title: true,
      description: true,
      tags: true,
      estimatedMinutes: true,
      wantedBy: true,
      projectId: true,
      campaign: { select: { id: true, title: true } },
      createdAt: true,
      updatedAt: true,
      skill: { select: { id: true, slug: true, name: true, category: true } },
      owner: {
        select: {
          id: true,
          name: true,
          status: true,
          profession: true,
          organisation: { select: { name: true } },
          region: { select: { name: true } },
        },
      },
    },
  });
  if (!l) return null;
  const isOwner = viewerId !== null && viewerId === l.owner.id;
  const ownerActive = l.owner.status === "active";
  if (!isOwner && !(l.status === "open" && ownerActive)) return null;
  return {
    id: l.id,
    kind: l.kind,
    status: l.status,
    title: l.title,
    description: l.description,
    skill: l.skill,
    tags: l.tags,
    estimatedMinutes: l.estimatedMinutes,
    wantedBy: l.wantedBy,
    projectId: l.projectId,
    campaign: l.campaign,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    owner: {
      id: l.owner.id,
      firstName: firstName(l.owner.name),
      profession: l.owner.profession,
      organisationName: l.owner.organisation?.name ?? null,
      regionName: l.owner.region?.name ?? null,
      active: ownerActive,
    },
    isOwner,
  };
}

/** What the edit form needs: the owner's own listing while it can still be edited, else null. */
export async function getListingForEdit(listingId: string, ownerId: string, database: PrismaClient = db()) {
  if (!isUuid(listingId)) return null;
  const l = await database.listing.findFirst({
    where: { id: listingId, ownerId },
    select: { id: true, kind: true, status: true, title: true, description: true, skillId: true, tags: true, estimatedMinutes: true, wantedBy: true, projectId: true, campaignId: true },
  });
  return l && l.status !== "closed" ? l : null;
}

export interface ListingForProposal {
  id: string;
  kind: ListingKindValue;
  title: string;
  ownerId: string;
  status: ListingStatusValue;
  estimatedMinutes: number;
  ownerActive: boolean;
}

/** For the exchanges helper: the facts a proposal on this listing depends on, or null. */
export async function getListingForProposal(listingId: string, database: PrismaClient = db()): Promise<ListingForProposal | null> {
  if (!isUuid(listingId)) return null;
  const l = await database.listing.findUnique({
    where: { id: listingId },
    select: { id: true, kind: true, title: true, ownerId: true, status: true, estimatedMinutes: true, owner: { select: { status: true } } },
  });
  if (!l) return null;
  return {
    id: l.id,
    kind: l.kind,
    title: l.title,
    ownerId: l.ownerId,
    status: l.status,
    estimatedMinutes: l.estimatedMinutes,
    ownerActive: l.owner.status === "active",
  };
}

// ---------------------------------------------------------------------------------------------
// A member's own listings

export interface MyListing {
  id: string;
  kind: ListingKindValue;
  status: ListingStatusValue;
  title: string;
  skillName: string;
  estimatedMinutes: number;
  wantedBy: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MyListings {
  listings: MyListing[];
  counts: Record<ListingStatusValue, number>;
}

/** The member's own offers and requests (optionally only one status): open, then paused, then closed; newest change first. */
export async function listMyListings(
  memberId: string,
  options: { status?: ListingStatusValue | null } = {},
  database: PrismaClient = db(),
): Promise<MyListings> {
  const status = options.status && (LISTING_STATUSES as readonly string[]).includes(options.status) ? options.status : null;
  const [rows, grouped] = await Promise.all([
    database.listing.findMany({
      where: { ownerId: memberId, ...(status ? { status } : {}) },
      orderBy: [{ status: "asc" }, { updatedAt: "desc" }, { id: "asc" }],
      take: MAX_MY_LISTINGS,
      select: {
        id: true,
        kind: true,
        status: true,
        title: true,
        estimatedMinutes: true,
        wantedBy: true,
        createdAt: true,
        updatedAt: true,
        skill: { select: { name: true } },
      },
    }),
    database.listing.groupBy({ by: ["status"], where: { ownerId: memberId }, _count: { _all: true } }),
  ]);
  const counts: Record<ListingStatusValue, number> = { open: 0, paused: 0, closed: 0 };
  for (const g of grouped) counts[g.status] = g._count._all;
  return {
    listings: rows.map(({ skill, ...r }) => ({ ...r, skillName: skill.name })),
    counts,
  };
}

// ---------------------------------------------------------------------------------------------
// Choices for select boxes (reused by other pages)

export interface Choice {
  id: string;
  name: string;
}

const byName = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });

/** The skills taxonomy, sorted by category then name (a form may group by category). */
export async function listSkillsForSelect(database: PrismaClient = db()): Promise<(Choice & { category: string })[]> {
  const skills = await database.skill.findMany({ select: { id: true, name: true, category: true } });
  return skills.sort((a, b) => byName.compare(a.category, b.category) || byName.compare(a.name, b.name));
}

/** Sorted by name the way people read it (not by the database's byte order). */
/** An organisation's name by its id (the browse filter shows it), or null. */
export async function organisationNameOf(id: string | null, database: PrismaClient = db()): Promise<string | null> {
  if (!isUuid(id)) return null;
  const organisation = await database.organisation.findUnique({ where: { id }, select: { name: true } });
  return organisation?.name ?? null;
}

export async function listRegionsForSelect(database: PrismaClient = db()): Promise<Choice[]> {
  const regions = await database.region.findMany({ select: { id: true, name: true } });
  return regions.sort((a, b) => byName.compare(a.name, b.name));
}
