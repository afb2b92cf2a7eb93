// The rules of a listing's life, as data and small pure functions, so that the lib writes and the
// pages (which buttons to show) use the same ones.
//
//   open <--pause / reopen--> paused ; open | paused --close--> closed (final)
import { now } from "../clock";
import { invalid } from "../errors";
import { MAX_WANTED_BY_DAYS, type ListingKindValue, type ListingStatusValue } from "./schemas";

/** The calendar of the bank: "today" is today in the UK. */
export const BANK_TIME_ZONE = "Europe/London";

const isoDayInBankZone = new Intl.DateTimeFormat("en-CA", { timeZone: BANK_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in the bank's time zone, at UTC midnight (the way date-only columns are stored). */
export function bankToday(at: Date = now()): Date {
  return new Date(`${isoDayInBankZone.format(at)}T00:00:00.000Z`);
}

/**
 * A wanted-by date belongs to requests only and must be today or later (and not absurdly far ahead).
 * `unchanged` lets an edit keep the date the listing already has, even if that day has passed.
 */
export function checkWantedBy(kind: ListingKindValue, wantedBy: Date | null, unchanged: Date | null = null): void {
  if (wantedBy === null) return;
  if (kind !== "request") {
    throw invalid("Only requests have a wanted-by date.", { wantedBy: ["Only requests have a wanted-by date: leave it blank for an offer."] });
  }
  if (unchanged && unchanged.getTime() === wantedBy.getTime()) return;
  const today = bankToday();
  if (wantedBy.getTime() < today.getTime()) {
    throw invalid("Please check the highlighted fields.", { wantedBy: ["Choose today or a later date."] });
  }
  if (wantedBy.getTime() > today.getTime() + MAX_WANTED_BY_DAYS * 24 * 60 * 60 * 1000) {
    throw invalid("Please check the highlighted fields.", { wantedBy: [`Choose a date within ${Math.round(MAX_WANTED_BY_DAYS / 365)} years.`] });
  }
}

/** The statuses a listing in `from` may move to. Closed is final. */
export const NEXT_STATUSES: Record<ListingStatusValue, readonly ListingStatusValue[]> = {
  open: ["paused", "closed"],
  paused: ["open", "closed"],
  closed: [],
};

export function canEdit(status: ListingStatusValue): boolean {
  return status !== "closed";
}

export const STATUS_LABELS: Record<ListingStatusValue, string> = {
  open: "Open",
  paused: "Paused",
  closed: "Closed",
};

export const KIND_LABELS: Record<ListingKindValue, { one: string; many: string }> = {
  offer: { one: "offer", many: "offers" },
  request: { one: "request", many: "requests" },
};
