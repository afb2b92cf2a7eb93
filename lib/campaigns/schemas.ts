// What the campaign forms send, and the limits on it (the same as the CHECK constraints in
// prisma/migrations/*_campaigns). The server actions parse with these; each lib write parses its
// input again, so every write is safe to call directly.
import { z } from "zod";
import { DONATION_MAX_MINUTES, DONATION_MIN_MINUTES, DONATION_NOTE_MAX_CHARS, REQUEST_KEY_MAX_CHARS, REQUEST_KEY_MIN_CHARS } from "../members/schemas";
import { CONTROL_CHARACTERS_MESSAGE, foldTypedTime, idField, noControlCharacters, numberFromText, textField, trimmed } from "../validation";

export const CAMPAIGN_TITLE_MIN_CHARS = 3;
export const CAMPAIGN_TITLE_MAX_CHARS = 120;
export const CAMPAIGN_AIM_MIN_CHARS = 10;
export const CAMPAIGN_AIM_MAX_CHARS = 1000;
export const CAMPAIGN_WHY_MIN_CHARS = 10;
export const CAMPAIGN_WHY_MAX_CHARS = 2000;
/** A target of whole hours. */
export const CAMPAIGN_TARGET_MIN_HOURS = 1;
export const CAMPAIGN_TARGET_MAX_HOURS = 100_000;
/** The longest a campaign may run, in days (three years and a leap day). */
export const CAMPAIGN_MAX_DAYS = 1096;
export const CAMPAIGN_MAX_SKILLS = 10;
/** Organisers, counting those kept and those added by email. */
export const CAMPAIGN_MAX_ORGANISERS = 10;
const EMAIL_MAX_CHARS = 254;
/** What the organisers' email box may hold before it is split. */
const ORGANISER_EMAILS_MAX_CHARS = 3000;

export { DONATION_MAX_MINUTES as POOL_MAX_MINUTES, DONATION_MIN_MINUTES as POOL_MIN_MINUTES, DONATION_NOTE_MAX_CHARS as POOL_NOTE_MAX_CHARS };

const CHECK = "Please check the highlighted fields.";
export { CHECK as CHECK_FIELDS };

const asList = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);


/** "YYYY-MM-DD" to a date at UTC midnight (how date columns are stored). */
function day(missing: string) {
  return z.preprocess(
    trimmed,
    z
      .string({ error: missing })
      .min(1, { error: missing, abort: true })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the date as day, month and year." })
      .transform((v, ctx) => {
        const date = new Date(`${v}T00:00:00.000Z`);
        if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2999) {
          ctx.addIssue({ code: "custom", message: "Enter a real date." });
          return z.NEVER;
        }
        return date;
      }),
  );
}

const requestKey = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z
    .string({ error: "The form's one-time key is not valid; reload the page." })
    .min(REQUEST_KEY_MIN_CHARS, "The form's one-time key is not valid; reload the page.")
    .max(REQUEST_KEY_MAX_CHARS, "The form's one-time key is not valid; reload the page.")
    .optional(),
);

const requiredRequestKey = z
  .string({ error: "The form is missing its one-time key; reload the page." })
  .min(REQUEST_KEY_MIN_CHARS, "The form's one-time key is not valid; reload the page.")
  .max(REQUEST_KEY_MAX_CHARS, "The form's one-time key is not valid; reload the page.");

export const campaignIdSchema = idField("That campaign was not found.");

const skillIds = z.preprocess(
  asList,
  z
    .array(z.preprocess(trimmed, z.guid({ error: "Choose skills from the list." })), { error: "Choose skills from the list." })
    .min(1, "Choose at least one skill the campaign needs.")
    .max(CAMPAIGN_MAX_SKILLS, `Choose at most ${CAMPAIGN_MAX_SKILLS} skills.`)
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
);

const organiserIds = z.preprocess(
  asList,
  z
    .array(z.preprocess(trimmed, z.guid({ error: "Choose organisers from the list." })), { error: "Choose organisers from the list." })
    .max(CAMPAIGN_MAX_ORGANISERS, `A campaign has at most ${CAMPAIGN_MAX_ORGANISERS} organisers.`)
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
);

/** Email addresses separated by commas, spaces or new lines; lower case, without repeats. */
const organiserEmails = z.preprocess(
  (v) => (v === undefined || v === null ? "" : v),
  z
    .string({ error: "Write the organisers' email addresses." })
    .max(ORGANISER_EMAILS_MAX_CHARS, "That is too much text for a few email addresses.")
    .refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE)
    .transform((v, ctx) => {
      const emails = [...new Set(v.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter((e) => e !== ""))];
      const bad = emails.filter((e) => e.length > EMAIL_MAX_CHARS || !/^[^@\s]+@[^@\s]+$/.test(e));
      if (bad.length > 0) {
        ctx.addIssue({ code: "custom", message: `These are not email addresses: ${bad.slice(0, 3).join(", ").slice(0, 200)}.` });
        return z.NEVER;
      }
      if (emails.length > CAMPAIGN_MAX_ORGANISERS) {
        ctx.addIssue({ code: "custom", message: `A campaign has at most ${CAMPAIGN_MAX_ORGANISERS} organisers.` });
        return z.NEVER;
      }
      return emails;
    }),
);

