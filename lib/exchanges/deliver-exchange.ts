// The provider records the help as given: how many minutes it took (up to the agreed minutes; a
// longer piece of work is a further exchange). The payer then confirms or disputes, and if they
// do neither the exchange is confirmed automatically after the bank's auto-confirm days.
import { addDays } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { invalid } from "../errors";
import { formatDay } from "../format/date";
import { formatMinutes } from "../format/minutes";
import { notify } from "../notifications/notify";
import { exchangeLink, exchangeTimings, recordEvent, runStep, type StepResult } from "./locked";
import { firstName, parseInput } from "./parse";
import { deliverSchema } from "./schemas";

export async function deliverExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<StepResult> {
  const data = parseInput(deliverSchema, input);
  return runStep({ actorId, exchangeId: data.exchangeId, step: "deliver", database, sameAs: (ex) => ex.deliveredMinutes === data.minutesGiven }, async ({ tx, ex, actor, otherId, at }) => {
    if (data.minutesGiven > ex.agreedMinutes) {
      const message = `The time given can be at most the ${formatMinutes(ex.agreedMinutes)} you agreed. If it took longer, agree a further exchange for the rest.`;
      throw invalid(message, { minutesGiven: [message] });
    }
    const { autoConfirmDays } = await exchangeTimings(tx);
    const autoConfirmAt = addDays(at, autoConfirmDays);
    await tx.exchange.update({
      where: { id: ex.id },
      data: { state: "delivered", deliveredMinutes: data.minutesGiven, deliveredAt: at, autoConfirmAt },
    });
    await recordEvent(tx, {
      exchangeId: ex.id,
      fromState: ex.state,
      toState: "delivered",
      actorId,
      note: data.note ?? `Recorded ${formatMinutes(data.minutesGiven)} of help given.`,
      at,
    });
    const who = firstName(actor.name);
    await notify(tx, {
      memberId: otherId,
      kind: "exchange.delivered",
      title: `Please confirm the help from ${who}: ${ex.title}`,
      body: `${who} recorded ${formatMinutes(data.minutesGiven)} of help given. Confirm it, or dispute it if something is wrong. If you do neither, it will be confirmed automatically on ${formatDay(autoConfirmAt)}.`,
      link: exchangeLink(ex.id),
    });
    return "delivered";
  });
}
