// Either party calls the exchange off before the help is recorded as given; any hold on the
// payer's hours is voided in the same transaction.
import { db, type PrismaClient } from "../db/client";
import { notify } from "../notifications/notify";
import { exchangeLink, recordEvent, runStep, type StepResult } from "./locked";
import { firstName, parseInput } from "./parse";
import { releaseHold } from "./release-hold";
import { stepSchema } from "./schemas";

export async function cancelExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<StepResult> {
  const { exchangeId } = parseInput(stepSchema, input);
  return runStep({ actorId, exchangeId, step: "cancel", database }, async ({ tx, ex, actor, otherId, at }) => {
    await releaseHold(tx, ex, actorId);
    await tx.exchange.update({ where: { id: ex.id }, data: { state: "cancelled", closedAt: at } });
    await recordEvent(tx, { exchangeId: ex.id, fromState: ex.state, toState: "cancelled", actorId, at });
    const who = firstName(actor.name);
    await notify(tx, {
      memberId: otherId,
      kind: "exchange.cancelled",
      title: `${who} cancelled: ${ex.title}`,
      body:
        ex.holdId !== null
          ? `${who} cancelled the exchange "${ex.title}". The hours held for it are released.`
          : `${who} cancelled the proposal "${ex.title}".`,
      link: exchangeLink(ex.id),
    });
    return "cancelled";
  });
}
