// Runs once when the server starts, before it serves a request. The Node.js work (checking the
// environment, starting the job queue) is in lib/server-start.ts, imported only in that runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server-start");
    await startServer();
  }
}
