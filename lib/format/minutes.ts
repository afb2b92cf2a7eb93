// The one way the app shows an amount of time. Amounts are whole minutes everywhere; hours are
// only a display format: "0 h", "45 min", "1 h", "1 h 30 min", "1,250 h".

const hoursFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) throw new RangeError(`Not an amount of minutes: ${minutes}`);
  const whole = Math.round(minutes);
  const sign = whole < 0 ? "−" : "";
  const abs = Math.abs(whole);
  if (abs === 0) return "0 h";
  if (abs < 60) return `${sign}${abs} min`;
  const hours = `${hoursFormat.format(Math.floor(abs / 60))} h`;
  const rest = abs % 60;
  return rest === 0 ? `${sign}${hours}` : `${sign}${hours} ${rest} min`;
}

/** With an explicit sign, for statements: "+1 h 30 min", "−45 min", "0 h". */
export function formatMinutesSigned(minutes: number): string {
  const text = formatMinutes(minutes);
  return Math.round(minutes) > 0 ? `+${text}` : text;
}
