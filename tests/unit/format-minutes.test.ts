import { describe, expect, it } from "vitest";
import { formatMinutes, formatMinutesSigned } from "../../lib/format/minutes";

describe("formatMinutes", () => {
  it("shows nothing as 0 h and less than an hour in minutes", () => {
    expect(formatMinutes(0)).toBe("0 h");
    expect(formatMinutes(15)).toBe("15 min");
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(59)).toBe("59 min");
  });

  it("shows whole hours as hours", () => {
    expect(formatMinutes(60)).toBe("1 h");
    expect(formatMinutes(240)).toBe("4 h");
  });

  it("shows the rest as hours and minutes, never as decimals", () => {
    expect(formatMinutes(75)).toBe("1 h 15 min");
    expect(formatMinutes(90)).toBe("1 h 30 min");
    expect(formatMinutes(100)).toBe("1 h 40 min");
    expect(formatMinutes(61)).toBe("1 h 1 min");
  });

  it("groups thousands of hours", () => {
    expect(formatMinutes(75_000)).toBe("1,250 h");
    expect(formatMinutes(60_030)).toBe("1,000 h 30 min");
  });

  it("shows negative balances with a minus sign", () => {
    expect(formatMinutes(-90)).toBe("−1 h 30 min");
    expect(formatMinutes(-30)).toBe("−30 min");
  });

  it("rounds a stray fraction to whole minutes", () => {
    expect(formatMinutes(44.6)).toBe("45 min");
  });

  it("signs amounts for statements", () => {
    expect(formatMinutesSigned(90)).toBe("+1 h 30 min");
    expect(formatMinutesSigned(-45)).toBe("−45 min");
    expect(formatMinutesSigned(0)).toBe("0 h");
  });

  it("refuses something that is not a number of minutes", () => {
    expect(() => formatMinutes(Number.NaN)).toThrow(RangeError);
    expect(() => formatMinutes(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
