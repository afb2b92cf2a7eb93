// A member's in-app notifications: the unread count in the header, the list, marking read.
import { db, type PrismaClient } from "../db/client";

export const NOTIFICATIONS_PAGE_SIZE = 25;
/** The header shows "99+" above this. */
export const MAX_UNREAD_SHOWN = 99;

export async function unreadCount(memberId: string, database: PrismaClient = db()): Promise<number> {
  return database.notification.count({ where: { memberId, readAt: null } });
}

export async function listNotifications(memberId: string, page: number, database: PrismaClient = db()) {
  const rows = await database.notification.findMany({
    where: { memberId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
    take: NOTIFICATIONS_PAGE_SIZE + 1,
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
  return { items: rows.slice(0, NOTIFICATIONS_PAGE_SIZE), hasNext: rows.length > NOTIFICATIONS_PAGE_SIZE };
}

/** Marks one (or, without an id, every) notification of this member read. Others' are untouched. */
export async function markNotificationsRead(memberId: string, notificationId: string | null, database: PrismaClient = db()): Promise<number> {
  const result = await database.notification.updateMany({
    where: { memberId, readAt: null, ...(notificationId ? { id: notificationId } : {}) },
    data: { readAt: new Date() },
  });
  return result.count;
}
