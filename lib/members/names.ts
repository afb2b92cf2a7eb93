/** How a member is named where only a first name may be shown. */
export function firstName(name: string | null | undefined): string {
  const first = name?.trim().split(/\s+/)[0];
  return first || "A member";
}
