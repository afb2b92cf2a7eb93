// The job names and this process's queue client, without loading pg-boss: actions use runSoon to
// ask for the email outbox to run at once after they commit.
import type { PgBoss } from "pg-boss";

export const JOB = {
  /** Reminders at 7 days and auto-confirmation at 14 days of delivered exchanges. */
  exchangeSweep: "exchange-sweep",
  /** Email for notifications (the outbox). */
  emailOutbox: "email-outbox",
  /** The ledger's three checks, each night: their results show on the admin ledger page. */
  ledgerChecks: "ledger-checks",
  /** Rate limit rows that expired (lib/rate-limit), each night. */
  rateLimitCleanup: "rate-limit-cleanup",
} as const;
export type JobName = (typeof JOB)[keyof typeof JOB];

// One queue client per process, shared by the instrumentation hook and the route bundles.
const holder = globalThis as unknown as { __timebankJobs?: PgBoss };

export function jobQueue(): PgBoss | undefined {
  return holder.__timebankJobs;
}

export function setJobQueue(boss: PgBoss | undefined): void {
  holder.__timebankJobs = boss;
}

/** Asks for a job to run now (besides its schedule). Returns the job id, or null without a queue. */
export async function runSoon(name: JobName): Promise<string | null> {
  const boss = jobQueue();
  if (!boss) return null;
  try {
    return await boss.send(name, {});
  } catch (err) {
    console.error(`[jobs] could not queue ${name}`, err instanceof Error ? err.message : err);
    return null;
  }
}
