// Calendar months ("2026-03", UTC) as chart categories and as words.
import type { ChartCategory } from "./vertical-bar-chart";

const monthShort = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" });
export const monthLong = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export function monthDate(month: string): Date {
  return new Date(`${month}-01T00:00:00Z`);
}

/** Months as chart categories: the year is written under the first month and under each January. */
export function monthCategories(months: string[]): ChartCategory[] {
  return months.map((month, i) => {
    const d = monthDate(month);
    const lines = [monthShort.format(d).slice(0, 3)];
    if (i === 0 || d.getUTCMonth() === 0) lines.push(String(d.getUTCFullYear()));
    return { name: monthLong.format(d), lines };
  });
}
