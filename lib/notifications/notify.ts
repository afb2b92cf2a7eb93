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
  await notifyEach(tx, [n.memberId], n);
}

/**
 * The same notification to several members in one insert (the followers of a project): closed
 * accounts are skipped, and each member's email opt-out is honoured as notify() does.
 */
export async function notifyEach(tx: Tx, memberIds: string[], n: Omit<NewNotification, "memberId">): Promise<void> {
  if (memberIds.length === 0) return;
  const members = await tx.user.findMany({
    where: { id: { in: memberIds }, status: { not: "closed" } },
    select: { id: true, emailOptOut: true },
    orderBy: { id: "asc" },
  });
  if (members.length === 0) return;
  await tx.notification.createMany({
    data: members.map((member) => ({
      memberId: member.id,
      kind: n.kind,
      title: n.title.slice(0, 200),
      body: n.body.slice(0, MAX_NOTIFICATION_BODY),
      link: n.link ?? null,
      emailPending: !member.emailOptOut.includes(n.kind),
    })),
  });
}
