// Reads of reports of excellence for pages, each returning only what its viewer may see. A report
// is seen by its author, its recipient and the bank's admins; once the recipient shows it on their
// profile, by every signed-in member who can see that profile (an active member's).
import { db, Prisma, type PrismaClient } from "../db/client";
import { isActiveAdmin, requireAdminViewer } from "../admin/viewer";
import { isUuid } from "../validation";
import { EXCELLENCE_THEMES, type ExcellenceThemeValue } from "./themes";

/** The most reports each list on /excellence shows (about me, and by me). */
export const MY_REPORTS_LIMIT = 100;
/** The most reports a profile shows. */
export const PROFILE_REPORTS_LIMIT = 20;
/** The recent reports an admin sees under the charts. */
export const ADMIN_RECENT_REPORTS = 20;
/** Professions shown in the admin's themes-by-profession table; the rest are added up as one row. */
export const PROFESSIONS_SHOWN = 12;
export const NOT_LISTED = "Not listed";

export interface ReportPerson {
  id: string;
  name: string;
  profession: string | null;
  organisationName: string | null;
}

export interface ReportSummary {
  id: string;
  whatTheyDid: string;
  whyItMattered: string;
  themes: ExcellenceThemeValue[];
  shownOnProfile: boolean;
  createdAt: Date;
  author: ReportPerson;
  recipient: ReportPerson;
}

export interface ReportDetail extends ReportSummary {
  isAuthor: boolean;
  isRecipient: boolean;
  /** The exchange it is tied to: shown to its two parties only. */
  exchange: { id: string; title: string } | null;
}

const PERSON_SELECT = { id: true, name: true, profession: true, organisation: { select: { name: true } } } as const;

const SUMMARY_SELECT = {
  id: true,
  whatTheyDid: true,
  whyItMattered: true,
  themes: true,
  shownOnProfile: true,
  createdAt: true,
  author: { select: PERSON_SELECT },
  recipient: { select: PERSON_SELECT },
} satisfies Prisma.ExcellenceReportSelect;

type SummaryRow = Prisma.ExcellenceReportGetPayload<{ select: typeof SUMMARY_SELECT }>;
type PersonRow = SummaryRow["author"];

const person = (p: PersonRow): ReportPerson => ({
  id: p.id,
  name: p.name ?? "A member",
  profession: p.profession,
  organisationName: p.organisation?.name ?? null,
});

const summaryOf = (r: SummaryRow): ReportSummary => ({
  id: r.id,
  whatTheyDid: r.whatTheyDid,
  whyItMattered: r.whyItMattered,
  themes: r.themes,
  shownOnProfile: r.shownOnProfile,
  createdAt: r.createdAt,
  author: person(r.author),
  recipient: person(r.recipient),
});

/** One report, or null when there is none or the viewer may not see it. */
export async function getReportForViewer(viewerId: string | null, reportId: string, database: PrismaClient = db()): Promise<ReportDetail | null> {
  if (!viewerId || !isUuid(reportId)) return null;
  const r = await database.excellenceReport.findUnique({
    where: { id: reportId },
    select: {
      ...SUMMARY_SELECT,
      authorId: true,
      recipientId: true,
      exchange: { select: { id: true, title: true } },
      recipient: { select: { ...PERSON_SELECT, status: true, profileDoneAt: true } },
    },
  });
  if (!r) return null;
  const isAuthor = r.authorId === viewerId;
  const isRecipient = r.recipientId === viewerId;
  const onProfile = r.shownOnProfile && r.recipient.status === "active" && r.recipient.profileDoneAt !== null;
  if (!isAuthor && !isRecipient && !onProfile && !(await isActiveAdmin(viewerId, database))) return null;
  return {
    ...summaryOf(r),
    isAuthor,
    isRecipient,
    exchange: (isAuthor || isRecipient) && r.exchange ? r.exchange : null,
  };
}

export interface MyReports {
  received: ReportSummary[];
  written: ReportSummary[];
}

/** Reports about the viewer (all of them, shown or not) and reports the viewer wrote, newest first. */
export async function listMyReports(viewerId: string, database: PrismaClient = db()): Promise<MyReports> {
  if (!isUuid(viewerId)) return { received: [], written: [] };
  const [received, written] = await Promise.all([
    database.excellenceReport.findMany({ where: { recipientId: viewerId }, select: SUMMARY_SELECT, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: MY_REPORTS_LIMIT }),
    database.excellenceReport.findMany({ where: { authorId: viewerId }, select: SUMMARY_SELECT, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: MY_REPORTS_LIMIT }),
  ]);
  return { received: received.map(summaryOf), written: written.map(summaryOf) };
}

