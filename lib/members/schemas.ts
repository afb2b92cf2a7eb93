// Input schemas for members: joining, profile edits, donations, email preferences, closing an
// account, and an admin declining a member. Limits are named with their units.
import { z } from "zod";
import { notificationKinds } from "../notifications/kinds";
import { foldTypedTime, numberFromText } from "../validation";

export const PROFESSIONS = [
  "Nurse",
  "Doctor",
  "Allied health professional",
  "Pharmacist",
  "Healthcare scientist",
  "Manager",
  "Analyst",
  "Improvement specialist",
  "Patient partner",
  "Other",
] as const;

export const NAME_MIN_CHARS = 2;
export const NAME_MAX_CHARS = 100;
export const BIO_MIN_CHARS = 10;
export const BIO_MAX_CHARS = 1000;
export const AVAILABILITY_MAX_CHARS = 300;
export const SKILLS_MIN = 1;
export const SKILLS_MAX = 10;
export const TAGS_MAX = 8;
export const TAG_MAX_CHARS = 30;

export const DONATION_MIN_MINUTES = 15;
export const DONATION_MAX_MINUTES = 6000;
export const DONATION_NOTE_MAX_CHARS = 200;
export const REQUEST_KEY_MIN_CHARS = 8;
export const REQUEST_KEY_MAX_CHARS = 100;

export const DECLINE_REASON_MIN_CHARS = 5;
export const DECLINE_REASON_MAX_CHARS = 500;

/** The words a member types to confirm closing their account. */
export const CLOSE_CONFIRMATION = "CLOSE";

/** A single value or a list (a form sends one checkbox as a string) as a list. */
const asList = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);

/** "Sepsis, Flow ,  sepsis" -> ["sepsis", "flow"]: split on commas, trimmed, lower case, once each. */
export function parseTags(v: unknown): unknown {
  const parts = Array.isArray(v) ? v : typeof v === "string" ? v.split(",") : v === undefined || v === null ? [] : v;
  if (!Array.isArray(parts)) return parts;
  const tags = parts.map((t) => (typeof t === "string" ? t.trim().toLowerCase().replace(/\s+/g, " ") : t)).filter((t) => t !== "");
  return [...new Set(tags)];
}

const requiredId = (what: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.uuid(`Choose ${what} from the list.`));

export const profileSchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(NAME_MIN_CHARS, `Your name needs at least ${NAME_MIN_CHARS} characters.`)
    .max(NAME_MAX_CHARS, `Your name can have at most ${NAME_MAX_CHARS} characters.`),
  profession: z.enum(PROFESSIONS, { error: "Choose your profession from the list." }),
  /** "none": the member's organisation is not in the bank's list (patient partners, new trusts). */
  organisationId: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.union([z.literal("none"), z.uuid("Choose your organisation from the list, or “Not listed”.")], {
      error: "Choose your organisation from the list, or “Not listed”.",
    }),
  ),
  regionId: requiredId("your region"),
  bio: z
    .string({ error: "Tell other members a little about yourself." })
    .trim()
    .min(BIO_MIN_CHARS, `Write at least ${BIO_MIN_CHARS} characters about yourself.`)
    .max(BIO_MAX_CHARS, `Keep this to ${BIO_MAX_CHARS} characters or fewer.`),
  skills: z.preprocess(
    asList,
    z
      .array(z.uuid("Choose skills from the list."))
      .min(SKILLS_MIN, "Choose at least one skill you can share.")
      .max(SKILLS_MAX, `Choose at most ${SKILLS_MAX} skills.`)
      .refine((ids) => new Set(ids).size === ids.length, "Choose each skill once."),
  ),
  tags: z.preprocess(
    parseTags,
    z
      .array(z.string().max(TAG_MAX_CHARS, `Each tag can have at most ${TAG_MAX_CHARS} characters.`))
      .max(TAGS_MAX, `Use at most ${TAGS_MAX} tags.`),
  ),
  availability: z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z
      .string({ error: "Availability must be text." })
      .trim()
      .max(AVAILABILITY_MAX_CHARS, `Keep this to ${AVAILABILITY_MAX_CHARS} characters or fewer.`),
  ),
});
export type ProfileInput = z.output<typeof profileSchema>;

/**
 * A donation. The amount is `minutes`, or typed as `hours` and `mins` (see minutesFromParts);
 * either way it must be whole minutes.
 */
export const donateSchema = z.preprocess(
  foldTypedTime("minutes"),
  z.object({
    to: z.union([z.literal("community"), z.uuid("Choose who to give the hours to.")], { error: "Choose who to give the hours to." }),
    minutes: z.preprocess(
      numberFromText,
      z
        .number({ error: "Enter how many hours to give." })
        .int("Give whole minutes.")
        .min(DONATION_MIN_MINUTES, `Give at least ${DONATION_MIN_MINUTES} minutes.`)
        .max(DONATION_MAX_MINUTES, `Give at most ${DONATION_MAX_MINUTES / 60} hours at a time.`),
    ),
    note: z.preprocess(
      (v) => (v === undefined || v === null ? "" : v),
      z.string().trim().max(DONATION_NOTE_MAX_CHARS, `Keep the note to ${DONATION_NOTE_MAX_CHARS} characters or fewer.`),
    ),
    requestKey: z
      .string({ error: "The form is missing its one-time key; reload the page." })
      .min(REQUEST_KEY_MIN_CHARS, "The form's one-time key is not valid; reload the page.")
      .max(REQUEST_KEY_MAX_CHARS, "The form's one-time key is not valid; reload the page."),
  }),
);
export type DonateInput = z.output<typeof donateSchema>;

export const emailPreferencesSchema = z.object({
  kinds: z.preprocess(
    asList,
    z.array(
      z.string().refine((k) => (notificationKinds as string[]).includes(k), "That is not a kind of notification this bank sends."),
    ),
  ),
});
export type EmailPreferencesInput = z.output<typeof emailPreferencesSchema>;

export const closeAccountSchema = z.object({
  confirm: z
    .string({ error: `Type ${CLOSE_CONFIRMATION} to confirm.` })
    .trim()
    .refine((v) => v === CLOSE_CONFIRMATION, `Type ${CLOSE_CONFIRMATION} in capital letters to confirm.`),
});

export const memberIdSchema = z.object({ memberId: z.uuid("Unknown member.") });

export const declineSchema = z.object({
  memberId: z.uuid("Unknown member."),
  reason: z
    .string({ error: "Give a reason the member will see." })
    .trim()
    .min(DECLINE_REASON_MIN_CHARS, `Give a reason of at least ${DECLINE_REASON_MIN_CHARS} characters.`)
    .max(DECLINE_REASON_MAX_CHARS, `Keep the reason to ${DECLINE_REASON_MAX_CHARS} characters or fewer.`),
});
