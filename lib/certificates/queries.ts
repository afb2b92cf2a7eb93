// Reads of certificates, each returning only what its reader may see: a member their own
// certificates (the list, the PDF); anyone with a code only what that certificate says (the public
// verification page), never who the member is beyond the name printed on it.
import { z } from "zod";
import { getBankName } from "../bank/public";
import { db, type PrismaClient } from "../db/client";
import { isoDay } from "../format/date";
import { bankToday } from "../listings/rules";
import { isUuid } from "../validation";
import { normaliseCode } from "./code";
import { hoursGivenInPeriod, type HoursGiven, type ProjectHours, type SkillHours } from "./hours-given";
import { joinedDay } from "./issue-certificate";
import type { Period } from "./period";

/** The most certificates a member's page lists (newest first). */
export const MAX_LISTED_CERTIFICATES = 100;

/** Everything a certificate says: what the PDF prints and the verification page shows. */
export interface CertificateContent {
  code: string;
  memberName: string;
  period: Period;
  minutesGiven: number;
  exchangeCount: number;
  skills: SkillHours[];
  projects: ProjectHours[];
  issuedAt: Date;
}

export interface OwnCertificate extends CertificateContent {
  id: string;
}

const skillsJson = z.array(z.object({ name: z.string(), minutes: z.number().int() }));
const projectsJson = z.array(z.object({ title: z.string(), minutes: z.number().int() }));

const CONTENT_SELECT = {
  code: true,
  memberName: true,
  periodStart: true,
  periodEnd: true,
  minutesGiven: true,
  exchangeCount: true,
  skills: true,
  projects: true,
  issuedAt: true,
} as const;

type ContentRow = {
  code: string;
  memberName: string;
  periodStart: Date;
  periodEnd: Date;
  minutesGiven: number;
  exchangeCount: number;
  skills: unknown;
  projects: unknown;
  issuedAt: Date;
};

function contentOf(row: ContentRow): CertificateContent {
  return {
    code: row.code,
    memberName: row.memberName,
    period: { from: isoDay(row.periodStart), to: isoDay(row.periodEnd) },
    minutesGiven: row.minutesGiven,
    exchangeCount: row.exchangeCount,
    skills: skillsJson.parse(row.skills),
    projects: projectsJson.parse(row.projects),
    issuedAt: row.issuedAt,
  };
}

/** The member's own certificates, newest first. */
export async function listMyCertificates(memberId: string, database: PrismaClient = db()): Promise<OwnCertificate[]> {
  const rows = await database.certificate.findMany({
    where: { memberId },
    orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
    take: MAX_LISTED_CERTIFICATES,
    select: { id: true, ...CONTENT_SELECT },
  });
  return rows.map((r) => ({ id: r.id, ...contentOf(r) }));
}

/** One of the member's own certificates, or null (someone else's reads the same as none). */
export async function getOwnCertificate(id: string, memberId: string, database: PrismaClient = db()): Promise<OwnCertificate | null> {
  if (!isUuid(id)) return null;
  const row = await database.certificate.findFirst({ where: { id, memberId }, select: { id: true, ...CONTENT_SELECT } });
  return row ? { id: row.id, ...contentOf(row) } : null;
}

/** What the public verification page shows: the certificate's own words and the bank's name. */
export interface VerifiedCertificate extends CertificateContent {
  bankName: string;
}

/** The certificate with this code (as typed: any case, spaces, dashes), or null. */
export async function verifyCertificate(typedCode: string, database: PrismaClient = db()): Promise<VerifiedCertificate | null> {
  const code = normaliseCode(typedCode);
  if (!code) return null;
  const row = await database.certificate.findUnique({ where: { code }, select: CONTENT_SELECT });
  if (!row) return null;
  return { ...contentOf(row), bankName: await getBankName(database) };
}

export interface CertificatePreview extends HoursGiven {
  period: Period;
}

/** The totals a certificate for this period would carry, for the page to show before issuing. */
export async function previewHoursGiven(memberId: string, period: Period, database: PrismaClient = db()): Promise<CertificatePreview> {
  return { period, ...(await hoursGivenInPeriod(database, memberId, period)) };
}

/** Today and the day the member joined, in the bank's calendar: the bounds of any period. */
export async function periodBounds(memberId: string, database: PrismaClient = db()): Promise<{ today: string; joined: string }> {
  return { today: isoDay(bankToday()), joined: await joinedDay(database, memberId) };
}
