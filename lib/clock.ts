// The app's clock. Everything that decides by time (auto-confirm, reminders) reads now() from
// here, so tests can move time forward: setClockOffset in-process, or the test-only route
// /api/test/clock when TIMEBANK_TEST_HOOKS=1 (never in production).
// On globalThis: Next bundles route handlers and the instrumentation hook (where the job worker
// runs) separately, and they must read one clock.
const holder = globalThis as unknown as { __timebankClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (holder.__timebankClockOffsetMs ?? 0));
}

export function setClockOffset(ms: number): void {
  holder.__timebankClockOffsetMs = ms;
}

export function clockOffset(): number {
  return holder.__timebankClockOffsetMs ?? 0;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
