// Sends the email for notifications written with email_pending = true. Rows are claimed with
// FOR UPDATE SKIP LOCKED, so several app instances (or two runs of the job) never send one twice;
// a failed send is retried on later runs, up to MAX_EMAIL_ATTEMPTS.
import { db, type PrismaClient } from "../db/client";
import { appUrl } from "../config";
import { getBankName } from "../bank/public";
import { sendEmail } from "../email/send";
import { simpleEmail } from "../email/templates";
import { NOTIFICATION_KINDS, isNotificationKind } from "./kinds";

export const EMAIL_BATCH_SIZE = 20;
export const MAX_EMAIL_ATTEMPTS = 5;
/** One run stops after this many batches; the next run carries on. */
const MAX_BATCHES_PER_RUN = 50;

export interface OutboxResult {
  sent: number;
  failed: number;
}

export async function deliverPendingEmails(database: PrismaClient = db()): Promise<OutboxResult> {
  const result: OutboxResult = { sent: 0, failed: 0 };
  const bankName = await getBankName(database);
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const handled = await database.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<
          { id: string; kind: string; title: string; body: string; link: string | null; attempts: number; email: string; status: string; name: string | null }[]
        >`
          SELECT n.id, n.kind, n.title, n.body, n.link, n.email_attempts AS attempts, m.email, m.status::text AS status, m.name
            FROM notifications n JOIN members m ON m.id = n.member_id
           WHERE n.email_pending
           ORDER BY n.created_at
           LIMIT ${EMAIL_BATCH_SIZE}
             FOR UPDATE OF n SKIP LOCKED`;
        for (const row of rows) {
          if (row.status === "closed") {
            await tx.notification.update({ where: { id: row.id }, data: { emailPending: false } });
            continue;
          }
          const why = isNotificationKind(row.kind) ? NOTIFICATION_KINDS[row.kind].toLowerCase() : "something happened";
          const email = simpleEmail({
            bankName,
            subject: row.title,
            heading: row.title,
            paragraphs: [row.name ? `Hello ${row.name.split(" ")[0]},` : "Hello,", row.body],
            action: row.link ? { label: "Open in the time bank", url: `${appUrl()}${row.link}` } : undefined,
            footer: `You get this email because you asked to hear when ${why}. Choose which emails you get in Settings: ${appUrl()}/settings`,
          });
          try {
            await sendEmail({ to: row.email, ...email }, tx);
            await tx.notification.update({ where: { id: row.id }, data: { emailPending: false, emailedAt: new Date(), emailAttempts: row.attempts + 1 } });
            result.sent++;
          } catch (err) {
            console.error(`[mail] notification ${row.id} not sent (attempt ${row.attempts + 1})`, err instanceof Error ? err.message : err);
            await tx.notification.update({
              where: { id: row.id },
              data: { emailAttempts: row.attempts + 1, emailPending: row.attempts + 1 < MAX_EMAIL_ATTEMPTS },
            });
            result.failed++;
          }
        }
        return rows.length;
      },
      { timeout: 120_000 },
    );
    if (handled < EMAIL_BATCH_SIZE) break;
  }
  return result;
}
