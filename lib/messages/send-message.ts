// A message in an exchange's thread, from one party to the other, while the exchange is open and
// after it is confirmed, disputed or resolved; not once it was declined or cancelled (nothing is
// left to arrange). The form's request key makes a resent message land once; how many a member
// may send in a short time is the "messages" rate limit (lib/rate-limit).
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { now } from "../clock";
import { conflict, notFound } from "../errors";
import { exchangeLink } from "../exchanges/locked";
import { firstName, isUniqueViolation, parseInput } from "../exchanges/parse";
import { lockActiveMember } from "../members/guard";
import { notify } from "../notifications/notify";
import { enforceRateLimit } from "../rate-limit/consume";
import { MESSAGE_PREVIEW_LENGTH, sendMessageSchema } from "./schemas";

export interface SentMessage {
  id: string;
  exchangeId: string;
  createdAt: Date;
  /** True when this request key had already sent the message: nothing new was stored. */
  replayed: boolean;
}

export async function sendMessage(actorId: string, input: unknown, database: PrismaClient = db()): Promise<SentMessage> {
  const data = parseInput(sendMessageSchema, input);
  const replay = async (client: Pick<PrismaClient, "message">) => {
    const found = await client.message.findUnique({ where: { requestKey: data.requestKey }, select: { id: true, exchangeId: true, senderId: true, createdAt: true } });
    if (!found) return null;
    if (found.senderId !== actorId || found.exchangeId !== data.exchangeId) throw conflict("This form has already been used. Reload the page and try again.");
    return { id: found.id, exchangeId: found.exchangeId, createdAt: found.createdAt, replayed: true };
  };
  try {
    return await transaction(database, async (tx) => {
      const actor = await lockActiveMember(tx, actorId);
      // Held until commit, so a decline or cancel cannot slip in between the state check and the message.
      await tx.$queryRaw`SELECT id FROM exchanges WHERE id = ${data.exchangeId}::uuid FOR SHARE`;
      const ex = await tx.exchange.findUnique({ where: { id: data.exchangeId }, select: { id: true, title: true, state: true, providerId: true, payerId: true } });
      if (!ex || (ex.providerId !== actorId && ex.payerId !== actorId)) throw notFound("That exchange");
      const earlier = await replay(tx);
      if (earlier) return earlier;
      if (ex.state === "declined" || ex.state === "cancelled") {
        throw conflict(`This exchange was ${ex.state}, so no more messages can be sent on it.`);
      }
      // Counted in this transaction: a resent message (above) or a refusal counts nothing, and
      // the limit's row lock makes one member's concurrent messages take their turns.
      await enforceRateLimit(tx, "messages", actorId);
      const at = now();
      const m = await tx.message.create({
        data: { exchangeId: ex.id, senderId: actorId, body: data.body, requestKey: data.requestKey, createdAt: at },
        select: { id: true, createdAt: true },
      });
      const body = data.body.length > MESSAGE_PREVIEW_LENGTH ? `${data.body.slice(0, MESSAGE_PREVIEW_LENGTH - 1)}…` : data.body;
      await notify(tx, {
        memberId: ex.providerId === actorId ? ex.payerId : ex.providerId,
        kind: "message.received",
        title: `${firstName(actor.name)} sent you a message: ${ex.title}`,
        body,
        link: `${exchangeLink(ex.id)}#messages`,
      });
      return { id: m.id, exchangeId: ex.id, createdAt: m.createdAt, replayed: false };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const earlier = await replay(database);
      if (earlier) return earlier;
    }
    throw err;
  }
}
