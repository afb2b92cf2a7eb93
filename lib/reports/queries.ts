// The admin reports (issue 4). Each report is one SQL query that aggregates in PostgreSQL and
// returns a few dozen rows at most: nothing per member or per transfer comes back to the app. The
// monthly ones read only the window's exchange transfers (by the index on created_at when the
// window is a small part of the ledger), with reversals found by the unique reverses_transfer_id.
// With 100,000 members and 1,000,000 transfers (500,000 in the last year) each took 0.1-5 s on a
// loaded 2-core machine.
//
// Months are calendar months in UTC. Hours exchanged are the ledger's 'exchange' transfers, dated
// when the hours were posted; an exchange an admin later reversed counts for nothing (neither its
// minutes, nor the exchange, nor the activity of its two members), in the month it was posted.
import { z } from "zod";
import { now } from "../clock";
import { db, Prisma, type PrismaClient } from "../db/client";
import { formatMinutes } from "../format/minutes";
import { PROJECT_STAGES, type ProjectStageValue } from "../projects/stages";
import { parseInput } from "../validation";

/** Anything that can run a query: the shared client, a test's client or a transaction's. */
export type ReportDb = Pick<PrismaClient, "$queryRaw">;

export const REPORT_MONTH_CHOICES = [6, 12, 24] as const;
export type ReportMonths = (typeof REPORT_MONTH_CHOICES)[number];
export const DEFAULT_REPORT_MONTHS: ReportMonths = 12;
/** Skills shown for offers and for requests. */
export const TOP_SKILLS_LIMIT = 10;
/** Organisations, regions or professions shown on the page; the rest are added up as one row. */
export const GROUPS_SHOWN_LIMIT = 12;
/** The same for a CSV download, which has room for every group a bank is likely to have. */
export const GROUPS_EXPORT_LIMIT = 1000;
/** The group of members who gave no organisation, region or profession. */
export const NOT_LISTED = "Not listed";

const monthsField = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? DEFAULT_REPORT_MONTHS : typeof value === "string" ? Number(value) : value),
  z.union([z.literal(6), z.literal(12), z.literal(24)], { error: "Choose a period of 6, 12 or 24 months." }),
);

export const reportRangeSchema = z.object({
  months: monthsField,
  /** The last month shown is the one this instant falls in (UTC); the app's clock by default. */
  until: z.date().optional(),
});
/** Months as a number or as the text of a URL parameter (checked by reportRangeSchema). */
export interface ReportRangeInput {
  months?: number | string;
  until?: Date;
}

interface ReportRange {
  months: ReportMonths;
  until: Date;
}

function parseRange(input: ReportRangeInput): ReportRange {
  const range = parseInput(reportRangeSchema, input);
  return { months: range.months, until: range.until ?? now() };
}

/** The months a page's ?months= asks for, or the default when it names no allowed period. */
export function monthsFromParam(value: unknown): { months: ReportMonths; valid: boolean } {
  const parsed = monthsField.safeParse(value);
  return parsed.success ? { months: parsed.data, valid: true } : { months: DEFAULT_REPORT_MONTHS, valid: false };
}

/** The window's first instant and the instant after it: whole UTC calendar months, ending with until's. */
function monthWindow({ months, until }: ReportRange): { from: string; to: string } {
  const year = until.getUTCFullYear();
  const month = until.getUTCMonth();
  return { from: new Date(Date.UTC(year, month - (months - 1), 1)).toISOString(), to: new Date(Date.UTC(year, month + 1, 1)).toISOString() };
}

/**
 * The CTEs every monthly report starts from: `months` (each month of the window as a UTC timestamp
 * at its first instant) and `exchange_transfers` (the window's exchange transfers that were not
 * reversed). The bounds go as ISO text with their Z and months are cut AT TIME ZONE 'UTC', so the
 * session's time zone changes nothing; and as plain parameters, so the planner sees how many rows
 * the window holds (hash joins and aggregates, not a loop per transfer).
 */
