// The one result type every server action returns. Forms read `fieldErrors` to show a message
// next to each field; `message` is shown above the form.
import type { FieldErrors } from "../errors";

export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: FieldErrors; code?: string };

/** The state a form keeps between submissions (null before the first). */
export type FormState<T = unknown> = ActionResult<T> | null;
