/**
 * "Priya" from "Priya Shah": members are shown to each other by first name, never by anything that
 * looks like an email address.
 */
export function firstName(name: string | null | undefined): string {
  const first = name?.trim().split(/\s+/)[0] ?? "";
  return first && !first.includes("@") ? first : "A member";
}
