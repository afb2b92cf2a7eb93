// Notifications are written in the same transaction as the change they tell about, so a member is
// told exactly when it happened. Email goes through an outbox (email_pending) sent after commit by
// the job queue (lib/jobs), and is skipped for kinds the member turned off.
import type { Tx } from "../members/guard";
import type { NotificationKind } from "./kinds";

/** Long enough for an admin's reason or note (up to 1,000 characters) with the sentence around it. */
export const MAX_NOTIFICATION_BODY = 1500;

export interface NewNotification {
  memberId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path in the app, e.g. /exchanges/<id>. */
  link?: string;
}

export async function notify(tx: Tx, n: NewNotification): Promise<void> {
  const member = await tx.user.findUnique({ where: { id: n.memberId }, select: { emailOptOut: true, status: true } });
  if (!member || member.status === "closed") return;
  await tx.notification.create({
    data: {
      memberId: n.memberId,
      kind: n.kind,
      title: n.title.slice(0, 200),
      body: n.body.slice(0, MAX_NOTIFICATION_BODY),
      link: n.link ?? null,
      emailPending: !member.emailOptOut.includes(n.kind),
    },
  });
}
