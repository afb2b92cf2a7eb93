// Each admin report as a CSV file (RFC 4180: CRLF line ends, fields with a comma, quote or line
// break quoted, quotes doubled), and its download by an admin, which is written to the audit log.
// Text that a spreadsheet would run as a formula (starting = + - @, or a tab or carriage return)
// is prefixed with ', so an organisation or skill named "=HYPERLINK(...)" stays text. Numbers are
// written as plain numbers; an amount of time is two columns, hours to 2 decimals and minutes.
import { hoursCell, toCsv, type CsvValue } from "../csv";
import { z } from "zod";
import { lockAdmin } from "../admin/guard";
import { writeAudit } from "../audit/write";
import { now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { isoDay } from "../format/date";
import { STAGE_LABELS } from "../projects/stages";
import { parseInput } from "../validation";
import {
  balanceSpread,
  GROUP_DIMENSIONS,
  GROUPS_EXPORT_LIMIT,
  hoursByGroup,
  hoursBySkill,
  hoursByStage,
  hoursPerMonth,
  membersPerMonth,
  reportRangeSchema,
  topSkills,
  type ReportDb,
  type ReportRangeInput,
} from "./queries";

/** Every report that can be downloaded, by the name used in its URL and file name. */
export const REPORT_NAMES = ["hours-per-month", "members-per-month", "top-skills", "hours-by-group", "balance-spread", "hours-by-stage", "hours-by-skill"] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
/** The reports that cover a period of months (the others describe now). */
export const MONTHLY_REPORTS: readonly ReportName[] = ["hours-per-month", "members-per-month", "hours-by-group", "hours-by-stage", "hours-by-skill"];

export type CsvCell = CsvValue;

export async function reportCsv(report: ReportName, range: ReportRangeInput = {}, database: ReportDb = db()): Promise<string> {
  switch (report) {
    case "hours-per-month": {
      const r = await hoursPerMonth(range, database);
      return toCsv(
        ["month", "hours_exchanged", "minutes_exchanged", "exchanges"],
        r.rows.map((m) => [m.month, hoursCell(m.minutes), m.minutes, m.exchanges]),
      );
    }
    case "members-per-month": {
      const r = await membersPerMonth(range, database);
      return toCsv(["month", "members_joined", "members_active"], r.rows.map((m) => [m.month, m.joined, m.active]));
    }
    case "top-skills": {
      const r = await topSkills(database);
      const rows = (kind: string, list: typeof r.offered) =>
        list.map((s, i): CsvCell[] => [kind, i + 1, s.skill, s.openListings, s.allListings, s.exchanges]);
      return toCsv(
        ["listing_kind", "rank", "skill", "open_listings", "all_listings", "exchanges_completed"],
        [...rows("offer", r.offered), ...rows("request", r.requested)],
      );
    }
    case "hours-by-group": {
      const r = await hoursByGroup({ ...range, limit: GROUPS_EXPORT_LIMIT }, database);
      return toCsv(
        ["grouped_by", "group", "hours_given", "minutes_given", "hours_received", "minutes_received", "members"],
        GROUP_DIMENSIONS.flatMap((dimension) =>
          r[dimension].map((g): CsvCell[] => [dimension, g.label, hoursCell(g.givenMinutes), g.givenMinutes, hoursCell(g.receivedMinutes), g.receivedMinutes, g.members]),
        ),
      );
    }
    case "hours-by-stage": {
      const r = await hoursByStage(range, database);
      return toCsv(
        ["project_stage", "hours_exchanged", "minutes_exchanged", "exchanges", "projects"],
        [
          ...r.rows.map((s): CsvCell[] => [STAGE_LABELS[s.stage], hoursCell(s.minutes), s.minutes, s.exchanges, s.projects]),
          ["Not part of a project", hoursCell(r.outside.minutes), r.outside.minutes, r.outside.exchanges, 0],
        ],
      );
    }
    case "hours-by-skill": {
      const r = await hoursBySkill(range, database);
      return toCsv(
        ["skill", "hours_exchanged", "minutes_exchanged", "exchanges", "members_who_gave"],
        r.rows.map((s): CsvCell[] => [s.skill, hoursCell(s.minutes), s.minutes, s.exchanges, s.helpers]),
      );
    }
    case "balance-spread": {
      const r = await balanceSpread(database);
      return toCsv(
        ["balance_range", "lowest_minutes", "highest_minutes", "member_accounts"],
        r.buckets.map((b) => [b.label, b.lowMinutes, b.highMinutes, b.accounts]),
      );
    }
  }
}

const exportSchema = z.object({
  report: z.enum(REPORT_NAMES, { error: "There is no such report." }),
  months: reportRangeSchema.shape.months,
});

export interface ReportFile {
  filename: string;
  body: string;
}

/**
 * An admin downloads a report. The admin is checked, the report read and the download recorded in
 * one transaction, so a demoted admin gets nothing and every file handed out is in the audit log.
 */
export async function exportReportCsv(
  adminId: string,
  input: unknown,
  options: { until?: Date } = {},
  database: PrismaClient = db(),
): Promise<ReportFile> {
  const { report, months } = parseInput(exportSchema, input);
  const until = options.until ?? now();
  const monthly = MONTHLY_REPORTS.includes(report);
  return transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    const body = await reportCsv(report, { months, until }, tx);
    await writeAudit(tx, {
      actorId: adminId,
      action: "reports.export",
      targetType: "report",
      targetId: report,
      details: monthly ? { months, until: until.toISOString() } : { at: until.toISOString() },
    });
    return { filename: `${report}-${isoDay(until)}.csv`, body };
  });
}