function windowCtes(range: ReportRange): Prisma.Sql {
  const { from, to } = monthWindow(range);
  return Prisma.sql`
    months AS (
      SELECT generate_series(${from}::timestamptz AT TIME ZONE 'UTC', ${to}::timestamptz AT TIME ZONE 'UTC' - interval '1 month', interval '1 month') AS month
    ),
    exchange_transfers AS (
      SELECT t.id, t.created_at, t.debit_account_id, t.credit_account_id, t.amount_minutes
        FROM ledger_transfers t
       WHERE t.kind = 'exchange'
         AND t.created_at >= ${from}::timestamptz AND t.created_at < ${to}::timestamptz
         AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)
    )`;
}

// ---------------------------------------------------------------------------------------------
// 1. Hours exchanged per month

export interface HoursPerMonthRow {
  /** "2026-03" (UTC) */
  month: string;
  minutes: number;
  exchanges: number;
}

export interface HoursPerMonthReport {
  months: ReportMonths;
  rows: HoursPerMonthRow[];
  totalMinutes: number;
  totalExchanges: number;
}

export async function hoursPerMonth(input: ReportRangeInput = {}, database: ReportDb = db()): Promise<HoursPerMonthReport> {
  const range = parseRange(input);
  const rows = await database.$queryRaw<{ month: string; minutes: bigint; exchanges: bigint }[]>`
    WITH ${windowCtes(range)},
    per_month AS (
      SELECT date_trunc('month', created_at AT TIME ZONE 'UTC') AS month, sum(amount_minutes) AS minutes, count(*) AS exchanges
        FROM exchange_transfers GROUP BY 1
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month,
           coalesce(p.minutes, 0)::bigint AS minutes,
           coalesce(p.exchanges, 0)::bigint AS exchanges
      FROM months m LEFT JOIN per_month p ON p.month = m.month
     ORDER BY m.month`;
  const out = rows.map((r) => ({ month: r.month, minutes: Number(r.minutes), exchanges: Number(r.exchanges) }));
  return {
    months: range.months,
    rows: out,
    totalMinutes: out.reduce((sum, r) => sum + r.minutes, 0),
    totalExchanges: out.reduce((sum, r) => sum + r.exchanges, 0),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Members joining and active per month

export interface MembersPerMonthRow {
  month: string;
  /** Members an admin approved (or the open joining mode let in) that month. */
  joined: number;
  /** Members who gave or received hours in an exchange that month. */
  active: number;
}

export interface MembersPerMonthReport {
  months: ReportMonths;
  rows: MembersPerMonthRow[];
  totalJoined: number;
}

export async function membersPerMonth(input: ReportRangeInput = {}, database: ReportDb = db()): Promise<MembersPerMonthReport> {
  const range = parseRange(input);
  const rows = await database.$queryRaw<{ month: string; joined: bigint; active: bigint }[]>`
    WITH ${windowCtes(range)},
    joined AS (
      SELECT date_trunc('month', m.approved_at AT TIME ZONE 'UTC') AS month, count(*) AS joined
        FROM members m
       WHERE m.approved_at >= (SELECT min(month) FROM months) AT TIME ZONE 'UTC'
         AND m.approved_at < (SELECT max(month) + interval '1 month' FROM months) AT TIME ZONE 'UTC'
       GROUP BY 1
    ),
    -- DISTINCT then count (a hash), not count(DISTINCT) (a sort of every side of every transfer).
    active AS (
      SELECT month, count(*) AS active
        FROM (SELECT DISTINCT date_trunc('month', x.created_at AT TIME ZONE 'UTC') AS month, side.account_id
                FROM exchange_transfers x
               CROSS JOIN LATERAL (VALUES (x.debit_account_id), (x.credit_account_id)) AS side(account_id)) AS sides
       GROUP BY month
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month,
           coalesce(j.joined, 0)::bigint AS joined,
           coalesce(a.active, 0)::bigint AS active
      FROM months m
      LEFT JOIN joined j ON j.month = m.month
      LEFT JOIN active a ON a.month = m.month
     ORDER BY m.month`;
  const out = rows.map((r) => ({ month: r.month, joined: Number(r.joined), active: Number(r.active) }));
  return { months: range.months, rows: out, totalJoined: out.reduce((sum, r) => sum + r.joined, 0) };
}

// ---------------------------------------------------------------------------------------------
// 3. Top skills offered and requested (now, and over the bank's whole history)

export interface SkillRow {
  skill: string;
  /** Listings of this kind open now. */
  openListings: number;
  /** Every listing of this kind ever posted, open, paused or closed. */
  allListings: number;
  /** Exchanges made through those listings whose hours moved (and were not reversed). */
  exchanges: number;
}

export interface TopSkillsReport {
  offered: SkillRow[];
  requested: SkillRow[];
}

export async function topSkills(database: ReportDb = db()): Promise<TopSkillsReport> {
  const rows = await database.$queryRaw<{ kind: "offer" | "request"; skill: string; open: bigint; total: bigint; exchanges: bigint }[]>`
    WITH per_skill AS (
      SELECT skill_id, kind, count(*) FILTER (WHERE status = 'open') AS open, count(*) AS total
        FROM listings GROUP BY skill_id, kind
    ),
    completed AS (
      SELECT l.skill_id, l.kind, count(*) AS exchanges
        FROM exchanges e
        JOIN listings l ON l.id = e.listing_id
       WHERE e.transfer_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = e.transfer_id)
       GROUP BY l.skill_id, l.kind
    ),
    ranked AS (
      SELECT p.kind, s.name AS skill, p.open, p.total, coalesce(c.exchanges, 0) AS exchanges,
             row_number() OVER (PARTITION BY p.kind ORDER BY p.open DESC, p.total DESC, coalesce(c.exchanges, 0) DESC, s.name) AS rank
        FROM per_skill p
        JOIN skills s ON s.id = p.skill_id
        LEFT JOIN completed c ON c.skill_id = p.skill_id AND c.kind = p.kind
    )
    SELECT kind::text AS kind, skill, open::bigint AS open, total::bigint AS total, exchanges::bigint AS exchanges
      FROM ranked WHERE rank <= ${TOP_SKILLS_LIMIT}
     ORDER BY kind, rank`;
  const of = (kind: "offer" | "request") =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => ({ skill: r.skill, openListings: Number(r.open), allListings: Number(r.total), exchanges: Number(r.exchanges) }));
  return { offered: of("offer"), requested: of("request") };
}

// ---------------------------------------------------------------------------------------------
// 4. Hours given and received by organisation, region and profession

export type GroupDimension = "organisation" | "region" | "profession";
export const GROUP_DIMENSIONS: readonly GroupDimension[] = ["organisation", "region", "profession"];

export interface GroupRow {
  /** The group's name, "Not listed", or "Other organisations (12)" for the groups past the limit. */
  label: string;
  kind: "group" | "not_listed" | "others";
  /** Hours the group's members gave: they helped, and the hours were credited to them. */
  givenMinutes: number;
  /** Hours the group's members received: they were helped, and paid. */
  receivedMinutes: number;
  /** Members of the group who gave or received in the period. */
  members: number;
}

export interface HoursByGroupReport {
  months: ReportMonths;
  organisation: GroupRow[];
  region: GroupRow[];
  profession: GroupRow[];
  /** Equal to the total received: every exchange has one giver and one receiver. */
  totalGivenMinutes: number;
}

const OTHERS_WORD: Record<GroupDimension, string> = { organisation: "organisations", region: "regions", profession: "professions" };

export async function hoursByGroup(
  input: ReportRangeInput & { limit?: number } = {},
  database: ReportDb = db(),
): Promise<HoursByGroupReport> {
  const range = parseRange({ months: input.months, until: input.until });
  const limit = parseInput(z.number().int().min(1).max(GROUPS_EXPORT_LIMIT), input.limit ?? GROUPS_SHOWN_LIMIT);
  // Per account first (at most one row per member), then one pass with GROUPING SETS for the three
  // ways of grouping; groups past the limit are folded into one row per dimension.
  const rows = await database.$queryRaw<
    { dimension: GroupDimension; label: string; kind: GroupRow["kind"]; groups: bigint; given: bigint; received: bigint; members: bigint }[]
  >`
    WITH ${windowCtes(range)},
    flows AS (
      SELECT credit_account_id AS account_id, amount_minutes AS given, 0 AS received FROM exchange_transfers
      UNION ALL
      SELECT debit_account_id, 0, amount_minutes FROM exchange_transfers
    ),
    per_account AS (
      SELECT account_id, sum(given) AS given, sum(received) AS received FROM flows GROUP BY account_id
    ),
    labelled AS (
      SELECT pa.given, pa.received, o.name AS organisation, r.name AS region, nullif(btrim(m.profession), '') AS profession
        FROM per_account pa
        JOIN ledger_accounts a ON a.id = pa.account_id
        JOIN members m ON m.id = a.member_id
        LEFT JOIN organisations o ON o.id = m.organisation_id
        LEFT JOIN regions r ON r.id = m.region_id
    ),
    grouped AS (
      SELECT CASE WHEN grouping(organisation) = 0 THEN 'organisation' WHEN grouping(region) = 0 THEN 'region' ELSE 'profession' END AS dimension,
             coalesce(organisation, region, profession) AS name,
             sum(given) AS given, sum(received) AS received, count(*) AS members
        FROM labelled
       GROUP BY GROUPING SETS ((organisation), (region), (profession))
    ),
    ranked AS (
      SELECT g.*, CASE
               WHEN g.name IS NULL THEN 'not_listed'
               WHEN row_number() OVER (PARTITION BY g.dimension, g.name IS NULL ORDER BY g.given + g.received DESC, g.name) > ${limit} THEN 'others'
               ELSE 'group' END AS kind
        FROM grouped g
    )
    SELECT dimension, kind, CASE WHEN kind = 'group' THEN name ELSE '' END AS label,
           count(*)::bigint AS groups, sum(given)::bigint AS given, sum(received)::bigint AS received, sum(members)::bigint AS members
      FROM ranked
     GROUP BY dimension, kind, CASE WHEN kind = 'group' THEN name ELSE '' END
     ORDER BY dimension,
              CASE kind WHEN 'group' THEN 0 WHEN 'others' THEN 1 ELSE 2 END,
              sum(given) + sum(received) DESC, label`;
  const of = (dimension: GroupDimension): GroupRow[] =>
    rows
      .filter((r) => r.dimension === dimension)
      .map((r) => ({
        label: r.kind === "group" ? r.label : r.kind === "not_listed" ? NOT_LISTED : `Other ${OTHERS_WORD[dimension]} (${Number(r.groups)})`,
        kind: r.kind,
        givenMinutes: Number(r.given),
        receivedMinutes: Number(r.received),
        members: Number(r.members),
      }));
  const organisation = of("organisation");
  return {
    months: range.months,
    organisation,
    region: of("region"),
    profession: of("profession"),
    totalGivenMinutes: organisation.reduce((sum, r) => sum + r.givenMinutes, 0),
  };
}

// ---------------------------------------------------------------------------------------------
// 5. The spread of balances (now)

/**
 * Where each bucket after the first starts, in minutes (a bucket runs up to the next one's start,
 * less a minute). The first holds everything below -599 minutes, i.e. -10 h or less.
 */
export const BALANCE_BUCKET_STARTS = [-599, -299, 0, 1, 301, 601, 1201] as const;
/** The buckets' short names, for a chart's axis (hours): as many as there are buckets. */
const BUCKET_AXIS_LINES: string[][] = [["≤ −10"], ["−10", "to −5"], ["−5", "to 0"], ["0"], ["0", "to 5"], ["5", "to 10"], ["10", "to 20"], ["> 20"]];

export interface BalanceBucket {
  /** Exact, in words: "−9 h 59 min to −5 h". */
  label: string;
  /** Short lines for a chart's axis, in hours: ["−10", "to −5"]. */
  axisLines: string[];
  /** The lowest and highest balance in the bucket, in whole minutes; null where it is open-ended. */
  lowMinutes: number | null;
  highMinutes: number | null;
  /** -1 below zero, 0 exactly zero, 1 above zero. */
  sign: -1 | 0 | 1;
  accounts: number;
}

export interface BalanceSpreadReport {
  buckets: BalanceBucket[];
  totalAccounts: number;
}

function bucketLabel(low: number | null, high: number | null): string {
  if (low === null) return `${formatMinutes(high!)} or less`;
  if (high === null) return `${formatMinutes(low)} or more`;
  return low === high ? formatMinutes(low) : `${formatMinutes(low)} to ${formatMinutes(high)}`;
}

/** Member accounts only (not the bank's own accounts or pools), closed members' included. */
export async function balanceSpread(database: ReportDb = db()): Promise<BalanceSpreadReport> {
  const starts = [...BALANCE_BUCKET_STARTS];
  // width_bucket gives 0 below the first start and i from the i-th start up.
  const rows = await database.$queryRaw<{ bucket: number; accounts: bigint }[]>`
    WITH counted AS (
      SELECT width_bucket(balance_minutes, ${starts}::int[]) AS bucket, count(*) AS accounts
        FROM ledger_accounts WHERE kind = 'member' GROUP BY 1
    )
    SELECT b.bucket, coalesce(c.accounts, 0)::bigint AS accounts
      FROM generate_series(0, ${starts.length}::int) AS b(bucket)
      LEFT JOIN counted c ON c.bucket = b.bucket
     ORDER BY b.bucket`;
  const buckets = rows.map((r): BalanceBucket => {
    const low = r.bucket === 0 ? null : starts[r.bucket - 1]!;
    const high = r.bucket === starts.length ? null : starts[r.bucket]! - 1;
    const sign = high !== null && high < 0 ? -1 : low === 0 && high === 0 ? 0 : 1;
    return { label: bucketLabel(low, high), axisLines: BUCKET_AXIS_LINES[r.bucket]!, lowMinutes: low, highMinutes: high, sign, accounts: Number(r.accounts) };
  });
  return { buckets, totalAccounts: buckets.reduce((sum, b) => sum + b.accounts, 0) };
}

// ---------------------------------------------------------------------------------------------
// 6. Hours by project stage

export interface StageRow {
  stage: ProjectStageValue;
  minutes: number;
  exchanges: number;
  /** Projects with at least one exchange counted at this stage. */
  projects: number;
}

export interface HoursByStageReport {
  months: ReportMonths;
  /** Every stage of the method, in its order, with zeros where nothing was exchanged. */
  rows: StageRow[];
  /** Exchanges under requests that belong to no project. */
  outside: { minutes: number; exchanges: number };
  totalMinutes: number;
}

/**
 * Hours exchanged for requests that belong to an improvement project, by the stage the project was
 * in when the hours moved: the last stage change at or before the transfer (or, for hours that
 * moved before the project existed, the stage it started in). Same window and rules as above.
 */
export async function hoursByStage(input: ReportRangeInput = {}, database: ReportDb = db()): Promise<HoursByStageReport> {
  const range = parseRange(input);
  const rows = await database.$queryRaw<{ stage: string | null; minutes: bigint; exchanges: bigint; projects: bigint }[]>`
    WITH ${windowCtes(range)},
    tagged AS (
      SELECT x.amount_minutes, x.created_at, l.project_id
        FROM exchange_transfers x
        JOIN exchanges e ON e.transfer_id = x.id
        LEFT JOIN listings l ON l.id = e.listing_id
    ),
    staged AS (
      SELECT t.amount_minutes, t.project_id,
             coalesce(
               (SELECT c.to_stage FROM project_stage_changes c
                 WHERE c.project_id = t.project_id AND c.created_at <= t.created_at ORDER BY c.created_at DESC, c.id DESC LIMIT 1),
               (SELECT c.to_stage FROM project_stage_changes c
                 WHERE c.project_id = t.project_id ORDER BY c.created_at, c.id LIMIT 1)
             )::text AS stage
        FROM tagged t
       WHERE t.project_id IS NOT NULL
    )
    SELECT stage, sum(amount_minutes)::bigint AS minutes, count(*)::bigint AS exchanges, count(DISTINCT project_id)::bigint AS projects
      FROM staged GROUP BY stage
    UNION ALL
    SELECT NULL, coalesce(sum(amount_minutes), 0)::bigint, count(*)::bigint, 0::bigint FROM tagged WHERE project_id IS NULL`;
  const byStage = new Map(rows.filter((r) => r.stage !== null).map((r) => [r.stage, r]));
  const outsideRow = rows.find((r) => r.stage === null);
  const out = PROJECT_STAGES.map((stage): StageRow => {
    const r = byStage.get(stage);
    return { stage, minutes: Number(r?.minutes ?? 0), exchanges: Number(r?.exchanges ?? 0), projects: Number(r?.projects ?? 0) };
  });
  return {
    months: range.months,
    rows: out,
    outside: { minutes: Number(outsideRow?.minutes ?? 0), exchanges: Number(outsideRow?.exchanges ?? 0) },
    totalMinutes: out.reduce((sum, r) => sum + r.minutes, 0),
  };
}

// ---------------------------------------------------------------------------------------------
// 7. Hours by skill

export interface SkillHoursRow {
  skill: string;
  slug: string | null;
  minutes: number;
  exchanges: number;
  /** Members who gave this skill (were credited for it) in the period. */
  helpers: number;
}

export interface HoursBySkillReport {
  months: ReportMonths;
  /** Skills with hours in the period, most hours first; exchanges without a listing last, as "Other help". */
  rows: SkillHoursRow[];
  totalMinutes: number;
}

export const OTHER_HELP = "Other help";

/** Hours exchanged in the window by the skill of the offer or request each exchange came from. */
export async function hoursBySkill(input: ReportRangeInput = {}, database: ReportDb = db()): Promise<HoursBySkillReport> {
  const range = parseRange(input);
  const rows = await database.$queryRaw<{ skill: string | null; slug: string | null; minutes: bigint; exchanges: bigint; helpers: bigint }[]>`
    WITH ${windowCtes(range)},
    per_skill AS (
      SELECT l.skill_id, sum(x.amount_minutes) AS minutes, count(*) AS exchanges, count(DISTINCT x.credit_account_id) AS helpers
        FROM exchange_transfers x
        JOIN exchanges e ON e.transfer_id = x.id
        LEFT JOIN listings l ON l.id = e.listing_id
       GROUP BY l.skill_id
    )
    SELECT s.name AS skill, s.slug, p.minutes::bigint AS minutes, p.exchanges::bigint AS exchanges, p.helpers::bigint AS helpers
      FROM per_skill p LEFT JOIN skills s ON s.id = p.skill_id
     ORDER BY (s.id IS NULL), p.minutes DESC, s.name`;
  const out = rows.map((r) => ({
    skill: r.skill ?? OTHER_HELP,
    slug: r.slug,
    minutes: Number(r.minutes),
    exchanges: Number(r.exchanges),
    helpers: Number(r.helpers),
  }));
  return { months: range.months, rows: out, totalMinutes: out.reduce((sum, r) => sum + r.minutes, 0) };
}
