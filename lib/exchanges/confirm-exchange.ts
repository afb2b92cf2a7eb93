// The payer confirms the help given: the hold is posted as one transfer of the delivered minutes
// (the rest of the hold is released), exactly once, by the exchange's idempotency key.
import { db, type PrismaClient } from "../db/client";
import { fromLedgerError } from "../errors";
import { formatMinutes } from "../format/minutes";
import { postHold, type LedgerDb } from "../ledger";
import type { Tx } from "../members/guard";
import { notify } from "../notifications/notify";
import { exchangeLink, recordEvent, runStep, type LockedExchange, type StepResult } from "./locked";
import { firstName, parseInput } from "./parse";
import { stepSchema } from "./schemas";

export async function confirmExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<StepResult> {
  const { exchangeId } = parseInput(stepSchema, input);
  return runStep({ actorId, exchangeId, step: "confirm", database }, async ({ tx, ex, actor, otherId, at }) => {
    const minutes = await postExchange(tx, ex, actorId, at, null);
    const who = firstName(actor.name);
    await notify(tx, {
      memberId: otherId,
      kind: "exchange.confirmed",
      title: `${who} confirmed: ${ex.title}`,
      body: `${who} confirmed your help. ${formatMinutes(minutes)} has moved to your hours. Thank you!`,
      link: exchangeLink(ex.id),
    });
    return "confirmed";
  });
}

/**
 * Posts a delivered exchange's hold and marks it confirmed, inside the caller's transaction with
 * the exchange row locked. Used by the payer's confirmation and by the auto-confirm sweep
 * (actorId null). Returns the minutes that moved.
 */
export async function postExchange(tx: Tx, ex: LockedExchange, actorId: string | null, at: Date, note: string | null): Promise<number> {
  if (ex.holdId === null || ex.deliveredMinutes === null) throw new Error(`exchange ${ex.id} is delivered without a hold or minutes`);
  let transferId: bigint;
  try {
    const t = await postHold(
      { holdId: ex.holdId, amountMinutes: ex.deliveredMinutes, idempotencyKey: `exchange:${ex.id}:post`, actorId, memo: `Exchange: ${ex.title}`.slice(0, 200) },
      tx as unknown as LedgerDb,
    );
    transferId = t.transferId;
  } catch (err) {
    throw fromLedgerError(err);
  }
  await tx.exchange.update({ where: { id: ex.id }, data: { state: "confirmed", transferId, confirmedAt: at, closedAt: at } });
  await recordEvent(tx, { exchangeId: ex.id, fromState: ex.state, toState: "confirmed", actorId, note, at });
  return ex.deliveredMinutes;
}
