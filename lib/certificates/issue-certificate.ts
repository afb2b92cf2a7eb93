// Issuing a certificate of hours given: an active member, for themselves, for a period they
// choose. The totals are computed from the ledger and written once into `certificates` with the
// member's name as it is today and a random verification code; the row can never change (a
// trigger refuses UPDATE and DELETE). Issuing the same period again while nothing in it has changed
// (a double click, a resubmitted form, or simply asking twice) returns the certificate already
// issued instead of a second one saying the same thing: the member's issues are serialised by a
// transaction-scoped advisory lock, so two racing submissions cannot both miss the first.
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict, invalid } from "../errors";
import { now } from "../clock";
import { isoDay } from "../format/date";
import { bankToday } from "../listings/rules";
import { lockActiveMember, type Tx } from "../members/guard";
import { parseInput } from "../validation";
import { newCertificateCode } from "./code";
import { hoursGivenInPeriod, type HoursGiven } from "./hours-given";
import { describePeriod, periodErrors, type Period } from "./period";
import { issueCertificateSchema } from "./schemas";

/** Attempts at a code that no certificate has yet (a clash is about one in 10^18). */
const MAX_CODE_ATTEMPTS = 5;

export interface IssuedCertificate {
  id: string;
  code: string;
  /** True when an identical certificate already existed and was returned instead. */
  replayed: boolean;
}

export async function issueCertificate(actorId: string, input: unknown, database: PrismaClient = db()): Promise<IssuedCertificate> {
  const period: Period = parseInput(issueCertificateSchema, input);
  return transaction(database, async (tx) => {
    const member = await lockActiveMember(tx, actorId);
    const joined = await joinedDay(tx, actorId);
    const errors = periodErrors(period, isoDay(bankToday()), joined);
    if (errors) throw invalid("Please check the highlighted fields.", errors);
    return writeCertificate(tx, { memberId: actorId, memberName: member.name ?? "", period, issuedAt: now() });
  });
}

/** The day the member joined, in the bank's calendar. */
export async function joinedDay(tx: Pick<Tx, "user">, memberId: string): Promise<string> {
  const m = await tx.user.findUniqueOrThrow({ where: { id: memberId }, select: { createdAt: true } });
  return isoDay(bankToday(m.createdAt));
}

export interface CertificateToWrite {
  memberId: string;
  memberName: string;
  period: Period;
  issuedAt: Date;
  /** Only the demo seed passes this (for a repeatable bank); otherwise crypto-random. */
  newCode?: () => string;
}

/**
 * Computes the totals and writes the certificate, inside the caller's transaction (the member is
 * already checked). Refuses a period with no hours given; returns an identical certificate that
 * already exists instead of writing a second.
 */
export async function writeCertificate(tx: Tx, c: CertificateToWrite): Promise<IssuedCertificate> {
  const name = c.memberName.trim();
  if (!name) throw conflict("Add your name to your profile first: the certificate is issued in it.");
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`certificate:${c.memberId}`}))::text`;
  const totals = await hoursGivenInPeriod(tx, c.memberId, c.period);
  if (totals.minutesGiven === 0) {
    throw conflict(`You gave no hours from ${describePeriod(c.period)}, so there is nothing to certify. Choose a period in which you helped someone.`);
  }
  const existing = await sameCertificate(tx, c, name, totals);
  if (existing) return { ...existing, replayed: true };
  for (let attempt = 1; attempt <= MAX_CODE_ATTEMPTS; attempt++) {
    const code = (c.newCode ?? newCertificateCode)();
    // ON CONFLICT DO NOTHING: a clash leaves the transaction usable, and the next attempt draws again.
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO certificates (code, member_id, member_name, period_start, period_end, minutes_given, exchange_count, skills, projects, issued_at)
      VALUES (${code}, ${c.memberId}::uuid, ${name}, ${c.period.from}::date, ${c.period.to}::date, ${totals.minutesGiven},
              ${totals.exchangeCount}, ${JSON.stringify(totals.skills)}::jsonb, ${JSON.stringify(totals.projects)}::jsonb, ${c.issuedAt})
      ON CONFLICT (code) DO NOTHING
      RETURNING id`;
    if (rows[0]) return { id: rows[0].id, code, replayed: false };
  }
  throw new Error(`no unused certificate code after ${MAX_CODE_ATTEMPTS} attempts`);
}

async function sameCertificate(tx: Tx, c: CertificateToWrite, name: string, totals: HoursGiven): Promise<{ id: string; code: string } | null> {
  const rows = await tx.$queryRaw<{ id: string; code: string }[]>`
    SELECT id, code FROM certificates
     WHERE member_id = ${c.memberId}::uuid AND period_start = ${c.period.from}::date AND period_end = ${c.period.to}::date
       AND member_name = ${name} AND minutes_given = ${totals.minutesGiven} AND exchange_count = ${totals.exchangeCount}
       AND skills = ${JSON.stringify(totals.skills)}::jsonb AND projects = ${JSON.stringify(totals.projects)}::jsonb
     ORDER BY issued_at DESC LIMIT 1`;
  return rows[0] ?? null;
}
