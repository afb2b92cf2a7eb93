// What a member may type into an offer or a request, and the limits on it. The same schemas parse
// the form in the server action and the input of the lib functions (which parse again: every lib
// write is safe to call directly). Time is typed as hours and mins (lib/validation.ts) and stored as whole minutes.
import { z } from "zod";
import { foldTypedTime, numberFromText } from "../validation";
import { listingProjectSchema } from "../projects/schemas";
import { listingCampaignSchema } from "../campaigns/schemas";

/** Longer search text is cut to this many characters (browse). */
export const MAX_QUERY_CHARS = 200;
/** Longer text in browse's organisation filter is cut to this many characters. */
export const MAX_ORGANISATION_CHARS = 100;
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

/** The estimate in whole minutes, typed as hours and mins (folded by foldTypedTime) or given directly. */
const estimatedMinutesSchema = z.preprocess(
  numberFromText,
  z
    .number({ error: "Enter the time as a number of hours and minutes." })
    .int({ error: "Enter the time in whole minutes." })
    .min(MIN_LISTING_MINUTES, { error: `Estimate between ${MIN_LISTING_MINUTES} minutes and ${MAX_LISTING_HOURS} hours.` })
    .max(MAX_LISTING_MINUTES, { error: `Estimate between ${MIN_LISTING_MINUTES} minutes and ${MAX_LISTING_HOURS} hours.` }),
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
  estimatedMinutes: estimatedMinutesSchema,
  wantedBy: wantedBySchema,
};

export const createListingSchema = z.preprocess(
  foldTypedTime("estimatedMinutes"),
  z.object({
    kind: z.enum(LISTING_KINDS, { error: "Choose offer or request." }),
    ...listingFields,
    /** The improvement project a request belongs to (blank: none). */
    projectId: listingProjectSchema,
    /** The campaign it is tagged to (blank: none). */
    campaignId: listingCampaignSchema,
    requestKey: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.string().min(REQUEST_KEY_MIN_CHARS).max(REQUEST_KEY_MAX_CHARS).optional(),
    ),
  }),
);
export type CreateListingInput = z.output<typeof createListingSchema>;

export const updateListingSchema = z.preprocess(
  foldTypedTime("estimatedMinutes"),
  z.object({
    listingId: idOf("That offer or request was not found."),
    ...listingFields,
    /** Blank: none; left out: as it is. */
    projectId: listingProjectSchema,
    campaignId: listingCampaignSchema,
  }),
);
export type UpdateListingInput = z.output<typeof updateListingSchema>;

/** The columns an owner's typed fields fill, on create and on edit. */
export function listingColumnsOf(data: CreateListingInput | UpdateListingInput) {
  const { title, description, skillId, tags, estimatedMinutes, wantedBy } = data;
  return { title, description, skillId, tags, estimatedMinutes, wantedBy };
}

export const setListingStatusSchema = z.object({
  listingId: idOf("That offer or request was not found."),
  status: z.enum(LISTING_STATUSES, { error: "Choose open, paused or closed." }),
});
export type SetListingStatusInput = z.output<typeof setListingStatusSchema>;
