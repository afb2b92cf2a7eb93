// The periods a certificate may cover: presets as of a given day, UK financial years (1 April to
// 31 March), the limits on any period, and the page's chooser built on them.
import { describe, expect, it } from "vitest";
import { choosePeriod, yearsToChoose } from "../../lib/certificates/choice";
import { addYears, describePeriod, periodErrors, presetPeriod } from "../../lib/certificates/period";

describe("period presets", () => {
  it("takes the last 12 months up to and including today", () => {
    expect(presetPeriod("last-12-months", "2026-12-04")).toEqual({ from: "2025-12-05", to: "2026-12-04" });
    expect(presetPeriod("last-12-months", "2028-02-29")).toEqual({ from: "2027-03-02", to: "2028-02-29" });
  });

  it("knows the UK financial year runs from 1 April to 31 March", () => {
    expect(presetPeriod("last-financial-year", "2026-12-04")).toEqual({ from: "2025-04-01", to: "2026-03-31" });
    expect(presetPeriod("last-financial-year", "2026-03-31")).toEqual({ from: "2024-04-01", to: "2025-03-31" });
    expect(presetPeriod("last-financial-year", "2026-04-01")).toEqual({ from: "2025-04-01", to: "2026-03-31" });
    expect(presetPeriod("this-financial-year", "2026-12-04")).toEqual({ from: "2026-04-01", to: "2026-12-04" });
    expect(presetPeriod("this-financial-year", "2027-02-10")).toEqual({ from: "2026-04-01", to: "2027-02-10" });
  });

  it("ends this calendar year today, and a past one on 31 December", () => {
    expect(presetPeriod("calendar-year", "2026-12-04", 2026)).toEqual({ from: "2026-01-01", to: "2026-12-04" });
    expect(presetPeriod("calendar-year", "2026-12-04", 2025)).toEqual({ from: "2025-01-01", to: "2025-12-31" });
  });

  it("reads a period in words", () => {
    expect(describePeriod({ from: "2025-04-01", to: "2026-03-31" })).toBe("1 Apr 2025 to 31 Mar 2026");
    expect(describePeriod({ from: "2025-04-01", to: "2025-04-01" })).toBe("1 Apr 2025");
    expect(addYears("2024-02-29", 1)).toBe("2025-03-01");
  });
});

describe("period limits", () => {
  const today = "2026-12-04";
  const joined = "2021-01-06";

  it("allows a period within the limits", () => {
    expect(periodErrors({ from: "2025-04-01", to: "2026-03-31" }, today, joined)).toBeNull();
    expect(periodErrors({ from: "2021-04-01", to: "2026-03-31" }, today, joined)).toBeNull();
    expect(periodErrors({ from: today, to: today }, today, joined)).toBeNull();
  });

  it("refuses a period that ends first, ends in the future, is over 5 years, or starts before joining", () => {
    expect(periodErrors({ from: "2025-04-02", to: "2025-04-01" }, today, joined)?.to?.[0]).toMatch(/on or after the first day/);
    expect(periodErrors({ from: "2026-12-01", to: "2026-12-05" }, today, joined)?.to?.[0]).toMatch(/future/);
    expect(periodErrors({ from: "2021-04-01", to: "2026-04-01" }, today, joined)?.to?.[0]).toMatch(/at most 5 years/);
    expect(periodErrors({ from: "2021-01-05", to: "2021-03-31" }, today, joined)?.from?.[0]).toMatch(/joined the bank on 6 Jan 2021/);
  });
});

describe("the page's period chooser", () => {
  const bounds = { today: "2026-12-04", joined: "2026-06-15" };

  it("asks nothing until a period is sent", () => {
    expect(choosePeriod({}, bounds)).toMatchObject({ asked: false, preset: "last-12-months", period: null, errors: {} });
  });

  it("starts a preset on the day the member joined, if that is later", () => {
    expect(choosePeriod({ period: "last-12-months" }, bounds).period).toEqual({ from: "2026-06-15", to: "2026-12-04" });
    expect(choosePeriod({ period: "this-financial-year" }, bounds).period).toEqual({ from: "2026-06-15", to: "2026-12-04" });
  });

  it("says so when the member joined after the preset's period ended", () => {
    const c = choosePeriod({ period: "last-financial-year" }, bounds);
    expect(c.period).toBeNull();
    expect(c.errors.period?.[0]).toMatch(/joined the bank after this period ended/);
  });

  it("checks custom days as issuing does", () => {
    expect(choosePeriod({ period: "custom", from: "2026-07-01", to: "2026-07-31" }, bounds).period).toEqual({ from: "2026-07-01", to: "2026-07-31" });
    expect(choosePeriod({ period: "custom", from: "2026-07-31", to: "2026-07-01" }, bounds).errors.to).toBeDefined();
    expect(choosePeriod({ period: "custom", from: "nonsense", to: "" }, bounds).errors).toHaveProperty("from");
  });

  it("offers the calendar years from joining to now, and ignores any other", () => {
    expect(yearsToChoose({ today: "2026-12-04", joined: "2024-03-01" })).toEqual([2026, 2025, 2024]);
    expect(choosePeriod({ period: "calendar-year", year: "1999" }, bounds).year).toBe(2026);
  });
});