const targetMinutes = z.preprocess(
  numberFromText,
  z
    .number({ error: "Enter the target as a whole number of hours." })
    .int({ error: "Enter the target as a whole number of hours." })
    .min(CAMPAIGN_TARGET_MIN_HOURS, { error: `Set a target between ${CAMPAIGN_TARGET_MIN_HOURS} and ${CAMPAIGN_TARGET_MAX_HOURS.toLocaleString("en-GB")} hours.` })
    .max(CAMPAIGN_TARGET_MAX_HOURS, { error: `Set a target between ${CAMPAIGN_TARGET_MIN_HOURS} and ${CAMPAIGN_TARGET_MAX_HOURS.toLocaleString("en-GB")} hours.` })
    .transform((hours) => hours * 60),
);

const campaignFields = {
  title: textField("title", CAMPAIGN_TITLE_MIN_CHARS, CAMPAIGN_TITLE_MAX_CHARS, "Give the campaign a title."),
  aim: textField("aim", CAMPAIGN_AIM_MIN_CHARS, CAMPAIGN_AIM_MAX_CHARS, "Say what the campaign aims to achieve."),
  whyItMatters: textField("reason it matters", CAMPAIGN_WHY_MIN_CHARS, CAMPAIGN_WHY_MAX_CHARS, "Say why it matters to patients, carers or staff."),
  startsOn: day("Enter the day it starts."),
  endsOn: day("Enter the day it ends."),
  targetHours: targetMinutes,
  skillIds,
  organiserIds,
  organiserEmails,
};

type Dated = { startsOn: Date; endsOn: Date };
function checkDates(data: Dated, ctx: z.RefinementCtx) {
  // zod runs this even when a date itself was refused: then there is nothing to compare.
  if (!(data.startsOn instanceof Date) || !(data.endsOn instanceof Date)) return;
  const days = (data.endsOn.getTime() - data.startsOn.getTime()) / 86_400_000;
  if (days < 0) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The end must be on or after the start." });
  else if (days > CAMPAIGN_MAX_DAYS) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "A campaign runs for three years at most." });
}

/** Blank: a bank-wide campaign (admins only); otherwise the hub that runs it. */
const hubIdSchema = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : trimmed(v)),
  z.guid({ error: "Choose a hub from the list, or the whole bank." }).nullable(),
);

export const createCampaignSchema = z.object({ ...campaignFields, hubId: hubIdSchema, requestKey }).superRefine(checkDates);
export type CreateCampaignInput = z.output<typeof createCampaignSchema>;

export const updateCampaignSchema = z.object({ campaignId: campaignIdSchema, ...campaignFields }).superRefine(checkDates);
export type UpdateCampaignInput = z.output<typeof updateCampaignSchema>;

export const joinCampaignSchema = z.object({ campaignId: campaignIdSchema });

const poolMinutes = (what: string) =>
  z.preprocess(
    numberFromText,
    z
      .number({ error: `Enter how many hours to ${what}.` })
      .int("Use whole minutes.")
      .min(DONATION_MIN_MINUTES, `At least ${DONATION_MIN_MINUTES} minutes.`)
      .max(DONATION_MAX_MINUTES, `At most ${DONATION_MAX_MINUTES / 60} hours at a time.`),
  );

const note = z.preprocess(
  (v) => (v === undefined || v === null ? "" : v),
  z
    .string({ error: "Write the note as text." })
    .trim()
    .max(DONATION_NOTE_MAX_CHARS, `Keep the note to ${DONATION_NOTE_MAX_CHARS} characters or fewer.`)
    .refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE),
);

/** A member gives their own hours to a campaign's pool (hours and mins, folded into minutes). */
export const donateToCampaignSchema = z.preprocess(
  foldTypedTime("minutes"),
  z.object({ campaignId: campaignIdSchema, minutes: poolMinutes("give"), note, requestKey: requiredRequestKey }),
);
export type DonateToCampaignInput = z.output<typeof donateToCampaignSchema>;

/** An organiser pays hours from the pool to the owner of one of the campaign's open requests. */
export const spendCampaignPoolSchema = z.preprocess(
  foldTypedTime("minutes"),
  z.object({
    campaignId: campaignIdSchema,
    listingId: idField("Choose one of the campaign's open requests."),
    minutes: poolMinutes("pay from the pool"),
    note,
    requestKey: requiredRequestKey,
  }),
);
export type SpendCampaignPoolInput = z.output<typeof spendCampaignPoolSchema>;

/** The listing forms' "Campaign" field: blank is none; absent (undefined) leaves it as it is on an edit. */
export const listingCampaignSchema = z.preprocess(
  (v) => (v === undefined ? undefined : v === null || (typeof v === "string" && v.trim() === "") ? null : trimmed(v)),
  z.guid({ error: "Choose a campaign from the list." }).nullable().optional(),
);
