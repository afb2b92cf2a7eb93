// Either party calls the exchange off before the help is recorded as given; any hold on the
// payer's hours is voided in the same transaction.
import { db, type PrismaClient } from "../db/client";
import { notify } from "../notifications/notify";
import type { Tx } from "../members/guard";
import { exchangeLink, recordEvent, runStep, type LockedExchange, type StepResult } from "./locked";
import { firstName, parseInput } from "./parse";
import { releaseHold } from "./release-hold";
import { stepSchema } from "./schemas";

export async function cancelExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<StepResult> {
  const { exchangeId } = parseInput(stepSchema, input);
  return runStep({ actorId, exchangeId, step: "cancel", database }, async ({ tx, ex, actor, otherId, at }) => {
    const who = firstName(actor.name);
    await cancelLockedExchange(tx, ex, {
      actorId,
      otherId,
      at,
      title: `${who} cancelled: ${ex.title}`,
      body:
        ex.holdId !== null
          ? `${who} cancelled the exchange "${ex.title}". The hours held for it are released.`
          : `${who} cancelled the proposal "${ex.title}".`,
    });
    return "cancelled";
  });
}

/**
 * Cancels an exchange the caller has locked and checked (a party's cancel, or a member closing
 * their account): the hold is voided, the state and its event written, the other party told.
 */
export async function cancelLockedExchange(
  tx: Tx,
  ex: LockedExchange,
  c: { actorId: string; otherId: string; at: Date; title: string; body: string; note?: string },
): Promise<void> {
  await releaseHold(tx, ex, c.actorId);
  await tx.exchange.update({ where: { id: ex.id }, data: { state: "cancelled", closedAt: c.at } });
  await recordEvent(tx, { exchangeId: ex.id, fromState: ex.state, toState: "cancelled", actorId: c.actorId, note: c.note, at: c.at });
  await notify(tx, { memberId: c.otherId, kind: "exchange.cancelled", title: c.title, body: c.body, link: exchangeLink(ex.id) });
}
