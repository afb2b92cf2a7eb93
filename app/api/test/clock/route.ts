// Test-only (TIMEBANK_TEST_HOOKS=1, never in production): moves this process's clock forward and
// runs the exchange sweep through the job queue, as the per-minute schedule would, waiting for it.
import { z } from "zod";
import { clockOffset, DAY_MS, now, setClockOffset } from "@/lib/clock";
import { testHooksEnabled } from "@/lib/config";
import { JOB, jobQueue } from "@/lib/jobs/queue";

export const dynamic = "force-dynamic";

const input = z.object({ advanceDays: z.number().min(0).max(3650).optional(), reset: z.boolean().optional() });
const JOB_WAIT_MS = 30_000;

export async function POST(request: Request): Promise<Response> {
  if (!testHooksEnabled()) return new Response("Not found", { status: 404 });
  const parsed = input.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Send { advanceDays } or { reset: true }." }, { status: 400 });
  if (parsed.data.reset) setClockOffset(0);
  if (parsed.data.advanceDays) setClockOffset(clockOffset() + parsed.data.advanceDays * DAY_MS);
  const boss = jobQueue();
  if (!boss) return Response.json({ error: "The job queue is not running in this process." }, { status: 503 });
  const id = await boss.send(JOB.exchangeSweep, {});
  if (!id) return Response.json({ error: "The sweep could not be queued." }, { status: 503 });
  const deadline = Date.now() + JOB_WAIT_MS;
  while (Date.now() < deadline) {
    const job = await boss.getJobById(JOB.exchangeSweep, id);
    if (job?.state === "completed") {
      await boss.send(JOB.emailOutbox, {});
      return Response.json({ now: now().toISOString(), offsetDays: clockOffset() / DAY_MS, result: job.output });
    }
    if (job?.state === "failed") return Response.json({ error: "The sweep failed.", output: job.output }, { status: 500 });
    await new Promise((r) => setTimeout(r, 200));
  }
  return Response.json({ error: "The sweep did not finish in time." }, { status: 504 });
}
