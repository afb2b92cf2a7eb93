// The period a certificate covers: whole days in the bank's calendar (the UK), from the first day
// to the last, both included. The presets a member chooses from (the last 12 months, UK financial
// years of 1 April to 31 March, calendar years) and the limits on any period, as pure functions of
// "today", so the page's preview and the lib write agree.
import { formatDay } from "../format/date";
import type { FieldErrors } from "../errors";

/** A certificate covers at most this many years. */
export const MAX_PERIOD_YEARS = 5;
/** The UK financial year starts on 1 April. */
export const FINANCIAL_YEAR_START_MONTH = 4;

/** Days as "YYYY-MM-DD" in the bank's calendar. */
export interface Period {
  from: string;
  to: string;
}

export const PERIOD_PRESETS = ["last-12-months", "last-financial-year", "this-financial-year", "calendar-year", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const dayOf = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const isoOf = (date: Date) => date.toISOString().slice(0, 10);

/** The day `years` years after `iso` (29 February becomes 1 March in a year without one). */
export function addYears(iso: string, years: number): string {
  const d = dayOf(iso);
  const out = new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));
  return isoOf(out);
}

export function addDaysIso(iso: string, days: number): string {
  return isoOf(new Date(dayOf(iso).getTime() + days * 86_400_000));
}

/** The year a UK financial year containing `iso` starts in. */
function financialYearStartOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month >= FINANCIAL_YEAR_START_MONTH ? year : year - 1;
}

const fyStart = (year: number) => `${year}-04-01`;
const fyEnd = (year: number) => `${year + 1}-03-31`;

/**
 * A preset's period, as of `today`, or null for "custom" (the member types both days). The last
 * 12 months end today and start the day after the same day a year before.
 */
export function presetPeriod(preset: Exclude<PeriodPreset, "custom">, today: string, year?: number): Period {
  switch (preset) {
    case "last-12-months":
      return { from: addDaysIso(addYears(today, -1), 1), to: today };
    case "last-financial-year": {
      const start = financialYearStartOf(today) - 1;
      return { from: fyStart(start), to: fyEnd(start) };
    }
    case "this-financial-year":
      return { from: fyStart(financialYearStartOf(today)), to: today };
    case "calendar-year": {
      const y = year ?? Number(today.slice(0, 4));
      const end = `${y}-12-31`;
      return { from: `${y}-01-01`, to: end < today ? end : today };
    }
  }
}

/** A period as people read it: "1 Apr 2025 to 31 Mar 2026", or one day. */
export function describePeriod(period: Period): string {
  const from = formatDay(dayOf(period.from));
  return period.from === period.to ? from : `${from} to ${formatDay(dayOf(period.to))}`;
}

/**
 * What is wrong with a period, field by field (null when nothing is): it must not end before it
 * starts, end in the future, last more than MAX_PERIOD_YEARS, or start before the member joined
 * (`joined`, the day they joined in the bank's calendar).
 */
export function periodErrors(period: Period, today: string, joined: string): FieldErrors | null {
  const errors: FieldErrors = {};
  if (period.to < period.from) errors.to = ["The last day must be on or after the first day."];
  else if (period.to > today) errors.to = ["The period cannot end in the future: choose today or an earlier day."];
  else if (period.to >= addYears(period.from, MAX_PERIOD_YEARS)) {
    errors.to = [`A certificate covers at most ${MAX_PERIOD_YEARS} years: choose a shorter period.`];
  }
  if (period.from < joined) {
    errors.from = [`You joined the bank on ${formatDay(dayOf(joined))}: start the period on that day or later.`];
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/** A preset's period made to start no earlier than the day the member joined. */
export function clampToJoined(period: Period, joined: string): Period {
  return period.from < joined ? { ...period, from: joined } : period;
}
