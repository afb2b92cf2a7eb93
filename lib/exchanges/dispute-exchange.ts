// The payer says the help recorded is not right. The hold stays in place until an admin resolves
// the dispute (post, void, or post a different amount: lib/admin).
import { db, type PrismaClient } from "../db/client";
import { notify } from "../notifications/notify";
import { exchangeLink, recordEvent, runStep, type StepResult } from "./locked";
import { firstName, parseInput } from "./parse";
import { disputeSchema } from "./schemas";

export async function disputeExchange(actorId: string, input: unknown, database: PrismaClient = db()): Promise<StepResult> {
  const data = parseInput(disputeSchema, input);
  return runStep({ actorId, exchangeId: data.exchangeId, step: "dispute", database, sameAs: (ex) => ex.disputeReason === data.reason }, async ({ tx, ex, actor, otherId, at }) => {
    await tx.exchange.update({ where: { id: ex.id }, data: { state: "disputed", disputeReason: data.reason, autoConfirmAt: null } });
    await recordEvent(tx, { exchangeId: ex.id, fromState: ex.state, toState: "disputed", actorId, note: data.reason, at });
    const who = firstName(actor.name);
    await notify(tx, {
      memberId: otherId,
      kind: "exchange.disputed",
      title: `${who} disputed: ${ex.title}`,
      body: `${who} disputed the help recorded for "${ex.title}": ${data.reason} The hours stay held until an admin resolves it.`,
      link: exchangeLink(ex.id),
    });
    // The bank's admins are told too (except one who is a party): a dispute waits for them.
    const admins = await tx.user.findMany({
      where: { role: "admin", status: "active", id: { notIn: [ex.providerId, ex.payerId] } },
      select: { id: true },
    });
    for (const admin of admins) {
      await notify(tx, {
        memberId: admin.id,
        kind: "admin.dispute",
        title: `A dispute needs an admin: ${ex.title}`,
        body: `${who} disputed the help recorded: ${data.reason}`,
        link: `/admin/exchanges/${ex.id}`,
      });
    }
    return "disputed";
  });
}
