// Writing a report of excellence: an active member recognises another active member's work, and
// may tie it to a confirmed exchange the two of them were the parties to (one report per author
// per exchange). The recipient is told in the same transaction. A resubmitted form (same
// requestKey) returns the report the first submission made.
import { now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict, invalid, notFound } from "../errors";
import { firstName } from "../format/names";
import { lockActiveMember, type Tx } from "../members/guard";
import { notify } from "../notifications/notify";
import { isUniqueViolation, parseInput } from "../validation";
import { REPORT_RECORD_SELECT, reportLink, type ReportRecord } from "./report";
import { writeReportSchema, type WriteReportInput } from "./schemas";

export const ALREADY_WRITTEN = "You have already written a report of excellence about this exchange.";
const NOT_ACTIVE_RECIPIENT = "You can recognise only an active member of the bank.";

export async function writeReport(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ReportRecord> {
  const data = parseInput(writeReportSchema, input);
  try {
    return await transaction(database, async (tx) => {
      const author = await lockActiveMember(tx, actorId);
      if (data.requestKey) {
        const existing = await tx.excellenceReport.findUnique({ where: { requestKey: data.requestKey }, select: REPORT_RECORD_SELECT });
        if (existing) return sameAuthorOrRefuse(existing, actorId);
      }
      if (data.recipientId === actorId) throw invalid("You cannot write a report of excellence about yourself.", { recipientId: ["Choose another member: a report recognises someone else's work."] });
      await lockActiveRecipient(tx, data.recipientId);
      if (data.exchangeId) await checkExchange(tx, actorId, data);
      const report = await tx.excellenceReport.create({
        data: {
          authorId: actorId,
          recipientId: data.recipientId,
          exchangeId: data.exchangeId ?? null,
          whatTheyDid: data.whatTheyDid,
          whyItMattered: data.whyItMattered,
          themes: data.themes,
          requestKey: data.requestKey ?? null,
          createdAt: now(),
        },
        select: REPORT_RECORD_SELECT,
      });
      await notify(tx, {
        memberId: data.recipientId,
        kind: "excellence.received",
        title: `${firstName(author.name)} wrote a report of excellence about your work`,
        body: `${data.whatTheyDid}\n\nYou can choose to show it on your profile.`,
        link: reportLink(report.id),
      });
      return report;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      // Two submissions of one form raced: the loser finds the winner's report.
      if (data.requestKey) {
        const existing = await database.excellenceReport.findUnique({ where: { requestKey: data.requestKey }, select: REPORT_RECORD_SELECT });
        if (existing) return sameAuthorOrRefuse(existing, actorId);
      }
      // Two different forms about one exchange raced (excellence_reports_exchange_id_author_id_key).
      if (data.exchangeId) throw conflict(ALREADY_WRITTEN);
    }
    throw err;
  }
}

function sameAuthorOrRefuse(existing: ReportRecord, actorId: string): ReportRecord {
  if (existing.authorId !== actorId) throw conflict("This form was already used. Reload the page and try again.");
  return existing;
}

/** The recipient must be an active member with a finished profile, now (locked FOR SHARE, so a suspension waits). */
async function lockActiveRecipient(tx: Tx, recipientId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ status: string; profile_done_at: Date | null }[]>`
    SELECT status::text AS status, profile_done_at FROM members WHERE id = ${recipientId}::uuid FOR SHARE`;
  const r = rows[0];
  if (!r || r.status !== "active" || !r.profile_done_at) throw invalid(NOT_ACTIVE_RECIPIENT, { recipientId: [NOT_ACTIVE_RECIPIENT] });
}

/**
 * A report tied to an exchange: the exchange is confirmed, the author and the recipient are its
 * two parties, and the author has not written about it yet. Someone who is not a party is told it
 * was not found, as the exchange pages do.
 */
async function checkExchange(tx: Tx, actorId: string, data: WriteReportInput): Promise<void> {
  const rows = await tx.$queryRaw<{ provider_id: string; payer_id: string; state: string }[]>`
    SELECT provider_id, payer_id, state::text AS state FROM exchanges WHERE id = ${data.exchangeId}::uuid FOR SHARE`;
  const ex = rows[0];
  if (!ex || (ex.provider_id !== actorId && ex.payer_id !== actorId)) throw notFound("That exchange");
  const other = ex.provider_id === actorId ? ex.payer_id : ex.provider_id;
  if (other !== data.recipientId) {
    throw invalid("A report tied to an exchange is about the other member in it.", { exchangeId: ["This exchange was with someone else: choose it from their exchange page."] });
  }
  if (ex.state !== "confirmed") throw conflict("You can tie a report to an exchange once the help in it is confirmed.");
  const written = await tx.excellenceReport.findUnique({ where: { exchangeId_authorId: { exchangeId: data.exchangeId!, authorId: actorId } }, select: { id: true } });
  if (written) throw conflict(ALREADY_WRITTEN);
}
