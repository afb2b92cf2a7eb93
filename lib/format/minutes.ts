// The one way the app shows an amount of time. Amounts are whole minutes everywhere; hours are
// only a display format: "45 min", "1 h", "1.5 h", "1 h 40 min", "1,250 h".

const hoursFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) throw new RangeError(`Not an amount of minutes: ${minutes}`);
  const whole = Math.round(minutes);
  const sign = whole < 0 ? "−" : "";
  const abs = Math.abs(whole);
  if (abs < 60) return `${sign}${abs} min`;
  // Quarter hours read well as decimals (1.25 h, 1.5 h); anything else as hours and minutes.
  if (abs % 15 === 0) return `${sign}${hoursFormat.format(abs / 60)} h`;
  return `${sign}${hoursFormat.format(Math.floor(abs / 60))} h ${abs % 60} min`;
}
