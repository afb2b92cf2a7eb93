// The auto-confirm sweep, run by a scheduled job: a delivered exchange the payer has not answered
// is confirmed automatically after the bank's auto-confirm days, with a reminder to the payer
// after its reminder days. Each exchange is handled in its own short transaction, picked with
// FOR UPDATE SKIP LOCKED and re-checked under the lock, so any number of app instances can run
// the sweep at once without confirming or reminding twice.
import { transaction } from "../db/transaction";
import { addDays, now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { formatDay } from "../format/date";
import { formatMinutes } from "../format/minutes";
import type { Tx } from "../members/guard";
import { notify } from "../notifications/notify";
import { postExchange } from "./confirm-exchange";
import { exchangeLink, exchangeTimings, lockExchange } from "./locked";

/** The most exchanges one run handles of each kind; the next run picks up the rest. */
export const SWEEP_BATCH_LIMIT = 500;

export interface SweepResult {
  reminded: number;
  confirmed: number;
}

type Kind = "confirm" | "remind";

export async function runExchangeSweep(database: PrismaClient = db(), at: Date = now()): Promise<SweepResult> {
  const timings = await exchangeTimings(database);
  const result: SweepResult = { reminded: 0, confirmed: 0 };
  for (const kind of ["confirm", "remind"] as const) {
    // Exchanges that failed this run are skipped, so one bad row cannot stall the sweep.
    const skipped: string[] = [];
    for (let i = 0; i < SWEEP_BATCH_LIMIT; i++) {
      // Written inside the transaction's callback, read after it (an object: TS narrows a plain let).
      const run = { id: null as string | null, done: false };
      try {
        await transaction(database, async (tx) => {
          const id = await pickOne(tx, kind, at, timings.reminderDays, skipped);
          run.id = id;
          if (!id) return;
          run.done = kind === "confirm" ? await autoConfirm(tx, id, at, timings.autoConfirmDays) : await remind(tx, id, at, timings.reminderDays);
        });
      } catch (err) {
        console.error(`[exchange sweep] could not ${kind} exchange ${run.id ?? "(none picked)"}`, err);
        if (!run.id) break;
        skipped.push(run.id);
        continue;
      }
      if (!run.id) break;
      if (run.done) result[kind === "confirm" ? "confirmed" : "reminded"]++;
      else skipped.push(run.id);
    }
  }
  return result;
}

/** One due exchange, locked for this transaction; rows another sweep holds are skipped. */
async function pickOne(tx: Tx, kind: Kind, at: Date, reminderDays: number, skipped: string[]): Promise<string | null> {
  const rows =
    kind === "confirm"
      ? await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM exchanges
           WHERE state = 'delivered' AND auto_confirm_at <= ${at} AND NOT (id = ANY(${skipped}::uuid[]))
           ORDER BY auto_confirm_at LIMIT 1 FOR UPDATE SKIP LOCKED`
      : await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM exchanges
           WHERE state = 'delivered' AND reminder_sent_at IS NULL
             AND delivered_at + make_interval(days => ${reminderDays}::int) <= ${at}
             AND (auto_confirm_at IS NULL OR auto_confirm_at > ${at})
             AND NOT (id = ANY(${skipped}::uuid[]))
           ORDER BY delivered_at LIMIT 1 FOR UPDATE SKIP LOCKED`;
  return rows[0]?.id ?? null;
}

async function autoConfirm(tx: Tx, id: string, at: Date, autoConfirmDays: number): Promise<boolean> {
  const ex = await lockExchange(tx, id);
  if (!ex || ex.state !== "delivered" || !ex.autoConfirmAt || ex.autoConfirmAt > at) return false;
  const minutes = await postExchange(tx, ex, null, at, `Confirmed automatically after ${autoConfirmDays} days`);
  const link = exchangeLink(ex.id);
  await notify(tx, {
    memberId: ex.providerId,
    kind: "exchange.confirmed",
    title: `Confirmed automatically: ${ex.title}`,
    body: `The help you gave was confirmed automatically after ${autoConfirmDays} days. ${formatMinutes(minutes)} has moved to your hours.`,
    link,
  });
  await notify(tx, {
    memberId: ex.payerId,
    kind: "exchange.confirmed",
    title: `Confirmed automatically: ${ex.title}`,
    body: `The help you received was confirmed automatically after ${autoConfirmDays} days, and ${formatMinutes(minutes)} was paid from your hours.`,
    link,
  });
  return true;
}

async function remind(tx: Tx, id: string, at: Date, reminderDays: number): Promise<boolean> {
  const ex = await lockExchange(tx, id);
  if (!ex || ex.state !== "delivered" || ex.reminderSentAt || !ex.deliveredAt) return false;
  if (addDays(ex.deliveredAt, reminderDays) > at || (ex.autoConfirmAt && ex.autoConfirmAt <= at)) return false;
  await tx.exchange.update({ where: { id: ex.id }, data: { reminderSentAt: at } });
  const when = ex.autoConfirmAt ? formatDay(ex.autoConfirmAt) : "soon";
  await notify(tx, {
    memberId: ex.payerId,
    kind: "exchange.reminder",
    title: `Please confirm the help you received: ${ex.title}`,
    body: `${formatMinutes(ex.deliveredMinutes ?? ex.agreedMinutes)} of help was recorded as given. Confirm it, or dispute it if something is wrong. If you do neither, it will be confirmed automatically on ${when}.`,
    link: exchangeLink(ex.id),
  });
  return true;
}
