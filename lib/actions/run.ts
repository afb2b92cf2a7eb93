// The shape of every server action: who is asking -> parse the input with zod -> one domain call
// (which re-checks permission and does its writes in one transaction) -> a small ActionResult.
// Expected refusals (AppError, LedgerError) become messages; anything else is logged and the
// member is told that nothing changed, without a stack trace.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AppError, fromLedgerError } from "../errors";
import { fieldErrorsOf } from "../validation";

export { fieldErrorsOf } from "../validation";
import { requireActiveMember, requireMember, type SessionMember } from "../auth/session";
import { JOB, runSoon } from "../jobs/queue";
import type { ActionResult } from "./result";

export type Caller = "active" | "signed-in";

/** FormData (or a plain object) to a plain object: repeated names become arrays. */
export function formToObject(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = Object.create(null);
  for (const key of new Set(input.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = input.getAll(key).map((v) => (typeof v === "string" ? v : v.name));
    out[key] = key.endsWith("[]") || values.length > 1 ? values : values[0];
  }
  // "skills[]" is read as "skills"
  for (const key of Object.keys(out)) {
    if (key.endsWith("[]")) {
      out[key.slice(0, -2)] = out[key];
      delete out[key];
    }
  }
  return out;
}

export function errorResult(err: unknown): ActionResult<never> {
  const e = fromLedgerError(err);
  if (e instanceof AppError) {
    return { ok: false, message: e.message, fieldErrors: e.fieldErrors, code: e.code };
  }
  console.error("[action] unexpected error", err);
  return { ok: false, message: "Something went wrong and nothing was changed. Please try again.", code: "internal" };
}

export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  /**
   * `raw` is the submitted object before parsing: pass it to a lib function that parses its input
   * itself (parsing is not idempotent when a schema transforms, e.g. hours + minutes to minutes).
   */
  work: (data: z.output<S>, actor: SessionMember, raw: unknown) => Promise<T>,
  options: { caller?: Caller; message?: string } = {},
): Promise<ActionResult<T>> {
  try {
    const actor = options.caller === "signed-in" ? await requireMember() : await requireActiveMember();
    const raw = formToObject(input);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, message: "Please check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), code: "invalid" };
    }
    const data = await work(parsed.data, actor, raw);
    // Whatever the action notified someone of is emailed now, not at the next scheduled run.
    void runSoon(JOB.emailOutbox);
    return { ok: true, data, message: options.message };
  } catch (err) {
    unstable_rethrow(err);
    return errorResult(err);
  }
}
