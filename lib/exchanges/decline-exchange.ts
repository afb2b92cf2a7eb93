// The member who did not propose turns the proposal down, optionally saying why: the reason is
// kept as the note of the exchange's "declined" event and told to the proposer. Nothing was held
// yet, but a hold is voided if one exists, so a declined exchange never keeps hours reserved.
import { db, type PrismaClient } from "../db/client";
import { MAX_NOTIFICATION_BODY, notify } from "../notifications/notify";
import { exchangeLink, recordEvent, runStep, type StepResult } from "./locked";
import { firstName, parseInput } from "./parse";
import { releaseHold } from "./release-hold";
import { declineSchema } from "./schemas";

export async function declineExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<StepResult> {
  const { exchangeId, reason } = parseInput(declineSchema, input);
  return runStep({ actorId, exchangeId, step: "decline", database }, async ({ tx, ex, actor, otherId, at }) => {
    await releaseHold(tx, ex, actorId);
    await tx.exchange.update({ where: { id: ex.id }, data: { state: "declined", closedAt: at } });
    await recordEvent(tx, { exchangeId: ex.id, fromState: ex.state, toState: "declined", actorId, note: reason ?? null, at });
    const who = firstName(actor.name);
    await notify(tx, {
      memberId: otherId,
      kind: "exchange.declined",
      title: `${who} declined: ${ex.title}`,
      body: declinedBody(who, ex.title, reason),
      link: exchangeLink(ex.id),
    });
    return "declined";
  });
}

/** The proposer's notification: what happened, then the reason, shortened to fit if need be. */
function declinedBody(who: string, title: string, reason: string | undefined): string {
  const head = `${who} declined your proposal for "${title}". Nothing was taken from anyone's hours.`;
  if (!reason) return head;
  const lead = `${head} ${who}'s reason: "`;
  const room = MAX_NOTIFICATION_BODY - lead.length - 1;
  if (room < 20) return head;
  const said = reason.length > room ? `${reason.slice(0, room - 1)}…` : reason;
  return `${lead}${said}"`;
}
