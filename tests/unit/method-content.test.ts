// The method library's written content: a page for every skill in the taxonomy, each part within
// the limits an admin's edit has (the method_pages CHECK), short and plain.
import { describe, expect, it } from "vitest";
import { METHOD_TEXT_MAX_CHARS, METHOD_TEXT_MIN_CHARS } from "../../lib/methods/schemas";
import { SKILLS } from "../../lib/seed/demo-content";
import { METHOD_CONTENT } from "../../lib/seed/method-content";

/** Sentences, roughly: ends of sentences followed by a space and a capital, or the end. */
const sentences = (text: string) => text.split(/(?<=[.?!”])\s+(?=[A-Z“])/).length;

describe("the method library's content", () => {
  it("has a page for every skill in the taxonomy, and none for skills it does not have", () => {
    expect(Object.keys(METHOD_CONTENT).sort()).toEqual(SKILLS.map((s) => s.slug).sort());
  });

  for (const [slug, content] of Object.entries(METHOD_CONTENT)) {
    it(`${slug}: three parts of 2 to 4 sentences, within the page's limits`, () => {
      for (const part of [content.whatItIs, content.whenToUse, content.goodExchange]) {
        expect(part.length).toBeGreaterThanOrEqual(METHOD_TEXT_MIN_CHARS);
        expect(part.length).toBeLessThanOrEqual(METHOD_TEXT_MAX_CHARS);
        expect(part).toBe(part.trim());
        expect(sentences(part)).toBeGreaterThanOrEqual(2);
        expect(sentences(part)).toBeLessThanOrEqual(4);
      }
    });
  }
});