/**
 * The reports a member chose to show on their profile, as a signed-in viewer sees them: none when
 * the viewer may not see the profile (only active members' profiles are seen by others).
 */
export async function listProfileReports(viewerId: string, memberId: string, database: PrismaClient = db()): Promise<ReportSummary[]> {
  if (!isUuid(viewerId) || !isUuid(memberId)) return [];
  if (viewerId !== memberId) {
    const m = await database.user.findUnique({ where: { id: memberId }, select: { status: true, profileDoneAt: true } });
    if (!m || m.status !== "active" || !m.profileDoneAt) return [];
  }
  const rows = await database.excellenceReport.findMany({
    where: { recipientId: memberId, shownOnProfile: true },
    select: SUMMARY_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: PROFILE_REPORTS_LIMIT,
  });
  return rows.map(summaryOf);
}

/** The report the viewer wrote about this exchange, if any (the exchange page links to it). */
export async function myReportForExchange(viewerId: string, exchangeId: string, database: PrismaClient = db()): Promise<string | null> {
  if (!isUuid(viewerId) || !isUuid(exchangeId)) return null;
  const r = await database.excellenceReport.findUnique({ where: { exchangeId_authorId: { exchangeId, authorId: viewerId } }, select: { id: true } });
  return r?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Who a new report is about

export type RecognitionTarget =
  | {
      ok: true;
      recipient: ReportPerson;
      exchange: { id: string; title: string } | null;
      /** The viewer already wrote about this exchange: the report's id. */
      alreadyWrittenId: string | null;
    }
  | { ok: false; reason: string };

const CHOOSE_SOMEONE =
  "Open the profile of the member whose work you want to recognise and choose “Recognise their work”, or do it from a confirmed exchange’s page.";

/**
 * Who the new-report form is about, from ?member= or ?exchange=: an active member other than the
 * viewer, or the other party of a confirmed exchange of the viewer's. The write checks all of it again.
 */
export async function getRecognitionTarget(
  viewerId: string,
  params: { memberId?: string; exchangeId?: string },
  database: PrismaClient = db(),
): Promise<RecognitionTarget> {
  if (params.exchangeId !== undefined) {
    if (!isUuid(params.exchangeId)) return { ok: false, reason: "That exchange was not found." };
    const ex = await database.exchange.findUnique({
      where: { id: params.exchangeId },
      select: { id: true, title: true, state: true, providerId: true, payerId: true },
    });
    if (!ex || (ex.providerId !== viewerId && ex.payerId !== viewerId)) return { ok: false, reason: "That exchange was not found." };
    if (ex.state !== "confirmed") return { ok: false, reason: "You can write about an exchange once the help in it is confirmed." };
    const otherId = ex.providerId === viewerId ? ex.payerId : ex.providerId;
    const recipient = await activeMember(otherId, database);
    if (!recipient) return { ok: false, reason: "The other member in this exchange is no longer active, so you cannot write a report about them." };
    return { ok: true, recipient, exchange: { id: ex.id, title: ex.title }, alreadyWrittenId: await myReportForExchange(viewerId, ex.id, database) };
  }
  if (params.memberId === undefined) return { ok: false, reason: CHOOSE_SOMEONE };
  if (params.memberId === viewerId) return { ok: false, reason: "A report of excellence recognises someone else’s work, so you cannot write one about yourself." };
  const recipient = isUuid(params.memberId) ? await activeMember(params.memberId, database) : null;
  if (!recipient) return { ok: false, reason: "That member was not found, or is not an active member of the bank." };
  return { ok: true, recipient, exchange: null, alreadyWrittenId: null };
}

async function activeMember(id: string, database: PrismaClient): Promise<ReportPerson | null> {
  const m = await database.user.findUnique({ where: { id }, select: { ...PERSON_SELECT, status: true, profileDoneAt: true } });
  return m && m.status === "active" && m.profileDoneAt ? person(m) : null;
}

// ---------------------------------------------------------------------------------------------
// Themes across reports (admins)

export interface ThemeCount {
  theme: ExcellenceThemeValue;
  reports: number;
}

export interface ProfessionThemes {
  profession: string;
  /** Reports with each theme, in EXCELLENCE_THEMES order. */
  counts: number[];
  reports: number;
}

export interface ExcellenceThemesReport {
  months: number;
  /** The window: its first instant and the instant after it (whole UTC months). */
  from: Date;
  to: Date;
  totalReports: number;
  /** Every theme, most used first (ties in EXCELLENCE_THEMES order). */
  themes: ThemeCount[];
  /** Each month of the window ("2026-03", UTC), oldest first. */
  perMonth: { month: string; reports: number }[];
  /** By the recipient's profession, most reports first; the rest as one row. */
  byProfession: ProfessionThemes[];
  recent: ReportSummary[];
}

/** Admins only (checked here): reports in the last `months` calendar months (UTC), this one included. */
export async function excellenceThemes(
  viewerId: string,
  options: { months: number; until: Date },
  database: PrismaClient = db(),
): Promise<ExcellenceThemesReport> {
  await requireAdminViewer(viewerId, database);
  const { months, until } = options;
  const from = new Date(Date.UTC(until.getUTCFullYear(), until.getUTCMonth() - (months - 1), 1));
  const to = new Date(Date.UTC(until.getUTCFullYear(), until.getUTCMonth() + 1, 1));
  const fromText = from.toISOString();
  const toText = to.toISOString();
  const inWindow = Prisma.sql`r.created_at >= ${fromText}::timestamptz AND r.created_at < ${toText}::timestamptz`;
  const [totals, perTheme, perMonth, perProfession, recent] = await Promise.all([
    database.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM excellence_reports r WHERE ${inWindow}`,
    database.$queryRaw<{ theme: ExcellenceThemeValue; n: bigint }[]>`
      SELECT t.theme::text AS theme, count(*)::bigint AS n
        FROM excellence_reports r CROSS JOIN LATERAL unnest(r.themes) AS t(theme)
       WHERE ${inWindow}
       GROUP BY 1`,
    database.$queryRaw<{ month: string; n: bigint }[]>`
      WITH months AS (
        SELECT generate_series(${fromText}::timestamptz AT TIME ZONE 'UTC', ${toText}::timestamptz AT TIME ZONE 'UTC' - interval '1 month', interval '1 month') AS month
      ),
      per_month AS (
        SELECT date_trunc('month', r.created_at AT TIME ZONE 'UTC') AS month, count(*) AS n FROM excellence_reports r WHERE ${inWindow} GROUP BY 1
      )
      SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(p.n, 0)::bigint AS n FROM months m LEFT JOIN per_month p ON p.month = m.month ORDER BY m.month`,
    database.$queryRaw<{ profession: string | null; theme: ExcellenceThemeValue | null; n: bigint }[]>`
      SELECT nullif(btrim(m.profession), '') AS profession, t.theme::text AS theme, count(*)::bigint AS n
        FROM excellence_reports r
        JOIN members m ON m.id = r.recipient_id
        CROSS JOIN LATERAL unnest(r.themes) AS t(theme)
       WHERE ${inWindow}
       GROUP BY 1, 2
      UNION ALL
      SELECT nullif(btrim(m.profession), ''), NULL, count(*)::bigint
        FROM excellence_reports r JOIN members m ON m.id = r.recipient_id
       WHERE ${inWindow}
       GROUP BY 1`,
    database.excellenceReport.findMany({
      where: { createdAt: { gte: from, lt: to } },
      select: SUMMARY_SELECT,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: ADMIN_RECENT_REPORTS,
    }),
  ]);

  const themeCounts = new Map(perTheme.map((r) => [r.theme, Number(r.n)]));
  const themes = EXCELLENCE_THEMES.map((theme) => ({ theme, reports: themeCounts.get(theme) ?? 0 })).sort((a, b) => b.reports - a.reports);

  const professions = new Map<string, ProfessionThemes>();
  for (const row of perProfession) {
    const name = row.profession ?? NOT_LISTED;
    const entry = professions.get(name) ?? { profession: name, counts: EXCELLENCE_THEMES.map(() => 0), reports: 0 };
    if (row.theme === null) entry.reports += Number(row.n);
    else entry.counts[EXCELLENCE_THEMES.indexOf(row.theme)]! += Number(row.n);
    professions.set(name, entry);
  }
  const sorted = [...professions.values()].sort((a, b) => b.reports - a.reports || a.profession.localeCompare(b.profession));
  // One profession past the limit is shown by name rather than as "1 other profession".
  const cut = sorted.length > PROFESSIONS_SHOWN + 1 ? PROFESSIONS_SHOWN : sorted.length;
  const shown = sorted.slice(0, cut);
  const rest = sorted.slice(cut);
  if (rest.length > 0) {
    shown.push({
      profession: `${rest.length} other ${rest.length === 1 ? "profession" : "professions"}`,
      counts: EXCELLENCE_THEMES.map((_, i) => rest.reduce((sum, p) => sum + p.counts[i]!, 0)),
      reports: rest.reduce((sum, p) => sum + p.reports, 0),
    });
  }

  return {
    months,
    from,
    to,
    totalReports: Number(totals[0]?.n ?? 0),
    themes,
    perMonth: perMonth.map((r) => ({ month: r.month, reports: Number(r.n) })),
    byProfession: shown,
    recent: recent.map(summaryOf),
  };
}
