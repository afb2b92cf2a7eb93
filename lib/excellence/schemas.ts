// What a member may type into a report of excellence, and the limits on it (the same as the
// excellence_reports CHECK constraints). The server action and the lib write both parse with these.
import { z } from "zod";
import { EXCELLENCE_THEMES } from "./themes";

export const REPORT_TEXT_MIN_CHARS = 10;
export const REPORT_TEXT_MAX_CHARS = 1000;
export const MIN_THEMES = 1;
export const MAX_THEMES = 3;
/** The form's one-time key, as the excellence_reports_request_key_length CHECK allows. */
export const REQUEST_KEY_MIN_CHARS = 8;
export const REQUEST_KEY_MAX_CHARS = 100;

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : trimmed(v));

function reportText(missing: string, what: string) {
  return z.preprocess(
    trimmed,
    z
      .string({ error: missing })
      .min(REPORT_TEXT_MIN_CHARS, { error: `Write at least ${REPORT_TEXT_MIN_CHARS} characters about ${what}.` })
      .max(REPORT_TEXT_MAX_CHARS, { error: `Keep it to ${REPORT_TEXT_MAX_CHARS} characters or fewer.` }),
  );
}

/** One theme (a lone checkbox) or several; repeats are dropped. */
export const themesSchema = z.preprocess(
  (v) => {
    if (v === undefined || v === null || v === "") return [];
    const list = Array.isArray(v) ? v : [v];
    return [...new Set(list.map(trimmed))];
  },
  z
    .array(z.enum(EXCELLENCE_THEMES, { error: "Choose themes from the list." }))
    .min(MIN_THEMES, { error: "Choose at least one theme." })
    .max(MAX_THEMES, { error: `Choose at most ${MAX_THEMES} themes.` }),
);

export const writeReportSchema = z.object({
  recipientId: z.preprocess(trimmed, z.guid({ error: "Choose the member whose work you are recognising." })),
  exchangeId: z.preprocess(blankToUndefined, z.guid({ error: "That exchange was not found." }).optional()),
  whatTheyDid: reportText("Say what they did.", "what they did"),
  whyItMattered: reportText("Say why it mattered.", "why it mattered"),
  themes: themesSchema,
  requestKey: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.string().min(REQUEST_KEY_MIN_CHARS).max(REQUEST_KEY_MAX_CHARS).optional(),
  ),
});
export type WriteReportInput = z.output<typeof writeReportSchema>;

export const setReportShownSchema = z.object({
  reportId: z.preprocess(trimmed, z.guid({ error: "That report was not found." })),
  shown: z.preprocess(
    (v) => (v === true || v === "true" ? true : v === false || v === "false" ? false : v),
    z.boolean({ error: "Choose whether to show it on your profile." }),
  ),
});
export type SetReportShownInput = z.output<typeof setReportShownSchema>;
