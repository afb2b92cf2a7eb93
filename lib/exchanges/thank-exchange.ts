// After confirmation the member who was helped may thank the provider once, and note what they
// learned. The state does not change; the event records the moment.
import { db, type PrismaClient } from "../db/client";
import { notify } from "../notifications/notify";
import { exchangeLink, recordEvent, runStep, type StepResult } from "./locked";
import { firstName, parseInput } from "./parse";
import { thankSchema } from "./schemas";

export async function thankExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<StepResult> {
  const data = parseInput(thankSchema, input);
  return runStep({ actorId, exchangeId: data.exchangeId, step: "thank", database, sameAs: (ex) => ex.thanksNote === data.thanks }, async ({ tx, ex, actor, otherId, at }) => {
    await tx.exchange.update({
      where: { id: ex.id },
      data: { thanksNote: data.thanks, learnedNote: data.learned ?? null, thankedAt: at },
    });
    await recordEvent(tx, { exchangeId: ex.id, fromState: ex.state, toState: ex.state, actorId, note: "Said thank you.", at });
    const who = firstName(actor.name);
    await notify(tx, {
      memberId: otherId,
      kind: "thanks.received",
      title: `${who} thanks you: ${ex.title}`,
      body: data.thanks,
      link: exchangeLink(ex.id),
    });
    return ex.state;
  });
}
