// What a member may type into an offer or a request, and the limits on it. The same schemas parse
// the form in the server action and the input of the lib functions (which parse again: every lib
// write is safe to call directly). Time is typed as hours and minutes and stored as whole minutes.
import { z } from "zod";

export const TITLE_MIN_CHARS = 3;
export const TITLE_MAX_CHARS = 120;
export const DESCRIPTION_MIN_CHARS = 10;
export const DESCRIPTION_MAX_CHARS = 2000;
export const MAX_TAGS = 8;
export const TAG_MIN_CHARS = 2;
export const TAG_MAX_CHARS = 30;
/** The shortest piece of help worth listing. */
export const MIN_LISTING_MINUTES = 15;
/** Matches the listings_estimated_minutes CHECK constraint (and the most one exchange may move). */
export const MAX_LISTING_MINUTES = 6000;
export const MAX_LISTING_HOURS = MAX_LISTING_MINUTES / 60;
/** A request's wanted-by date may be at most this many days ahead. */
export const MAX_WANTED_BY_DAYS = 730;
/** The form's one-time key, as the listings_request_key_length CHECK allows. */
export const REQUEST_KEY_MIN_CHARS = 8;
export const REQUEST_KEY_MAX_CHARS = 100;

export const LISTING_KINDS = ["offer", "request"] as const;
export const LISTING_STATUSES = ["open", "paused", "closed"] as const;
export type ListingKindValue = (typeof LISTING_KINDS)[number];
export type ListingStatusValue = (typeof LISTING_STATUSES)[number];

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
/** "" and missing mean 0 (a member may leave hours or minutes blank); anything else must be a number. */
const wholeNumberOrZero = (v: unknown) => {
  if (v === undefined || v === null) return 0;
  if (typeof v === "string") return v.trim() === "" ? 0 : Number(v.trim());
  return v;
};

const idOf = (message: string) => z.preprocess(trimmed, z.guid({ error: message }));

export const titleSchema = z.preprocess(
  trimmed,
  z
    .string({ error: "Enter a title." })
    .min(TITLE_MIN_CHARS, { error: `Enter a title of at least ${TITLE_MIN_CHARS} characters.` })
    .max(TITLE_MAX_CHARS, { error: `Keep the title to ${TITLE_MAX_CHARS} characters or fewer.` }),
);

export const descriptionSchema = z.preprocess(
  trimmed,
  z
    .string({ error: "Describe what you offer or need." })
    .min(DESCRIPTION_MIN_CHARS, { error: `Describe it in at least ${DESCRIPTION_MIN_CHARS} characters.` })
    .max(DESCRIPTION_MAX_CHARS, { error: `Keep the description to ${DESCRIPTION_MAX_CHARS} characters or fewer.` }),
);

/** Free tags: one comma-separated string or a list; trimmed, lower case, without "#", de-duplicated. */
export const tagsSchema = z.preprocess(
  (v) => {
    if (v === undefined || v === null) return [];
    const parts = (Array.isArray(v) ? v : [v]).flatMap((item) => (typeof item === "string" ? item.split(",") : [item]));
    const out: unknown[] = [];
    for (const part of parts) {
      const tag = typeof part === "string" ? part.trim().replace(/^#+/, "").replace(/\s+/g, " ").toLowerCase() : part;
      if (tag === "" || out.includes(tag)) continue;
      out.push(tag);
    }
    return out;
  },
  z
    .array(
      z
        .string({ error: "Tags must be words." })
        .min(TAG_MIN_CHARS, { error: `Each tag needs at least ${TAG_MIN_CHARS} characters.` })
        .max(TAG_MAX_CHARS, { error: `Keep each tag to ${TAG_MAX_CHARS} characters or fewer.` }),
    )
    .max(MAX_TAGS, { error: `Use at most ${MAX_TAGS} tags.` }),
);

const hoursSchema = z.preprocess(
  wholeNumberOrZero,
  z
    .number({ error: "Enter the hours as a whole number." })
    .int({ error: "Enter the hours as a whole number (use the minutes box for part of an hour)." })
    .min(0, { error: "Hours cannot be negative." })
    .max(MAX_LISTING_HOURS, { error: `At most ${MAX_LISTING_HOURS} hours.` }),
);

const minutesSchema = z.preprocess(
  wholeNumberOrZero,
  z
    .number({ error: "Enter the minutes as a whole number." })
    .int({ error: "Enter the minutes as a whole number." })
    .min(0, { error: "Minutes cannot be negative." })
    .max(59, { error: "Enter 0 to 59 minutes (use the hours box for more)." }),
);

/** "YYYY-MM-DD" (or blank) to a date at UTC midnight, or null. Whether the day is allowed is checked by checkWantedBy. */
export const wantedBySchema = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : trimmed(v)),
  z
    .union([z.null(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the date as day, month and year." })])
    .transform((v, ctx) => {
      if (v === null) return null;
      const date = new Date(`${v}T00:00:00.000Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v) {
        ctx.addIssue({ code: "custom", message: "Enter a real date." });
        return z.NEVER;
      }
      return date;
    }),
);

/** The fields an owner types, shared by create and edit. */
const listingFields = {
  title: titleSchema,
  description: descriptionSchema,
  skillId: idOf("Choose a skill from the list."),
  tags: tagsSchema,
  hours: hoursSchema,
  minutes: minutesSchema,
  wantedBy: wantedBySchema,
};

function withEstimatedMinutes<T extends { hours: number; minutes: number }>(value: T, ctx: z.RefinementCtx) {
  const estimatedMinutes = value.hours * 60 + value.minutes;
  if (estimatedMinutes < MIN_LISTING_MINUTES || estimatedMinutes > MAX_LISTING_MINUTES) {
    ctx.addIssue({
      code: "custom",
      path: ["estimatedMinutes"],
      message: `Estimate between ${MIN_LISTING_MINUTES} minutes and ${MAX_LISTING_HOURS} hours.`,
    });
    return z.NEVER;
  }
  const { hours: _h, minutes: _m, ...rest } = value;
  return { ...rest, estimatedMinutes };
}

export const createListingSchema = z
  .object({
    kind: z.enum(LISTING_KINDS, { error: "Choose offer or request." }),
    ...listingFields,
    requestKey: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.string().min(REQUEST_KEY_MIN_CHARS).max(REQUEST_KEY_MAX_CHARS).optional(),
    ),
  })
  .transform(withEstimatedMinutes);
export type CreateListingInput = z.output<typeof createListingSchema>;

export const updateListingSchema = z
  .object({ listingId: idOf("That offer or request was not found."), ...listingFields })
  .transform(withEstimatedMinutes);
export type UpdateListingInput = z.output<typeof updateListingSchema>;

export const setListingStatusSchema = z.object({
  listingId: idOf("That offer or request was not found."),
  status: z.enum(LISTING_STATUSES, { error: "Choose open, paused or closed." }),
});
export type SetListingStatusInput = z.output<typeof setListingStatusSchema>;

/** Splits whole minutes into the form's two boxes. */
export function splitMinutes(totalMinutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}
