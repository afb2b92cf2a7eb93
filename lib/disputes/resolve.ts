// An admin settles a disputed exchange: the hold is posted (for the minutes recorded, or another
// amount up to what is held) or voided, exactly once by the exchange's key; the exchange becomes
// "resolved" with the admin's note, both members are told, and the audit log records it. An admin
// who is a party to the exchange cannot settle it.
import { writeAudit } from "../audit/write";
import { now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict, forbidden, fromLedgerError, invalid, notFound } from "../errors";
import { recordEvent, exchangeLink, lockExchange } from "../exchanges/locked";
import { formatMinutes } from "../format/minutes";
import { postHold, voidHold, type LedgerDb } from "../ledger";
import { notify } from "../notifications/notify";
import { parseInput } from "../validation";
import { lockAdmin } from "../admin/guard";
import { resolveDisputeSchema } from "./schemas";

export interface DisputeResolution {
  exchangeId: string;
  postedMinutes: number;
  transferId: bigint | null;
}

export async function resolveDispute(adminId: string, input: unknown, database: PrismaClient = db()): Promise<DisputeResolution> {
  const data = parseInput(resolveDisputeSchema, input);
  return transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    const ex = await lockExchange(tx, data.exchangeId);
    if (!ex) throw notFound("That exchange");
    if (ex.providerId === adminId || ex.payerId === adminId) throw forbidden("You are one of the two members in this exchange, so another admin must settle it.");
    if (ex.state === "resolved") throw conflict("This dispute has already been resolved.");
    if (ex.state !== "disputed") throw conflict("Only a disputed exchange can be resolved.");
    if (ex.holdId === null || ex.deliveredMinutes === null) throw new Error(`disputed exchange ${ex.id} has no hold or recorded minutes`);

    const minutes = data.outcome === "void" ? 0 : data.outcome === "recorded" ? ex.deliveredMinutes : data.minutes!;
    if (minutes > ex.agreedMinutes) {
      throw invalid(`At most ${formatMinutes(ex.agreedMinutes)} is held for this exchange.`, {
        minutes: [`Enter at most ${formatMinutes(ex.agreedMinutes)}: that is what is held.`],
      });
    }
    const ledger = tx as unknown as LedgerDb;
    const memo = `Dispute resolved: ${ex.title}`.slice(0, 200);
    let transferId: bigint | null = null;
    try {
      if (minutes === 0) {
        await voidHold({ holdId: ex.holdId, idempotencyKey: `exchange:${ex.id}:void`, actorId: adminId, memo }, ledger);
      } else {
        ({ transferId } = await postHold({ holdId: ex.holdId, amountMinutes: minutes, idempotencyKey: `exchange:${ex.id}:post`, actorId: adminId, memo }, ledger));
      }
    } catch (err) {
      throw fromLedgerError(err);
    }
    const at = now();
    await tx.exchange.update({
      where: { id: ex.id },
      data: { state: "resolved", transferId, resolutionNote: data.note, closedAt: at, autoConfirmAt: null },
    });
    await recordEvent(tx, { exchangeId: ex.id, fromState: "disputed", toState: "resolved", actorId: adminId, note: data.note, at });
    const outcome = minutes === 0 ? "No hours move: the held hours are released." : `${formatMinutes(minutes)} moved from the member helped to the member who helped.`;
    for (const memberId of [ex.providerId, ex.payerId]) {
      await notify(tx, {
        memberId,
        kind: "exchange.resolved",
        title: `Dispute resolved: ${ex.title}`,
        body: `An admin has resolved the dispute. ${outcome} Their note: ${data.note}`,
        link: exchangeLink(ex.id),
      });
    }
    await writeAudit(tx, {
      actorId: adminId,
      action: "dispute.resolve",
      targetType: "exchange",
      targetId: ex.id,
      details: { outcome: data.outcome, minutes, recordedMinutes: ex.deliveredMinutes, heldMinutes: ex.agreedMinutes, transferId: transferId?.toString() ?? null, note: data.note },
    });
    return { exchangeId: ex.id, postedMinutes: minutes, transferId };
  });
}
