// Sends the email for notifications written with email_pending = true. A batch is claimed in one
// short transaction (FOR UPDATE SKIP LOCKED, then email_claimed_at), sent outside any transaction,
// and each result recorded on its own, so a slow mail server holds no locks and an email that went
// is never sent again because a later one failed. A claim older than CLAIM_LEASE_SECONDS (a sender
// that died mid-batch) is taken over. A failed send is retried up to MAX_EMAIL_ATTEMPTS times.
import { db, type PrismaClient } from "../db/client";
import { appUrl } from "../config";
import { getBankName } from "../bank/public";
import { sendEmail } from "../email/send";
import { simpleEmail } from "../email/templates";
import { firstName } from "../format/names";
import { NOTIFICATION_KINDS, isNotificationKind } from "./kinds";

export const EMAIL_BATCH_SIZE = 20;
export const MAX_EMAIL_ATTEMPTS = 5;
export const CLAIM_LEASE_SECONDS = 300;
/** One run stops after this many batches; the next run carries on. */
const MAX_BATCHES_PER_RUN = 50;

export interface OutboxResult {
  sent: number;
  failed: number;
}

interface Claimed {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  attempts: number;
  email: string;
  status: string;
  name: string | null;
}

async function claimBatch(database: PrismaClient): Promise<Claimed[]> {
  return database.$queryRaw<Claimed[]>`
    WITH picked AS (
      SELECT n.id FROM notifications n
       WHERE n.email_pending
         AND (n.email_claimed_at IS NULL OR n.email_claimed_at < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS}))
       ORDER BY n.created_at
       LIMIT ${EMAIL_BATCH_SIZE}
         FOR UPDATE SKIP LOCKED)
    UPDATE notifications n SET email_claimed_at = now(), email_attempts = n.email_attempts + 1
      FROM picked, members m
     WHERE n.id = picked.id AND m.id = n.member_id
    RETURNING n.id, n.kind, n.title, n.body, n.link, n.email_attempts AS attempts, m.email, m.status::text AS status, m.name`;
}

export async function deliverPendingEmails(database: PrismaClient = db()): Promise<OutboxResult> {
  const result: OutboxResult = { sent: 0, failed: 0 };
  const bankName = await getBankName(database);
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const rows = await claimBatch(database);
    for (const row of rows) {
      if (row.status === "closed") {
        await database.notification.update({ where: { id: row.id }, data: { emailPending: false, emailClaimedAt: null } });
        continue;
      }
      const why = isNotificationKind(row.kind) ? NOTIFICATION_KINDS[row.kind].toLowerCase() : "something happened";
      const email = simpleEmail({
        bankName,
        subject: row.title,
        heading: row.title,
        paragraphs: [row.name ? `Hello ${firstName(row.name)},` : "Hello,", row.body],
        action: row.link ? { label: "Open in the time bank", url: `${appUrl()}${row.link}` } : undefined,
        footer: `You get this email because you asked to hear when ${why}. Choose which emails you get in Settings: ${appUrl()}/settings`,
      });
      try {
        await sendEmail({ to: row.email, ...email }, database);
        await database.notification.update({ where: { id: row.id }, data: { emailPending: false, emailedAt: new Date(), emailClaimedAt: null } });
        result.sent++;
      } catch (err) {
        console.error(`[mail] notification ${row.id} not sent (attempt ${row.attempts})`, err instanceof Error ? err.message : err);
        await database.notification.update({
          where: { id: row.id },
          data: { emailClaimedAt: null, emailPending: row.attempts < MAX_EMAIL_ATTEMPTS },
        });
        result.failed++;
      }
    }
    if (rows.length < EMAIL_BATCH_SIZE) break;
  }
  return result;
}
