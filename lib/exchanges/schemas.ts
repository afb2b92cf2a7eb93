// Input schemas and limits for exchanges. The same schemas parse server-action form data (strings)
// and direct calls (numbers), so every number is coerced from a string first and checked after;
// time typed as hours and mins is folded into minutes by foldTypedTime (lib/validation.ts).
import { z } from "zod";
import { foldTypedTime, numberFromText } from "../validation";

/** The shortest exchange that can be proposed, in minutes. */
export const MIN_EXCHANGE_MINUTES = 15;
/** The longest single exchange, in minutes (also a CHECK on exchanges.agreed_minutes). */
export const MAX_EXCHANGE_MINUTES = 6000;
/** Longest proposal note, delivery note, thanks or "what I learned", in characters. */
export const MAX_NOTE_LENGTH = 1000;
/** Longest reason for declining a proposal, in characters (optional). */
export const MAX_DECLINE_REASON_LENGTH = 500;
/** A dispute reason must say something: at least this many characters. */
export const MIN_DISPUTE_REASON_LENGTH = 10;
/** Request keys are the forms' one-time keys (also a CHECK on exchanges.request_key). */
export const MIN_REQUEST_KEY_LENGTH = 8;
export const MAX_REQUEST_KEY_LENGTH = 100;

export const exchangeId = z.uuid("That exchange was not found.");
export const requestKey = z
  .string({ error: "The form is missing its one-time key. Reload the page and try again." })
  .min(MIN_REQUEST_KEY_LENGTH, "The form's one-time key is not valid. Reload the page and try again.")
  .max(MAX_REQUEST_KEY_LENGTH, "The form's one-time key is not valid. Reload the page and try again.");

/** "1 minute", "15 minutes": a count with its unit, singular for one. */
export function countOf(n: number, unit: string): string {
  return `${n} ${n === 1 ? unit : `${unit}s`}`;
}

/** A whole number of minutes between min and max, from a number or a numeric string. */
export function wholeMinutes(min: number, max: number, what = "The time") {
  const maxHours = max % 60 === 0 ? ` (${countOf(max / 60, "hour")})` : "";
  return z.preprocess(
    numberFromText,
    z
      .number({ error: `${what} must be a number of minutes.` })
      .int(`${what} must be a whole number of minutes.`)
      .min(min, `${what} must be at least ${countOf(min, "minute")}.`)
      .max(max, `${what} must be at most ${countOf(max, "minute")}${maxHours}.`),
  );
}

const optionalText = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, `${what} has at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const proposeSchema = z.preprocess(
  foldTypedTime("minutes"),
  z.object({
    listingId: z.uuid("That listing was not found."),
    minutes: wholeMinutes(MIN_EXCHANGE_MINUTES, MAX_EXCHANGE_MINUTES),
    note: optionalText(MAX_NOTE_LENGTH, "The note"),
    requestKey,
  }),
);
export type ProposeInput = z.input<typeof proposeSchema>;

export const stepSchema = z.object({ exchangeId });
export type StepInput = z.input<typeof stepSchema>;

/** Declining may say why (told to the proposer and kept in the exchange's history). */
export const declineSchema = z.object({
  exchangeId,
  reason: optionalText(MAX_DECLINE_REASON_LENGTH, "The reason"),
});
export type DeclineInput = z.input<typeof declineSchema>;

/** Delivered minutes are 1..agreedMinutes; the upper bound is checked against the exchange. */
export const deliverSchema = z.preprocess(
  foldTypedTime("minutesGiven"),
  z.object({
    exchangeId,
    minutesGiven: wholeMinutes(1, MAX_EXCHANGE_MINUTES, "The time given"),
    note: optionalText(MAX_NOTE_LENGTH, "The note"),
  }),
);
export type DeliverInput = z.input<typeof deliverSchema>;

export const disputeSchema = z.object({
  exchangeId,
  reason: z
    .string({ error: "Say what went wrong." })
    .trim()
    .min(MIN_DISPUTE_REASON_LENGTH, `Say what went wrong in at least ${MIN_DISPUTE_REASON_LENGTH} characters.`)
    .max(MAX_NOTE_LENGTH, `The reason has at most ${MAX_NOTE_LENGTH} characters.`),
});
export type DisputeInput = z.input<typeof disputeSchema>;

export const thankSchema = z.object({
  exchangeId,
  thanks: z
    .string({ error: "Write a few words of thanks." })
    .trim()
    .min(1, "Write a few words of thanks.")
    .max(MAX_NOTE_LENGTH, `Your thanks has at most ${MAX_NOTE_LENGTH} characters.`),
  learned: optionalText(MAX_NOTE_LENGTH, "What you learned"),
});
export type ThankInput = z.input<typeof thankSchema>;
