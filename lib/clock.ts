// The app's clock. Everything that decides by time (auto-confirm, reminders) reads now() from
// here, so tests can move time forward: setClockOffset in-process, or the test-only route
// /api/test/clock when TIMEBANK_TEST_HOOKS=1 (never in production).
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function setClockOffset(ms: number): void {
  offsetMs = ms;
}

export function clockOffset(): number {
  return offsetMs;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
