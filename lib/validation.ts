// Input checking shared by every lib domain and by server actions: zod issues to per-field
// messages, a parse that throws AppError("invalid"), and the unique-key race of a resubmission.
import { z } from "zod";
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

/** A form's text as a number: blank or missing is undefined; anything else is left for a schema to refuse. */
export function numberFromText(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value !== "string") return value;
  const text = value.trim();
  return text === "" ? undefined : Number(text);
}

/**
 * Time typed in two boxes, hours and minutes, as minutes. The one rule for every form: a blank box
 * is 0 (both blank is undefined: no time given); hours may be a fraction (1.5 is 90 minutes) and the
 * boxes are added (0 h 90 min is 90 minutes); the total is rounded only to drop float noise (0.1 h
 * is 6 minutes, not 6.000000000000001), so a total that is not whole minutes is left for the
 * caller's schema to refuse with its own limits. A negative or unreadable box gives NaN.
 */
export function minutesFromParts(hours: unknown, mins: unknown): number | undefined {
  const h = numberFromText(hours);
  const m = numberFromText(mins);
  if (h === undefined && m === undefined) return undefined;
  const parts = [h ?? 0, m ?? 0];
  if (!parts.every((p): p is number => typeof p === "number" && Number.isFinite(p) && p >= 0)) return NaN;
  return Math.round((parts[0]! * 60 + parts[1]!) * 1e6) / 1e6;
}

/**
 * A z.preprocess step: forms send `hours` and `mins`, direct lib calls send whole minutes under
 * `field`; this folds the first into the second (a value given under `field` wins).
 */
export function foldTypedTime(field: string) {
  return (input: unknown): unknown => {
    if (typeof input !== "object" || input === null) return input;
    const o = input as Record<string, unknown>;
    if (o[field] !== undefined && o[field] !== "") return input;
    return { ...o, [field]: minutesFromParts(o.hours, o.mins) };
  };
}

/** Whole minutes as the two boxes a form shows. */
export function splitMinutes(totalMinutes: number): { hours: number; mins: number } {
  return { hours: Math.floor(totalMinutes / 60), mins: totalMinutes % 60 };
}

/**
 * Control characters (NUL, escape, …) have no place in text people write to each other, and
 * PostgreSQL refuses NUL outright: refused with a message instead of failing at the database.
 * Tabs and line breaks are kept.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const noControlCharacters = (text: string) => !CONTROL_CHARACTERS.test(text);
export const CONTROL_CHARACTERS_MESSAGE = "Remove the invisible control characters from this text.";

/**
 * Every submitted text field with a control character in it, as field errors (null when none):
 * server actions refuse such input before any schema sees it, so no field of any form can carry
 * one to the database, whatever that field's own schema checks.
 */
export function controlCharacterErrors(input: unknown): FieldErrors | null {
  if (typeof input !== "object" || input === null) return null;
  let errors: FieldErrors | null = null;
  for (const [key, value] of Object.entries(input)) {
    const texts = Array.isArray(value) ? value : [value];
    // A null-prototype object: a field named "__proto__" is named, not taken as the prototype.
    if (texts.some((t) => typeof t === "string" && CONTROL_CHARACTERS.test(t))) (errors ??= Object.create(null) as FieldErrors)[key] = [CONTROL_CHARACTERS_MESSAGE];
  }
  return errors;
}

/** The first and last years a date filter takes: PostgreSQL has no year 0, and no bank has history before 2000. */
export const FILTER_YEARS = { first: 2000, last: 2999 } as const;

/** A day typed in a filter ("2027-03-31"): a real date between FILTER_YEARS. */
export const filterDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2027-03-31.")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "Enter a real date.")
  .refine((d) => {
    const year = Number(d.slice(0, 4));
    return year >= FILTER_YEARS.first && year <= FILTER_YEARS.last;
  }, `Enter a date between ${FILTER_YEARS.first} and ${FILTER_YEARS.last}.`);

/** A page's search parameter as one string: the first when it was given more than once, without control characters. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  // Control characters never mean anything in a search or filter, and PostgreSQL refuses NUL.
  return first?.replace(new RegExp(CONTROL_CHARACTERS.source, "g"), "");
}

// ---------------------------------------------------------------------------------------------
// Form fields shared by the domain schemas (projects, campaigns)

/** A string trimmed before it is checked; anything else as it came. */
export const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** An id (trimmed), with the message a form shows when it is not one. */
export const idField = (message: string) => z.preprocess(trimmed, z.guid({ error: message }));

/**
 * Required text, trimmed: `missing` when blank, then its length in characters, then no control
 * characters (a lib call made directly gets the same check as a form through runAction).
 */
export function textField(name: string, min: number, max: number, missing: string) {
  return z.preprocess(
    trimmed,
    z
      .string({ error: missing })
      .min(1, { error: missing, abort: true })
      .min(min, { error: `Write at least ${min} characters for the ${name}.` })
      .max(max, { error: `Keep the ${name} to ${max.toLocaleString("en-GB")} characters or fewer.` })
      .refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE),
  );
}
