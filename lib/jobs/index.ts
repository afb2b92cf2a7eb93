// Scheduled and background work, kept in PostgreSQL by pg-boss (its own schema, "pgboss"), so it
// survives restarts and several app instances share it: each cron job runs once per minute across
// all instances, and every handler is safe to run twice at once (SKIP LOCKED claims, state checks).
// Started in each app process by instrumentation.ts.
import { PgBoss } from "pg-boss";
import { now } from "../clock";
import { db } from "../db/client";
import { runExchangeSweep } from "../exchanges/auto-confirm";
import { deliverPendingEmails } from "../notifications/outbox";
import { LEDGER_CHECK_KINDS, runLedgerCheck } from "../ledger";
import { deleteExpiredRateLimits } from "../rate-limit/cleanup";
import { JOB, jobQueue, setJobQueue, type JobName } from "./queue";

export { JOB, runSoon, type JobName } from "./queue";

const EVERY_MINUTE = "* * * * *";
/** 03:17 UTC: a quiet hour, and not on the hour when other jobs on the same server start. */
const NIGHTLY = "17 3 * * *";
/** 04:41 UTC: away from the ledger checks. */
const NIGHTLY_LATER = "41 4 * * *";
const SCHEDULES: Record<JobName, string> = {
  [JOB.exchangeSweep]: EVERY_MINUTE,
  [JOB.emailOutbox]: EVERY_MINUTE,
  [JOB.ledgerChecks]: NIGHTLY,
  [JOB.rateLimitCleanup]: NIGHTLY_LATER,
};
const POLL_SECONDS = 1;

export async function startJobs(connectionString: string): Promise<PgBoss> {
  const running = jobQueue();
  if (running) return running;
  const boss = new PgBoss({ connectionString, schema: "pgboss", application_name: "timebank-jobs" });
  boss.on("error", (err) => console.error("[jobs]", err instanceof Error ? err.message : err));
  await boss.start();
  setJobQueue(boss);
  for (const name of Object.values(JOB)) {
    await boss.createQueue(name, { retryLimit: 3, retryDelay: 30, expireInSeconds: 600 });
    await boss.schedule(name, SCHEDULES[name], undefined, { tz: "UTC" });
  }
  await boss.work(JOB.exchangeSweep, { pollingIntervalSeconds: POLL_SECONDS }, async () => runExchangeSweep(db(), now()));
  await boss.work(JOB.emailOutbox, { pollingIntervalSeconds: POLL_SECONDS }, async () => deliverPendingEmails(db()));
  await boss.work(JOB.ledgerChecks, { pollingIntervalSeconds: 60 }, async () => {
    for (const kind of LEDGER_CHECK_KINDS) await runLedgerCheck(kind, null, db());
  });
  await boss.work(JOB.rateLimitCleanup, { pollingIntervalSeconds: 60 }, async () => {
    await deleteExpiredRateLimits(db());
  });
  return boss;
}

export async function stopJobs(): Promise<void> {
  const boss = jobQueue();
  setJobQueue(undefined);
  await boss?.stop({ graceful: true, timeout: 10_000 });
}
