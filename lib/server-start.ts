// What `next start` (and `next dev`) do once, from instrumentation.ts, before serving: check the
// environment (lib/env.ts), then start the job queue (lib/jobs). TIMEBANK_JOBS=0 turns the jobs
// off for an instance that should only serve pages.
import { EnvError, validateEnv } from "./env";

export async function startServer(): Promise<void> {
  let env;
  try {
    env = validateEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    // A throw from register() does not stop `next start`: it logs "Failed to prepare server" and
    // keeps listening, answering 500. Print the message alone and stop with exit code 1.
    console.error(err.message);
    process.exit(1);
  }
  if (env.TIMEBANK_JOBS === "0" || !env.DATABASE_URL) return;
  const { startJobs } = await import("./jobs");
  try {
    await startJobs(env.DATABASE_URL);
    console.log("[jobs] started: exchange reminders and auto-confirmation, email outbox, clean-ups");
  } catch (err) {
    console.error("[jobs] could not start", err);
  }
}
