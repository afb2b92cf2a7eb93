// What the report charts share: a value scale with round ticks, the fills that tell series apart
// without colour (solid, stripes, dots), a legend drawn in the chart, the title and description a
// screen reader reads, and the sizing that keeps text legible from a 360 px phone to a desktop.
// Charts are plain SVG drawn on the server: no script, no chart library.
import type { ReactNode } from "react";

// The palette of app/globals.css, as colours the SVG can use without the stylesheet.
export const COLOURS = {
  ink: "#1d2a33",
  inkMuted: "#425563",
  line: "#d8dde0",
  white: "#ffffff",
  brand700: "#004f9c",
  brand900: "#002c57",
  request700: "#005f54",
  request800: "#004a41",
} as const;

/** Text sizes in the chart's own units; the sizing below keeps one unit near one CSS pixel. */
export const FONT = 12;
export const SMALL_FONT = 11;
/** How wide a character is, roughly, as a share of the font size (for laying out labels). */
const CHAR_WIDTH = 0.6;

export function textWidth(text: string, size = SMALL_FONT): number {
  return text.length * size * CHAR_WIDTH;
}

/** A number for a label: at most two decimals, thousands separated, a true minus sign. */
export function formatNumber(value: number): string {
  const text = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(Math.abs(value));
  return value < 0 && text !== "0" ? `−${text}` : text;
}

export interface ValueScale {
  min: number;
  max: number;
  ticks: number[];
  /** A value's position between 0 (min) and 1 (max). */
  at(value: number): number;
}

/** 1, 2, 2.5 or 5 times a power of ten: the tick step nearest above `raw`. */
function niceStep(raw: number, integer: boolean): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * power;
  return integer ? Math.max(1, Math.ceil(step)) : step;
}

/**
 * A scale from the lower of 0 and the smallest value to the higher of 0 and the largest, in round
 * steps (about four). All zeros (or no values) give 0 to 1, so nothing divides by zero.
 */
export function valueScale(values: number[], { integer = false, targetTicks = 4 }: { integer?: boolean; targetTicks?: number } = {}): ValueScale {
  const finite = values.filter(Number.isFinite);
  const low = Math.min(0, ...finite);
  let high = Math.max(0, ...finite);
  if (low === high) high = 1;
  const step = niceStep((high - low) / targetTicks, integer);
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const count = Math.round((max - min) / step);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((min + i * step).toFixed(10)));
  return { min, max, ticks, at: (value) => (Number.isFinite(value) ? (value - min) / (max - min) : 0) };
}

// ---------------------------------------------------------------------------------------------
// Fills: each series (or kind of bar) has a fill that differs in pattern, not only in colour.

export type FillName = "solid" | "stripes" | "dots";

export interface FillStyle {
  fill: string;
  stroke: string;
}

export function fillStyle(chartId: string, name: FillName): FillStyle {
  switch (name) {
    case "solid":
      return { fill: COLOURS.brand700, stroke: COLOURS.brand900 };
    case "stripes":
      return { fill: `url(#${chartId}-stripes)`, stroke: COLOURS.request800 };
    case "dots":
      return { fill: `url(#${chartId}-dots)`, stroke: COLOURS.ink };
  }
}

/** The order series take their fills in. */
export const SERIES_FILLS: FillName[] = ["solid", "stripes", "dots"];

export function FillPatterns({ chartId }: { chartId: string }) {
  return (
    <defs>
      <pattern id={`${chartId}-stripes`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={COLOURS.white} />
        <rect width="3" height="6" fill={COLOURS.request700} />
      </pattern>
      <pattern id={`${chartId}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill={COLOURS.white} />
        <circle cx="2.5" cy="2.5" r="1.4" fill={COLOURS.ink} />
      </pattern>
    </defs>
  );
}

export interface LegendItem {
  label: string;
  fill: FillName;
}

const LEGEND_ROW = 20;
const SWATCH = 12;

/** How tall a legend is when its items wrap within `width`. */
export function legendLayout(items: LegendItem[], width: number): { height: number; positions: { x: number; y: number }[] } {
  const positions: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const item of items) {
    const w = SWATCH + 6 + textWidth(item.label, FONT) + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      y += LEGEND_ROW;
    }
    positions.push({ x, y });
    x += w;
  }
  return { height: items.length ? y + LEGEND_ROW : 0, positions };
}

/** The legend: each item's fill as a swatch, with its name in text beside it. */
export function Legend({ chartId, items, x, y, width }: { chartId: string; items: LegendItem[]; x: number; y: number; width: number }) {
  const { positions } = legendLayout(items, width);
  return (
    <g transform={`translate(${x} ${y})`} data-part="legend">
      {items.map((item, i) => {
        const style = fillStyle(chartId, item.fill);
        const p = positions[i]!;
        return (
          <g key={item.label} transform={`translate(${round(p.x)} ${round(p.y)})`}>
            <rect width={SWATCH} height={SWATCH} y={1} fill={style.fill} stroke={style.stroke} strokeWidth={1} />
            <text x={SWATCH + 6} y={SWATCH} fontSize={FONT} fill={COLOURS.ink}>
              {item.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

// ---------------------------------------------------------------------------------------------
// The frame: an accessible, responsive <svg>.

/** Below this many units wide a chart scales down with its card; wider ones scroll sideways. */
const SCROLL_ABOVE_WIDTH = 400;
/** Never shrink text below this share of its size (11 units -> about 9.4 px). */
const MIN_SCALE = 0.85;
/** Never grow text beyond this share of its size on a wide screen. */
const MAX_SCALE = 1.5;

export function ChartFrame({
  id,
  title,
  description,
  width,
  height,
  children,
}: {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  children: ReactNode;
}) {
  const scrolls = width > SCROLL_ABOVE_WIDTH;
  // Sized by attributes and classes, never a style="" attribute (the Content-Security-Policy
  // refuses those): the width attribute is the largest size, max-w-full shrinks it with its card.
  const svg = (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      viewBox={`0 0 ${round(width)} ${round(height)}`}
      width={round(width * MAX_SCALE)}
      height={round(height * MAX_SCALE)}
      className="h-auto max-w-full"
      preserveAspectRatio="xMinYMin meet"
      fontFamily="inherit"
      data-chart={id}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <FillPatterns chartId={id} />
      {children}
    </svg>
  );
  if (!scrolls) return <div className="w-full">{svg}</div>;
  // A wide chart (two years of months) scrolls inside its card at phone widths, never the page. The
  // empty spacer svg holds the inner box at least at the smallest size (a chart with max-width:
  // 100% does not count towards min-content), so the chart shrinks with its card down to that
  // size and scrolls below it.
  return (
    <div className="w-full overflow-x-auto" tabIndex={0} role="group" aria-label={`${title} (scrolls sideways on a narrow screen)`}>
      <div className="min-w-min">
        <svg aria-hidden="true" focusable="false" width={round(width * MIN_SCALE)} height={0} className="block" data-chart-min={id} />
        {svg}
      </div>
    </div>
  );
}

/** Coordinates to two decimals, so the markup stays short and stable. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** "Jan 2026 3; Feb 2026 0": every value in words, for the chart's description. */
export function describeValues(names: string[], values: number[], format: (v: number) => string): string {
  return names.map((name, i) => `${name}: ${format(values[i] ?? 0)}`).join("; ");
}
