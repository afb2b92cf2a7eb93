// What an admin may type into a method page, and the limits on it (the method_pages_text_length
// CHECK). The server action and the lib write both parse with this.
import { z } from "zod";

export const METHOD_TEXT_MIN_CHARS = 20;
export const METHOD_TEXT_MAX_CHARS = 2000;

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

function part(missing: string) {
  return z.preprocess(
    trimmed,
    z
      .string({ error: missing })
      .min(METHOD_TEXT_MIN_CHARS, { error: `Write at least ${METHOD_TEXT_MIN_CHARS} characters.` })
      .max(METHOD_TEXT_MAX_CHARS, { error: `Keep it to ${METHOD_TEXT_MAX_CHARS} characters or fewer.` }),
  );
}

export const saveMethodPageSchema = z.object({
  skillId: z.preprocess(trimmed, z.guid({ error: "That skill was not found." })),
  whatItIs: part("Say what the method is."),
  whenToUse: part("Say when to use it."),
  goodExchange: part("Say what a good exchange of it looks like."),
});
export type SaveMethodPageInput = z.output<typeof saveMethodPageSchema>;

/** The three parts of a page, in the order a page shows them, with their headings. */
export const METHOD_PARTS = [
  { field: "whatItIs", heading: "What it is" },
  { field: "whenToUse", heading: "When to use it" },
  { field: "goodExchange", heading: "What a good exchange looks like" },
] as const;
