// The report charts drawn to static markup, as the server sends them: bars in proportion to their
// values, every value written as text, a title and a description for screen readers, fills told
// apart by pattern, and no NaN whatever the data (all zeros, nothing, negative values).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { valueScale } from "../../components/charts/chart-kit";
import { ChartTable } from "../../components/charts/chart-table";
import { Histogram, type HistogramBin } from "../../components/charts/histogram";
import { HorizontalBarChart, type HorizontalBarChartProps } from "../../components/charts/horizontal-bar-chart";
import { VerticalBarChart, type VerticalBarChartProps } from "../../components/charts/vertical-bar-chart";

interface Bar {
  value: number;
  series: number;
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
}

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([a-zA-Z0-9:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

function bars(markup: string): Bar[] {
  return [...markup.matchAll(/<rect [^>]*data-value="[^"]*"[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { value: Number(a["data-value"]), series: Number(a["data-series"]), x: Number(a.x), y: Number(a.y), width: Number(a.width), height: Number(a.height), fill: a.fill! };
  });
}

function valueLabels(markup: string): string[] {
  return [...markup.matchAll(/<text [^>]*data-label="[^"]*"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

function baselineY(markup: string): number {
  const tag = markup.match(/<line [^>]*data-part="baseline"[^>]*>/)![0];
  return Number(attributes(tag).y1);
}

function textOf(markup: string, tag: "title" | "desc"): string {
  return markup.match(new RegExp(`<${tag} id="[^"]+">([^<]*)</${tag}>`))![1]!;
}

const months = ["January 2026", "February 2026", "March 2026", "April 2026"].map((name) => ({ name, lines: [name.slice(0, 3)] }));

function vertical(overrides: Partial<VerticalBarChartProps> = {}): string {
  return renderToStaticMarkup(
    createElement(VerticalBarChart, {
      id: "hours",
      title: "Hours exchanged per month",
      summary: "Twelve hours in all.",
      categories: months,
      series: [{ label: "Hours exchanged", values: [0, 3, 1.5, 6] }],
      valueAxisLabel: "Hours",
      categoryAxisLabel: "Month (UTC)",
      ...overrides,
    }),
  );
}

function expectProportional(list: Bar[], size: (b: Bar) => number) {
  const nonZero = list.filter((b) => b.value !== 0);
  expect(nonZero.length).toBeGreaterThan(1);
  const ratio = size(nonZero[0]!) / Math.abs(nonZero[0]!.value);
  for (const b of list) expect(size(b)).toBeCloseTo(Math.abs(b.value) * ratio, 1);
}

describe("the vertical bar chart", () => {
  it("draws bars in proportion to their values, from one baseline", () => {
    const markup = vertical();
    const drawn = bars(markup);
    expect(drawn.map((b) => b.value)).toEqual([0, 3, 1.5, 6]);
    expectProportional(drawn, (b) => b.height);
    expect(drawn[0]!.height).toBe(0);
    const base = baselineY(markup);
    for (const b of drawn) expect(b.y + b.height).toBeCloseTo(base, 1);
    // Left to right in the order given.
    expect(drawn.map((b) => b.x)).toEqual([...drawn.map((b) => b.x)].sort((p, q) => p - q));
  });

  it("writes every value as text, zero included", () => {
    expect(valueLabels(vertical())).toEqual(["0", "3", "1.5", "6"]);
  });

  it("is an image named by its title and described by its data", () => {
    const markup = vertical();
    expect(markup).toMatch(/^<div[^>]*><svg role="img" aria-labelledby="hours-title" aria-describedby="hours-desc" viewBox="0 0 [\d.]+ [\d.]+" width="[\d.]+"/);
    // Sized without a style="" attribute, which the Content-Security-Policy refuses.
    expect(markup).not.toContain("style=");
    expect(textOf(markup, "title")).toBe("Hours exchanged per month");
    const desc = textOf(markup, "desc");
    expect(desc).toContain("Twelve hours in all.");
    expect(desc).toContain("Hours exchanged: January 2026: 0; February 2026: 3; March 2026: 1.5; April 2026: 6.");
    // Axis names with their units, the month names and a legend.
    for (const text of [">Hours<", ">Month (UTC)<", ">Jan<", ">Apr<", ">Hours exchanged<"]) expect(markup).toContain(text);
    expect(markup).toContain('data-part="grid"');
  });

  it("puts two series side by side with different patterns, and names both in the legend", () => {
    const markup = vertical({
      id: "members",
      integer: true,
      series: [
        { label: "Joined", values: [2, 0, 4, 1] },
        { label: "Active", values: [1, 3, 0, 8] },
      ],
    });
    const drawn = bars(markup);
    expect(drawn).toHaveLength(8);
    expectProportional(drawn, (b) => b.height);
    const fills = new Set(drawn.map((b) => `${b.series}:${b.fill}`));
    expect(fills).toEqual(new Set(["0:#004f9c", "1:url(#members-stripes)"]));
    expect(markup).toContain('<pattern id="members-stripes"');
    expect(markup).toMatch(/<rect [^>]*fill="url\(#members-stripes\)"[^>]*><\/rect><text[^>]*>Active<\/text>/);
    expect(valueLabels(markup).sort()).toEqual(["0", "0", "1", "1", "2", "3", "4", "8"]);
    // Whole numbers on the axis for counts.
    const ticks = [...markup.matchAll(/<text [^>]*text-anchor="end" fill="#425563">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks.every((t) => /^\d+$/.test(t!))).toBe(true);
  });

  it("handles all-zero data without NaN", () => {
    const markup = vertical({ series: [{ label: "Hours exchanged", values: [0, 0, 0, 0] }] });
    expect(markup).not.toMatch(/NaN|Infinity/);
    expect(bars(markup).every((b) => b.height === 0)).toBe(true);
    expect(valueLabels(markup)).toEqual(["0", "0", "0", "0"]);
  });

  it("handles no categories at all", () => {
    const markup = vertical({ categories: [], series: [{ label: "Hours exchanged", values: [] }] });
    expect(markup).not.toMatch(/NaN|Infinity/);
    expect(markup).toContain(">No data<");
  });

  it("draws a negative value below the baseline, in proportion", () => {
    const markup = vertical({ series: [{ label: "Net hours", values: [2, -4, 0, 1] }] });
    expect(markup).not.toContain("NaN");
    const drawn = bars(markup);
    expectProportional(drawn, (b) => b.height);
    const base = baselineY(markup);
    expect(drawn[1]!.y).toBeCloseTo(base, 1);
    expect(drawn[0]!.y + drawn[0]!.height).toBeCloseTo(base, 1);
    expect(valueLabels(markup)).toEqual(["2", "−4", "0", "1"]);
  });

  it("turns labels upright when the bars are too narrow for them", () => {
    const narrow = vertical({
      categories: Array.from({ length: 12 }, (_, i) => ({ name: `Month ${i + 1}`, lines: [`M${i + 1}`] })),
      series: [{ label: "Hours exchanged", values: Array.from({ length: 12 }, (_, i) => 1000 + i * 111.25) }],
    });
    expect(narrow).toMatch(/<text [^>]*transform="rotate\(-90 /);
    expect(valueLabels(narrow)).toContain("2,223.75");
    expect(vertical()).not.toContain("rotate(-90");
  });

  it("scrolls sideways inside its card when it has many months, and fits a phone when it has a year", () => {
    const categories = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Month ${i}`, lines: ["Jan"] }));
    const year = vertical({ categories: categories(12), series: [{ label: "Hours", values: Array(12).fill(3) }] });
    const twoYears = vertical({ categories: categories(24), series: [{ label: "Hours", values: Array(24).fill(3) }] });
    const width = (markup: string) => Number(markup.match(/viewBox="0 0 ([\d.]+) /)![1]);
    expect(width(year)).toBeLessThanOrEqual(330);
    expect(year).not.toContain("overflow-x-auto");
    expect(twoYears).toMatch(/^<div class="w-full overflow-x-auto" tabindex="0" role="group"/);
    // Never narrower than 0.85 of its units (a spacer holds the scrolling box open), never wider than 1.5.
    const svgWidth = (markup: string, marker: string) => Number(markup.match(new RegExp(`<svg [^>]*${marker}[^>]*>`))![0].match(/ width="([\d.]+)"/)![1]);
    expect(svgWidth(twoYears, 'data-chart-min="hours"')).toBeCloseTo(width(twoYears) * 0.85, 1);
    expect(svgWidth(twoYears, 'role="img"')).toBeCloseTo(width(twoYears) * 1.5, 1);
    expect(twoYears).toContain('class="h-auto max-w-full"');
    expect(year).not.toContain("data-chart-min");
    expect(twoYears).not.toContain("style=");
  });
});

describe("the histogram", () => {
  const bins: HistogramBin[] = [
    { name: "−10 h or less", lines: ["≤ −10"], count: 2, sign: -1 },
    { name: "−9 h 59 min to −5 h", lines: ["−10", "to −5"], count: 0, sign: -1 },
    { name: "0 h", lines: ["0"], count: 7, sign: 0 },
    { name: "1 min to 5 h", lines: ["0", "to 5"], count: 3, sign: 1 },
  ];
  const render = (list: HistogramBin[]) =>
    renderToStaticMarkup(
      createElement(Histogram, {
        id: "balances",
        title: "Member accounts by balance",
        summary: "12 member accounts.",
        bins: list,
        countLabel: "Member accounts",
        rangeAxisLabel: "Balance (hours)",
        signLabels: { below: "Below zero", zero: "Exactly zero", above: "Above zero" },
      }),
    );

  it("draws one adjacent column per range, in proportion, with negative ranges told apart by pattern", () => {
    const markup = render(bins);
    expect(markup).not.toContain("NaN");
    const drawn = bars(markup);
    expect(drawn.map((b) => b.value)).toEqual([2, 0, 7, 3]);
    expectProportional(drawn, (b) => b.height);
    expect(drawn.map((b) => b.fill)).toEqual(["url(#balances-stripes)", "url(#balances-stripes)", "url(#balances-dots)", "#004f9c"]);
    // Adjacent: the gap between columns is small next to their width.
    expect(drawn[1]!.x - (drawn[0]!.x + drawn[0]!.width)).toBeLessThan(drawn[0]!.width / 4);
    expect(valueLabels(markup)).toEqual(["2", "0", "7", "3"]);
    for (const text of [">≤ −10<", ">to −5<", ">Below zero<", ">Exactly zero<", ">Above zero<", ">Balance (hours)<", ">Member accounts<"]) expect(markup).toContain(text);
    expect(textOf(markup, "desc")).toContain("−9 h 59 min to −5 h: 0");
  });

  it("handles ranges that are all empty", () => {
    const markup = render(bins.map((b) => ({ ...b, count: 0 })));
    expect(markup).not.toMatch(/NaN|Infinity/);
    expect(bars(markup).every((b) => b.height === 0)).toBe(true);
  });

  it("leaves out of the legend a kind of range it does not have", () => {
    const markup = render(bins.filter((b) => b.sign !== 0));
    expect(markup).not.toContain(">Exactly zero<");
    expect(markup).toContain(">Below zero<");
  });
});

describe("the horizontal bar chart", () => {
  const render = (overrides: Partial<HorizontalBarChartProps> = {}) =>
    renderToStaticMarkup(
      createElement(HorizontalBarChart, {
        id: "groups",
        title: "Hours by organisation",
        summary: "North gave the most.",
        rows: ["North Trust", "A very long organisation name that cannot fit on one line of a phone screen", "Not listed"],
        series: [
          { label: "Given", values: [4, 1.25, 0] },
          { label: "Received", values: [2, 0, 3.5] },
        ],
        valueAxisLabel: "Hours",
        ...overrides,
      }),
    );

  it("draws bar lengths in proportion, with each value written at the bar's end", () => {
    const markup = render();
    const drawn = bars(markup);
    expect(drawn).toHaveLength(6);
    expectProportional(drawn, (b) => b.width);
    const base = Number(attributes(markup.match(/<line [^>]*data-part="baseline"[^>]*>/)![0]).x1);
    for (const b of drawn) expect(b.x).toBeCloseTo(base, 1);
    expect(valueLabels(markup)).toEqual(["4", "2", "1.25", "0", "0", "3.5"]);
    expect(new Set(drawn.map((b) => b.fill))).toEqual(new Set(["#004f9c", "url(#groups-stripes)"]));
  });

  it("shortens a long name in the drawing but keeps it whole in the description", () => {
    const markup = render();
    expect(markup).toMatch(/>A very long organisation name[^<]*…</);
    expect(textOf(markup, "desc")).toContain("A very long organisation name that cannot fit on one line of a phone screen: 1.25");
    expect(markup).toMatch(/role="img" aria-labelledby="groups-title" aria-describedby="groups-desc"/);
  });

  it("handles all zeros and no rows without NaN", () => {
    expect(render({ series: [{ label: "Given", values: [0, 0, 0] }] })).not.toMatch(/NaN|Infinity/);
    const empty = render({ rows: [], series: [{ label: "Given", values: [] }] });
    expect(empty).not.toMatch(/NaN|Infinity/);
    expect(empty).toContain(">No data<");
  });
});

describe("the table under a chart", () => {
  it("is a real table with a caption and row and column headers", () => {
    const markup = renderToStaticMarkup(
      createElement(ChartTable, {
        caption: "Hours exchanged per month",
        rowHeader: "Month",
        columns: ["Hours exchanged", "Exchanges"],
        rows: [{ name: "March 2026", cells: ["1 h 30 min", "1"] }],
        total: { name: "Total", cells: ["1 h 30 min", "1"] },
      }),
    );
    expect(markup).toContain("<caption");
    expect(markup).toContain(">Hours exchanged per month</caption>");
    expect(markup).toMatch(/<th scope="col"[^>]*>Month<\/th>/);
    expect(markup).toMatch(/<th scope="row"[^>]*>March 2026<\/th><td[^>]*>1 h 30 min<\/td><td[^>]*>1<\/td>/);
    expect(markup).toMatch(/<tfoot>.*>Total<\/th>/);
    expect(markup).toMatch(/^<details/);
  });
});

describe("valueScale", () => {
  it("runs from 0 to 1 when every value is zero, or there are none", () => {
    expect(valueScale([0, 0])).toMatchObject({ min: 0, max: 1 });
    expect(valueScale([])).toMatchObject({ min: 0, max: 1 });
  });

  it("covers the values in round steps, whole ones for counts", () => {
    expect(valueScale([0, 7.3])).toMatchObject({ min: 0, max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(valueScale([1, 3], { integer: true }).ticks).toEqual([0, 1, 2, 3]);
    expect(valueScale([0.2, 0.3]).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it("reaches below zero for negative values", () => {
    const scale = valueScale([-4, 6]);
    expect(scale.min).toBeLessThanOrEqual(-4);
    expect(scale.ticks).toContain(0);
    expect(scale.at(0)).toBeGreaterThan(0);
  });
});
