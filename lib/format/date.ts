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

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** A moment as admins read it in the audit log and the ledger: "25 Nov 2026, 22:41 UTC". */
export function formatDateTimeUtc(date: Date): string {
  return `${dateTimeFormat.format(date)} UTC`;
}

/** How long ago, roughly, in words: "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAgo(date: Date, reference: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((reference.getTime() - date.getTime()) / 1000));
  if (seconds < 60) return "just now";
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? "" : "s"} ago`;
  }
  return "just now";
}
