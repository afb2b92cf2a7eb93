// A member's hours given in a period, from the ledger: each exchange's hours are the amount of the
// transfer posted for it (exchanges.transfer_id, kind 'exchange'), counted on the day that transfer
// was made in the bank's calendar (the UK); a transfer that has been reversed counts nothing, and so
// does an exchange without a transfer. "Given" means the member was credited (the helper). Broken
// down by skill (the exchange's listing's skill, "Other help" without a listing) and by project
// (the listing's project, only where there is one). Read-only: ledger tables are never written here.
import { Prisma } from "../db/generated/client";
import { BANK_TIME_ZONE } from "../listings/rules";
import type { Period } from "./period";

/** The name under which help that did not come from an offer or request is counted. */
export const OTHER_HELP = "Other help";

export interface SkillHours {
  name: string;
  minutes: number;
}

export interface ProjectHours {
  title: string;
  minutes: number;
}

export interface HoursGiven {
  minutesGiven: number;
  exchangeCount: number;
  /** Largest first, then by name. */
  skills: SkillHours[];
  /** Largest first, then by title. */
  projects: ProjectHours[];
}

type RawReader = { $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Prisma.PrismaPromise<T> };

export async function hoursGivenInPeriod(database: RawReader, memberId: string, period: Period): Promise<HoursGiven> {
  const rows = await database.$queryRaw<{ minutes: number; exchanges: number; skills: SkillHours[]; projects: ProjectHours[] }[]>`
    WITH given AS (
      SELECT t.amount_minutes AS minutes, l.skill_id, s.name AS skill_name, l.project_id, p.title AS project_title
        FROM ledger_accounts a
        JOIN ledger_transfers t ON t.credit_account_id = a.id AND t.kind = 'exchange'
        JOIN exchanges e ON e.transfer_id = t.id
        LEFT JOIN listings l ON l.id = e.listing_id
        LEFT JOIN skills s ON s.id = l.skill_id
        LEFT JOIN projects p ON p.id = l.project_id
       WHERE a.member_id = ${memberId}::uuid
         AND t.created_at >= (${period.from}::date)::timestamp AT TIME ZONE ${BANK_TIME_ZONE}
         AND t.created_at < (${period.to}::date + 1)::timestamp AT TIME ZONE ${BANK_TIME_ZONE}
         AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)
    )
    SELECT
      (SELECT coalesce(sum(minutes), 0)::int FROM given) AS minutes,
      (SELECT count(*)::int FROM given) AS exchanges,
      (SELECT coalesce(json_agg(json_build_object('name', name, 'minutes', minutes) ORDER BY minutes DESC, name), '[]'::json)
         FROM (SELECT coalesce(skill_name, ${OTHER_HELP}) AS name, sum(minutes)::int AS minutes
                 FROM given GROUP BY skill_id, skill_name) k) AS skills,
      (SELECT coalesce(json_agg(json_build_object('title', title, 'minutes', minutes) ORDER BY minutes DESC, title), '[]'::json)
         FROM (SELECT project_title AS title, sum(minutes)::int AS minutes
                 FROM given WHERE project_id IS NOT NULL GROUP BY project_id, project_title) j) AS projects`;
  const r = rows[0]!;
  return { minutesGiven: r.minutes, exchangeCount: r.exchanges, skills: r.skills, projects: r.projects };
}
