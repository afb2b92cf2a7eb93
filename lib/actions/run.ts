// The shape of every server action: who is asking -> parse the input with zod -> one domain call
// (which re-checks permission and does its writes in one transaction) -> a small ActionResult.
// Expected refusals (AppError, LedgerError) become messages; anything else is logged and the
// member is told that nothing changed, without a stack trace.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AppError, fromLedgerError } from "../errors";
import { controlCharacterErrors, CONTROL_CHARACTERS_MESSAGE, fieldErrorsOf } from "../validation";

export { fieldErrorsOf } from "../validation";
import { captureRequestContext, withRequestContext } from "../audit/context";
import { recordRateLimitHit, recordRefusal } from "../audit/write";
import { requireActiveMember, requireAdmin, requireMember, type SessionMember } from "../auth/session";
import { JOB, runSoon } from "../jobs/queue";
import { RateLimitedError } from "../rate-limit/consume";
import type { ActionResult } from "./result";

/** Who may call: any signed-in member, an active member (the default), or an active admin. */
export type Caller = "active" | "signed-in" | "admin";

function requireCaller(caller: Caller | undefined): Promise<SessionMember> {
  if (caller === "signed-in") return requireMember();
  if (caller === "admin") return requireAdmin();
  return requireActiveMember();
}

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
  const context = await captureRequestContext();
  return withRequestContext(context, async () => {
    let actor: SessionMember | null = null;
    try {
      const current = await requireCaller(options.caller).catch(async (err: unknown) => {
        // A refused caller is recorded in the audit log (who, from where, which page).
        if (err instanceof AppError) await recordRefusal(await signedInId(), err.message, { code: err.code });
        throw err;
      });
      actor = current;
      const raw = formToObject(input);
      const control = controlCharacterErrors(raw);
      if (control) return { ok: false, message: CONTROL_CHARACTERS_MESSAGE, fieldErrors: control, code: "invalid" };
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, message: "Please check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), code: "invalid" };
      }
      const data = await work(parsed.data, current, raw);
      // Whatever the action notified someone of is emailed now, not at the next scheduled run.
      void runSoon(JOB.emailOutbox);
      return { ok: true, data, message: options.message };
    } catch (err) {
      unstable_rethrow(err);
      // Refused by the domain's own check (not a party, not an admin any more): recorded too.
      if (actor && err instanceof AppError && err.code === "forbidden") await recordRefusal(actor.id, err.message, { code: err.code });
      // Refused by a rate limit (the domain's transaction rolled back): recorded too, on its own.
      if (err instanceof RateLimitedError) await recordRateLimitHit(err, actor?.id ?? null);
      return errorResult(err);
    }
  });
}

async function signedInId(): Promise<string | null> {
  try {
    return (await requireMember()).id;
  } catch {
    return null;
  }
}
