// Runs once when the server starts: checks the rate limit settings (a bad TIMEBANK_RATE_LIMIT_*
// value stops the server with its name, rather than running on defaults), then the job queue
// (lib/jobs) in the Node.js runtime. TIMEBANK_JOBS=0 turns the queue off for an instance that
// should only serve pages.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertRateLimitSettings } = await import("./lib/rate-limit/limits");
  assertRateLimitSettings();
  if (process.env.TIMEBANK_JOBS === "0" || !process.env.DATABASE_URL) return;
  const { startJobs } = await import("./lib/jobs");
  try {
    await startJobs(process.env.DATABASE_URL);
    console.log("[jobs] started: exchange reminders and auto-confirmation, email outbox, clean-ups");
  } catch (err) {
    console.error("[jobs] could not start", err);
  }
}
