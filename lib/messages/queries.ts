// Reading an exchange's message thread: only its two parties may.
import { db, type PrismaClient } from "../db/client";
import { firstName, isUuid } from "../exchanges/parse";

/** The most messages shown in one thread, oldest first. */
export const MAX_THREAD_MESSAGES = 500;

export interface ThreadMessage {
  id: string;
  senderId: string;
  senderName: string;
  mine: boolean;
  body: string;
  createdAt: Date;
}

/** The thread of an exchange, oldest first; null if the viewer is not a party. */
export async function listMessages(exchangeId: string, viewerId: string, database: PrismaClient = db()): Promise<ThreadMessage[] | null> {
  if (!isUuid(exchangeId) || !isUuid(viewerId)) return null;
  const ex = await database.exchange.findUnique({ where: { id: exchangeId }, select: { providerId: true, payerId: true } });
  if (!ex || (ex.providerId !== viewerId && ex.payerId !== viewerId)) return null;
  const rows = await database.message.findMany({
    where: { exchangeId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_THREAD_MESSAGES,
    select: { id: true, senderId: true, body: true, createdAt: true, sender: { select: { name: true } } },
  });
  return rows.reverse().map((m) => ({
    id: m.id,
    senderId: m.senderId,
    senderName: firstName(m.sender.name),
    mine: m.senderId === viewerId,
    body: m.body,
    createdAt: m.createdAt,
  }));
}
