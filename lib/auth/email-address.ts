// One spelling of each address: trimmed and lower case, so "Ann@NHS.net " signs in as ann@nhs.net.
import { z } from "zod";

export const MAX_EMAIL_LENGTH = 254;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(MAX_EMAIL_LENGTH, "That email address is too long.")
  .pipe(z.email("Enter an email address like name@nhs.net."));

export function normaliseEmail(address: string): string {
  const result = emailSchema.safeParse(address);
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? "Enter a valid email address.");
  return result.data;
}
