// The member who did not propose accepts: the agreed minutes are held on the payer's account
// (counting their floor and other holds) until the exchange is confirmed or cancelled.
import { db, type PrismaClient } from "../db/client";
import { AppError, conflict, fromLedgerError } from "../errors";
import { formatMinutes } from "../format/minutes";
import { hold, LedgerError, type LedgerDb } from "../ledger";
import { memberAccountId } from "../members/account";
import type { Tx } from "../members/guard";
import { notify } from "../notifications/notify";
import { exchangeLink, memberName, recordEvent, runStep, type StepResult } from "./locked";
import { firstName, parseInput } from "./parse";
import { stepSchema } from "./schemas";

export async function acceptExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<StepResult> {
  const { exchangeId } = parseInput(stepSchema, input);
  return runStep({ actorId, exchangeId, step: "accept", database }, async ({ tx, ex, actor, otherId, at }) => {
    // The other party must still be active: a suspended or closed member's hours are not held for
    // an exchange they could no longer confirm or dispute.
    const other = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM members WHERE id = ${otherId}::uuid FOR SHARE`;
    if (other[0]?.status !== "active") throw conflict("The other member's membership is not active just now, so this exchange cannot be agreed.");
    const payerAccountId = await memberAccountId(tx, ex.payerId);
    const providerAccountId = await memberAccountId(tx, ex.providerId);
    const short = await shortfallMinutes(tx, payerAccountId, ex.agreedMinutes);
    if (short > 0) throw await belowFloor(tx, ex.payerId, actorId, short);
    let holdId: bigint;
    try {
      const h = await hold(
        {
          debitAccountId: payerAccountId,
          creditAccountId: providerAccountId,
          amountMinutes: ex.agreedMinutes,
          idempotencyKey: `exchange:${ex.id}:hold`,
          exchangeId: ex.id,
          actorId,
          memo: `Exchange: ${ex.title}`.slice(0, 200),
        },
        tx as unknown as LedgerDb,
      );
      holdId = h.holdId;
    } catch (err) {
      // The transaction is aborted now: no further query, so the message is the general one.
      if (err instanceof LedgerError && err.code === "below_floor") throw await belowFloorWithoutAmount(ex.payerId === actorId);
      throw fromLedgerError(err);
    }
    await tx.exchange.update({ where: { id: ex.id }, data: { state: "accepted", holdId, acceptedAt: at } });
    await recordEvent(tx, { exchangeId: ex.id, fromState: ex.state, toState: "accepted", actorId, at });
    const who = firstName(actor.name);
    const otherPays = otherId === ex.payerId;
    await notify(tx, {
      memberId: otherId,
      kind: "exchange.accepted",
      title: `${who} accepted: ${ex.title}`,
      body: otherPays
        ? `${who} accepted your proposal. ${formatMinutes(ex.agreedMinutes)} is held from your hours until you confirm the help.`
        : `${who} accepted your offer to help. Record the help once you have given it.`,
      link: exchangeLink(ex.id),
    });
    return "accepted";
  });
}

/** How many minutes the payer is short of covering `amount` (0 when they can). */
async function shortfallMinutes(tx: Tx, accountId: number, amountMinutes: number): Promise<number> {
  const rows = await tx.$queryRaw<{ balance: number; held: number; floor: number | null }[]>`
    SELECT balance_minutes AS balance, held_minutes AS held, floor_minutes AS floor FROM ledger_accounts WHERE id = ${accountId}`;
  const a = rows[0];
  if (!a || a.floor === null) return 0;
  const available = a.balance - a.held - a.floor;
  return Math.max(0, amountMinutes - available);
}

async function belowFloor(tx: Tx, payerId: string, actorId: string, shortMinutes: number): Promise<AppError> {
  const short = formatMinutes(shortMinutes);
  if (payerId === actorId) {
    return new AppError(
      "below_floor",
      `You do not have enough hours available for this exchange: you are ${short} short (counting your floor and hours held for other exchanges). Agree fewer minutes, or give some help first.`,
    );
  }
  // The provider accepting must not learn the payer's balance: no amount.
  const name = firstName(await memberName(tx, payerId));
  return new AppError("below_floor", payerShortMessage(name));
}

/** What the provider is told when the payer cannot cover the exchange (no amount: it is the payer's balance). */
export function payerShortMessage(payerFirstName: string): string {
  return `${payerFirstName} does not have enough hours available for this exchange just now. Decline it, or ask them to propose fewer hours.`;
}

async function belowFloorWithoutAmount(actorPays: boolean): Promise<AppError> {
  return new AppError(
    "below_floor",
    actorPays
      ? "You do not have enough hours available for this exchange (counting your floor and hours held for other exchanges)."
      : "The member who is helped does not have enough hours available for this exchange just now. Decline it, or ask them to propose fewer hours.",
  );
}
