// Input checking shared by every lib domain and by server actions: zod issues to per-field
// messages, a parse that throws AppError("invalid"), and the unique-key race of a resubmission.
import type { z } from "zod";
import { invalid, type FieldErrors } from "./errors";
import { databaseErrorInfo } from "./ledger/errors";

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** Parses a lib function's input, or throws AppError("invalid") naming the first problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const first = Object.values(fieldErrors)[0]?.[0];
    throw invalid(first ?? "Please check the highlighted fields.", fieldErrors);
  }
  return parsed.data;
}

/** A unique violation: two identical submissions racing on one request key. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002") return true;
  return databaseErrorInfo(err)?.sqlState === "23505";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs are checked before they reach a uuid column (which would refuse them loudly). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
