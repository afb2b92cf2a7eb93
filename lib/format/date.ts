// Calendar dates as the app shows them: "3 Mar 2027". Dates without a time (such as a request's
// wanted-by day) are stored at UTC midnight, so they are read in UTC to show the same day everywhere.

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function formatDay(date: Date): string {
  return dayFormat.format(date);
}

/** The machine-readable form for a <time dateTime> attribute. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
