// The bank's impact, for the public page a bank shows its funders (/impact): hours exchanged,
// projects helped, members by profession and organisation, the skills exchanged. Everything here
// is a count over many members; a group of fewer than IMPACT_MIN_GROUP members is folded into
// "Other ..." so that no one can be picked out, and nothing names a member.
//
// The page is public, so its figures are cached in each app process for IMPACT_CACHE_MS: on a
// bank of 100,000 members and a million transfers the reports under it take seconds, and a
// visitor must not be able to make the database repeat them at will.
import "server-only";
import { countActiveMembers, countCompletedExchanges, countOrganisations, getBankName, sumExchangedMinutes } from "../bank/public";
import { now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { PROJECT_STAGES, type ProjectStageValue } from "../projects/stages";
import {
  hoursBySkill,
  hoursByStage,
  hoursPerMonth,
  type HoursBySkillReport,
  type HoursByStageReport,
  type HoursPerMonthReport,
  type ReportMonths,
} from "./queries";

/** A profession or organisation with fewer active members than this is counted under "Other". */
export const IMPACT_MIN_GROUP = 5;
/** Organisations named on the page; the rest are added up as one row. */
export const IMPACT_ORGANISATIONS_SHOWN = 10;
/** Professions named on the page. */
export const IMPACT_PROFESSIONS_SHOWN = 12;
/** Skills named on the page. */
export const IMPACT_SKILLS_SHOWN = 8;
export const IMPACT_CACHE_MS = 10 * 60 * 1000;
export const NOT_GIVEN = "Not given";

export interface MemberGroup {
  label: string;
  kind: "group" | "others" | "not_given";
  members: number;
}

export interface ProjectCounts {
  /** Every project members have started. */
  total: number;
  /** Projects still running (not marked finished). */
  running: number;
  finished: number;
  /** Projects with at least one exchange whose hours moved (and were not reversed). */
  helped: number;
  /** Running projects by the stage they are at now, in the method's order. */
  runningByStage: { stage: ProjectStageValue; projects: number }[];
}

export interface ImpactReport {
  bankName: string;
  /** When the figures were read (they may be up to IMPACT_CACHE_MS old). */
  readAt: Date;
  allTime: { exchangedMinutes: number; completedExchanges: number; activeMembers: number; organisations: number };
  months: ReportMonths;
  perMonth: HoursPerMonthReport;
  stages: HoursByStageReport;
  skills: HoursBySkillReport;
  projects: ProjectCounts;
  professions: MemberGroup[];
  organisations: MemberGroup[];
}

export async function projectCounts(database: PrismaClient = db()): Promise<ProjectCounts> {
  const [totals] = await database.$queryRaw<{ total: bigint; finished: bigint; helped: bigint }[]>`
    SELECT (SELECT count(*) FROM projects)::bigint AS total,
           (SELECT count(*) FROM projects WHERE finished_at IS NOT NULL)::bigint AS finished,
           (SELECT count(DISTINCT l.project_id)
              FROM listings l
              JOIN exchanges e ON e.listing_id = l.id
             WHERE l.project_id IS NOT NULL
               AND e.transfer_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = e.transfer_id))::bigint AS helped`;
  const stages = await database.$queryRaw<{ stage: string; projects: bigint }[]>`
    SELECT stage::text AS stage, count(*)::bigint AS projects FROM projects WHERE finished_at IS NULL GROUP BY stage`;
  const byStage = new Map(stages.map((s) => [s.stage, Number(s.projects)]));
  const total = Number(totals!.total);
  const finished = Number(totals!.finished);
  return {
    total,
    running: total - finished,
    finished,
    helped: Number(totals!.helped),
    runningByStage: PROJECT_STAGES.map((stage) => ({ stage, projects: byStage.get(stage) ?? 0 })),
  };
}

/**
 * Active members counted by profession or by organisation, largest first: at most `shown` named
 * groups of at least IMPACT_MIN_GROUP members, then one "Other ..." row, then "Not given".
 */
export async function membersBy(
  dimension: "profession" | "organisation",
  shown: number,
  database: PrismaClient = db(),
): Promise<MemberGroup[]> {
  const rows =
    dimension === "profession"
      ? await database.$queryRaw<{ name: string | null; members: bigint }[]>`
          SELECT nullif(btrim(profession), '') AS name, count(*)::bigint AS members
            FROM members WHERE status = 'active' GROUP BY 1`
      : await database.$queryRaw<{ name: string | null; members: bigint }[]>`
          SELECT o.name, count(*)::bigint AS members
            FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id
           WHERE m.status = 'active' GROUP BY o.id, o.name`;
  const named = rows
    .filter((r) => r.name !== null)
    .map((r) => ({ label: r.name!, members: Number(r.members) }))
    .sort((a, b) => b.members - a.members || a.label.localeCompare(b.label));
  const shownGroups = named.filter((g) => g.members >= IMPACT_MIN_GROUP).slice(0, shown);
  const rest = named.filter((g) => !shownGroups.includes(g));
  const notGiven = rows.filter((r) => r.name === null).reduce((sum, r) => sum + Number(r.members), 0);
  const word = dimension === "profession" ? "professions" : "organisations";
  const out: MemberGroup[] = shownGroups.map((g) => ({ ...g, kind: "group" }));
  if (rest.length > 0) out.push({ label: `Other ${word} (${rest.length})`, kind: "others", members: rest.reduce((sum, g) => sum + g.members, 0) });
  if (notGiven > 0) out.push({ label: NOT_GIVEN, kind: "not_given", members: notGiven });
  return out;
}

export async function readImpact(months: ReportMonths, database: PrismaClient = db(), until: Date = now()): Promise<ImpactReport> {
  const [bankName, exchangedMinutes, completedExchanges, activeMembers, organisationCount, perMonth, stages, skills, projects, professions, organisations] =
    await Promise.all([
      getBankName(database),
      sumExchangedMinutes(database),
      countCompletedExchanges(database),
      countActiveMembers(database),
      countOrganisations(database),
      hoursPerMonth({ months, until }, database),
      hoursByStage({ months, until }, database),
      hoursBySkill({ months, until }, database),
      projectCounts(database),
      membersBy("profession", IMPACT_PROFESSIONS_SHOWN, database),
      membersBy("organisation", IMPACT_ORGANISATIONS_SHOWN, database),
    ]);
  return {
    bankName,
    readAt: until,
    allTime: { exchangedMinutes, completedExchanges, activeMembers, organisations: organisationCount },
    months,
    perMonth,
    stages,
    skills,
    projects,
    professions,
    organisations,
  };
}

const cached = new Map<ReportMonths, { at: number; report: Promise<ImpactReport> }>();

/** The impact report for the public page: read at most once per IMPACT_CACHE_MS per period. */
export function cachedImpact(months: ReportMonths): Promise<ImpactReport> {
  const hit = cached.get(months);
  const at = Date.now();
  if (hit && at - hit.at < IMPACT_CACHE_MS) return hit.report;
  const report = readImpact(months);
  cached.set(months, { at, report });
  // A failed read is not kept: the next visitor tries again.
  report.catch(() => {
    if (cached.get(months)?.report === report) cached.delete(months);
  });
  return report;
}
