// Runs once when the server starts: the job queue (lib/jobs) in the Node.js runtime.
// TIMEBANK_JOBS=0 turns it off for an instance that should only serve pages.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.TIMEBANK_JOBS === "0" || !process.env.DATABASE_URL) return;
  const { startJobs } = await import("./lib/jobs");
  try {
    await startJobs(process.env.DATABASE_URL);
    console.log("[jobs] started: exchange reminders and auto-confirmation, email outbox");
  } catch (err) {
    console.error("[jobs] could not start", err);
  }
}
