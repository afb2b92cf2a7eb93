// The recipient of a report of excellence chooses whether it shows on their profile. Only the
// recipient, only while active; anyone else is told the report was not found (the author may see
// it, but the choice is not theirs).
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { forbidden, notFound } from "../errors";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import { REPORT_NOUN, REPORT_RECORD_SELECT, type ReportRecord } from "./report";
import { setReportShownSchema } from "./schemas";

export async function setReportShown(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ReportRecord> {
  const data = parseInput(setReportShownSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    const rows = await tx.$queryRaw<{ author_id: string; recipient_id: string }[]>`
      SELECT author_id, recipient_id FROM excellence_reports WHERE id = ${data.reportId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row || (row.recipient_id !== actorId && row.author_id !== actorId)) throw notFound(REPORT_NOUN);
    if (row.recipient_id !== actorId) throw forbidden("Only the member a report is about can choose whether it shows on their profile.");
    return tx.excellenceReport.update({ where: { id: data.reportId }, data: { shownOnProfile: data.shown }, select: REPORT_RECORD_SELECT });
  });
}
