import { z } from "zod";
import { CONTROL_CHARACTERS_MESSAGE, foldTypedTime, noControlCharacters } from "../validation";

export const RESOLUTION_NOTE_MIN_CHARS = 10;
export const RESOLUTION_NOTE_MAX_CHARS = 1000;

/**
 * How an admin settles a dispute: post the minutes the provider recorded ("recorded"), post a
 * different amount ("amount", up to the hours held), or void it so no hours move ("void"). Both
 * members read the note.
 */
export const resolveDisputeSchema = z.preprocess(
  foldTypedTime("minutes"),
  z
    .object({
      exchangeId: z.uuid("Unknown exchange."),
      outcome: z.enum(["recorded", "amount", "void"], { error: "Choose how to settle the dispute." }),
      minutes: z.number({ error: "Enter the hours to post." }).int("Use whole minutes.").positive("Enter more than zero minutes.").optional(),
      note: z
        .string({ error: "Write a note to both members." })
        .trim()
        .min(RESOLUTION_NOTE_MIN_CHARS, `Write a note of at least ${RESOLUTION_NOTE_MIN_CHARS} characters to both members.`)
        .max(RESOLUTION_NOTE_MAX_CHARS, `Keep the note to ${RESOLUTION_NOTE_MAX_CHARS} characters or fewer.`)
        .refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE),
    })
    .superRefine((v, ctx) => {
      if (v.outcome === "amount" && v.minutes === undefined) ctx.addIssue({ code: "custom", path: ["minutes"], message: "Enter the hours to post." });
    }),
);
export type ResolveDisputeInput = z.input<typeof resolveDisputeSchema>;
