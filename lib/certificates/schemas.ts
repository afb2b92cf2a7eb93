// What a member sends to issue a certificate: the first and last day of the period. The same
// schema parses the form in the server action and the input of issueCertificate (which parses
// again). Whether the period is allowed (not in the future, not too long, not before the member
// joined) is checked against today and the member in lib/certificates/period.ts.
import { z } from "zod";
import { FILTER_YEARS } from "../validation";

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

function isRealDay(d: string): boolean {
  const ms = Date.parse(`${d}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d);
}

/** One day of the period, "YYYY-MM-DD": a real date between FILTER_YEARS. */
function periodDay(which: "first" | "last") {
  return z.preprocess(
    trimmed,
    z
      .string({ error: `Enter the ${which} day of the period.` })
      .min(1, { error: `Enter the ${which} day of the period.` })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the date as day, month and year, like 2026-03-31." })
      .refine(isRealDay, { error: "Enter a real date." })
      .refine((d) => Number(d.slice(0, 4)) >= FILTER_YEARS.first && Number(d.slice(0, 4)) <= FILTER_YEARS.last, {
        error: `Enter a date between ${FILTER_YEARS.first} and ${FILTER_YEARS.last}.`,
      }),
  );
}

export const issueCertificateSchema = z.object({
  from: periodDay("first"),
  to: periodDay("last"),
});
export type IssueCertificateInput = z.output<typeof issueCertificateSchema>;
