// The period chooser on /certificates: a preset (or custom days) from the page's query string,
// turned into a period with the same checks issuing makes. Presets start no earlier than the day
// the member joined, so "the last 12 months" works for a newcomer too.
import type { FieldErrors } from "../errors";
import { firstParam, fieldErrorsOf } from "../validation";
import { clampToJoined, PERIOD_PRESETS, periodErrors, presetPeriod, type Period, type PeriodPreset } from "./period";
import { issueCertificateSchema } from "./schemas";

export interface PeriodChoice {
  preset: PeriodPreset;
  /** For the calendar-year preset. */
  year: number;
  /** The custom days as typed (or the chosen preset's days). */
  from: string;
  to: string;
  /** Set when a period was asked for and it is allowed. */
  period: Period | null;
  errors: FieldErrors;
  /** Whether the member asked for a period (the form was sent). */
  asked: boolean;
}

/** The calendar years a member can choose: from the year they joined to this one, newest first. */
export function yearsToChoose(bounds: { today: string; joined: string }): number[] {
  const years: number[] = [];
  for (let y = Number(bounds.today.slice(0, 4)); y >= Number(bounds.joined.slice(0, 4)); y--) years.push(y);
  return years;
}

type Params = Record<string, string | string[] | undefined>;

export function choosePeriod(params: Params, bounds: { today: string; joined: string }): PeriodChoice {
  const raw = firstParam(params.period)?.trim() ?? "";
  const asked = raw !== "";
  const preset = (PERIOD_PRESETS as readonly string[]).includes(raw) ? (raw as PeriodPreset) : "last-12-months";
  const years = yearsToChoose(bounds);
  const typedYear = Number(firstParam(params.year));
  const year = years.includes(typedYear) ? typedYear : years[0]!;
  const typed = { from: (firstParam(params.from) ?? "").trim().slice(0, 20), to: (firstParam(params.to) ?? "").trim().slice(0, 20) };
  const base = { preset, year, asked };
  if (!asked) return { ...base, ...typed, period: null, errors: {} };

  let period: Period;
  if (preset === "custom") {
    const parsed = issueCertificateSchema.safeParse(typed);
    if (!parsed.success) return { ...base, ...typed, period: null, errors: fieldErrorsOf(parsed.error) };
    period = parsed.data;
  } else {
    const full = presetPeriod(preset, bounds.today, year);
    period = clampToJoined(full, bounds.joined);
    if (period.from > period.to) {
      return { ...base, ...full, period: null, errors: { period: ["You joined the bank after this period ended: choose another."] } };
    }
  }
  const errors = periodErrors(period, bounds.today, bounds.joined);
  return { ...base, ...(preset === "custom" ? typed : period), period: errors ? null : period, errors: errors ?? {} };
}
