// What the admin forms send, validated the same way whether they come from a page or a direct call.
import { z } from "zod";
import { MIN_FLOOR_MINUTES } from "../ledger/limits";
import { CONTROL_CHARACTERS_MESSAGE, foldTypedTime, noControlCharacters, numberFromText } from "../validation";

export const REASON_MIN_CHARS = 5;
export const REASON_MAX_CHARS = 500;
/** The most an admin can set as a welcome grant: 20 hours. */
export const MAX_WELCOME_GRANT_MINUTES = 20 * 60;

const memberId = z.uuid("Unknown member.");

export const reasonField = z
  .string({ error: "Give a reason." })
  .trim()
  .min(REASON_MIN_CHARS, `Give a reason of at least ${REASON_MIN_CHARS} characters.`)
  .max(REASON_MAX_CHARS, `Keep the reason to ${REASON_MAX_CHARS} characters or fewer.`)
  .refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE);

export const memberStatusChangeSchema = z.object({ memberId, reason: reasonField });

/** The floor as the form shows it: hours below zero the member may go (0 to 1,000). */
export const memberFloorSchema = z.preprocess(
  foldTypedTime("floorMinutesBelowZero"),
  z.object({
    memberId,
    floorMinutesBelowZero: z
      .number({ error: "Enter how many hours below zero this member may go." })
      .int("Use whole minutes.")
      .min(0, "Enter hours below zero as a positive number (0 means the member cannot go below zero).")
      .max(-MIN_FLOOR_MINUTES, `A floor can be at most ${-MIN_FLOOR_MINUTES / 60} hours below zero.`),
    reason: reasonField,
  }),
);

export const bankSettingsSchema = z.preprocess(
  (input) => foldTypedTime("welcomeGrantMinutes")(foldDefaultFloor(input)),
  z.object({
    name: z.string({ error: "Give the bank a name." }).trim().min(2, "Give the bank a name of at least 2 characters.").max(80, "Keep the name to 80 characters or fewer.").refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE),
    joiningMode: z.enum(["approval", "open"], { error: "Choose how new members join." }),
    welcomeGrantMinutes: z
      .number({ error: "Enter the welcome grant (0 for none)." })
      .int("Use whole minutes.")
      .min(0, "The welcome grant cannot be negative.")
      .max(MAX_WELCOME_GRANT_MINUTES, `The welcome grant can be at most ${MAX_WELCOME_GRANT_MINUTES / 60} hours.`),
    defaultFloorMinutes: z
      .number({ error: "Enter how many hours below zero new members may go." })
      .int("Use whole minutes.")
      .max(0, "Enter hours below zero as a positive number.")
      .min(MIN_FLOOR_MINUTES, `A floor can be at most ${-MIN_FLOOR_MINUTES / 60} hours below zero.`),
  }),
);

/** The form sends the default floor as hours below zero (`defaultFloorHours`); stored negative. */
function foldDefaultFloor(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  const o = input as Record<string, unknown>;
  if (o.defaultFloorMinutes !== undefined && o.defaultFloorMinutes !== "") return input;
  const hours = numberFromText(o.defaultFloorHours);
  if (hours === undefined) return { ...o, defaultFloorMinutes: undefined };
  return { ...o, defaultFloorMinutes: typeof hours === "number" && hours >= 0 ? -Math.round(hours * 60 * 1e6) / 1e6 : NaN };
}

export const memberSearchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(["pending", "active", "suspended", "closed"]).optional().catch(undefined),
  role: z.enum(["member", "admin"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type MemberSearch = z.output<typeof memberSearchSchema>;
