// Every kind of notification, with the words a member sees on the email settings page. A member
// can turn email off for any kind; in-app notifications are always kept.
export const NOTIFICATION_KINDS = {
  "exchange.proposed": "Someone proposes an exchange with you",
  "exchange.accepted": "Your proposal is accepted",
  "exchange.declined": "Your proposal is declined",
  "exchange.cancelled": "An exchange is cancelled",
  "exchange.delivered": "Help you received is recorded and waits for your confirmation",
  "exchange.reminder": "A reminder to confirm help you received",
  "exchange.confirmed": "An exchange is confirmed and the hours move",
  "exchange.disputed": "An exchange is disputed",
  "exchange.resolved": "An admin resolves a dispute",
  "message.received": "A new message in one of your exchanges",
  "thanks.received": "Someone thanks you for your help",
  "donation.received": "Someone donates hours to you",
  "project.updated": "A project you follow moves to a new stage or records a PDSA cycle",
  "excellence.received": "Someone writes a report of excellence about your work",
  "member.approved": "Your membership is approved",
  "member.declined": "Your membership is declined",
  "member.suspended": "Your membership is suspended or reactivated",
  "hours.corrected": "An admin corrects or grants hours in your account",
  "admin.dispute": "A dispute needs an admin (admins only)",
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const notificationKinds = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, kind);
}
