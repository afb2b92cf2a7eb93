// The member who did not propose turns the proposal down. Nothing was held yet, but a hold is
// voided if one exists, so a declined exchange never keeps hours reserved.
import { db, type PrismaClient } from "../db/client";
import { notify } from "../notifications/notify";
import { exchangeLink, recordEvent, runStep, type StepResult } from "./locked";
import { firstName, parseInput } from "./parse";
import { releaseHold } from "./release-hold";
import { stepSchema } from "./schemas";

export async function declineExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<StepResult> {
  const { exchangeId } = parseInput(stepSchema, input);
  return runStep({ actorId, exchangeId, step: "decline", database }, async ({ tx, ex, actor, otherId, at }) => {
    await releaseHold(tx, ex, actorId);
    await tx.exchange.update({ where: { id: ex.id }, data: { state: "declined", closedAt: at } });
    await recordEvent(tx, { exchangeId: ex.id, fromState: ex.state, toState: "declined", actorId, at });
    const who = firstName(actor.name);
    await notify(tx, {
      memberId: otherId,
      kind: "exchange.declined",
      title: `${who} declined: ${ex.title}`,
      body: `${who} declined your proposal for "${ex.title}". Nothing was taken from anyone's hours.`,
      link: exchangeLink(ex.id),
    });
    return "declined";
  });
}
