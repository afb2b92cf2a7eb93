// Columns over categories (months): one series is a bar chart, two or three a grouped one (joined
// and active members side by side). Every bar carries its value as text, above it (or below it when
// negative), turned upright when the bars are too narrow for the text; the fills differ in pattern
// as well as colour, and the legend names them.
import {
  COLOURS,
  ChartFrame,
  FONT,
  Legend,
  SERIES_FILLS,
  SMALL_FONT,
  describeValues,
  fillStyle,
  formatNumber,
  legendLayout,
  round,
  textWidth,
  valueScale,
  type FillName,
  type LegendItem,
} from "./chart-kit";

export interface ChartCategory {
  /** In full, for the description: "March 2026". */
  name: string;
  /** One or two short lines under the axis: ["Mar", "2026"]. */
  lines: string[];
}

export interface ChartSeries {
  label: string;
  values: number[];
}

export interface VerticalBarChartProps {
  id: string;
  title: string;
  /** One sentence on what the data shows; every value is added to it for screen readers. */
  summary: string;
  categories: ChartCategory[];
  series: ChartSeries[];
  /** The value axis's name with its unit: "Hours", "Members". */
  valueAxisLabel: string;
  categoryAxisLabel: string;
  formatValue?: (value: number) => string;
  /** Counts: ticks on whole numbers only. */
  integer?: boolean;
}

interface ColumnLayout {
  barWidth: number;
  /** Between the bars of one category. */
  innerGap: number;
  /** Around each category's group of bars. */
  slotPadding: number;
  /** The widest a bar may grow to when there are few categories. */
  maxBarWidth: number;
  fillOf: (series: number, category: number) => FillName;
  legend: LegendItem[];
}

const MIN_WIDTH = 320;
const RIGHT = 8;
const PLOT_HEIGHT = 150;
const LINE = 13;

/** The drawing shared by the bar chart and the histogram. */
export function ColumnChart(props: VerticalBarChartProps & ColumnLayout) {
  const { id, title, summary, categories, series, valueAxisLabel, categoryAxisLabel, integer, fillOf, legend, innerGap, slotPadding, maxBarWidth } = props;
  const format = props.formatValue ?? formatNumber;
  const n = categories.length;
  const s = Math.max(1, series.length);
  const value = (si: number, ci: number) => {
    const v = series[si]?.values[ci];
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  };
  const all = series.flatMap((_, si) => categories.map((__, ci) => value(si, ci)));
  const scale = valueScale(all, { integer });
  const tickWidth = Math.max(...scale.ticks.map((t) => textWidth(format(t))));
  const left = Math.max(24, tickWidth + 8);

  // Bars keep their width; with few categories the slots widen (and the bars with them) to fill.
  let barWidth = props.barWidth;
  let slot = s * barWidth + (s - 1) * innerGap + slotPadding;
  const room = MIN_WIDTH - left - RIGHT;
  if (n > 0 && n * slot < room) {
    slot = room / n;
    barWidth = Math.min(maxBarWidth, (slot - slotPadding - (s - 1) * innerGap) / s);
  }
  const plotWidth = n * slot;
  const width = Math.max(MIN_WIDTH, left + plotWidth + RIGHT);

  const labels = series.map((_, si) => categories.map((__, ci) => format(value(si, ci))));
  const widest = Math.max(0, ...labels.flat().map((l) => textWidth(l)));
  const labelSpace = s === 1 ? slot - 2 : barWidth + innerGap;
  const upright = widest > labelSpace;
  const labelRoom = (upright ? widest : SMALL_FONT) + 6;
  const negative = scale.min < 0;

  const legendBox = legendLayout(legend, width);
  const unitY = legendBox.height + FONT;
  const plotTop = unitY + 6 + labelRoom;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const y = (v: number) => plotBottom - scale.at(v) * PLOT_HEIGHT;
  const zeroY = y(0);
  const axisY = plotBottom + (negative ? labelRoom : 0);
  const lines = Math.max(1, ...categories.map((c) => c.lines.length));
  const titleY = axisY + 14 + lines * LINE + 4;
  const height = titleY + 6;
  const groupWidth = s * barWidth + (s - 1) * innerGap;

  const description = `${summary} ${series
    .map((sr, si) => `${sr.label}: ${describeValues(categories.map((c) => c.name), categories.map((_, ci) => value(si, ci)), format)}.`)
    .join(" ")}`.trim();

  return (
    <ChartFrame id={id} title={title} description={description} width={width} height={height}>
      <Legend chartId={id} items={legend} x={0} y={0} width={width} />
      <text x={0} y={unitY} fontSize={FONT} fontWeight="600" fill={COLOURS.ink}>
        {valueAxisLabel}
      </text>
      <g data-part="grid">
        {scale.ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={round(left + plotWidth)} y1={round(y(t))} y2={round(y(t))} stroke={COLOURS.line} strokeWidth={1} />
            <text x={left - 4} y={round(y(t) + 4)} fontSize={SMALL_FONT} textAnchor="end" fill={COLOURS.inkMuted}>
              {format(t)}
            </text>
          </g>
        ))}
      </g>
      {n === 0 && (
        <text x={round(left + (width - left) / 2)} y={round(plotTop + PLOT_HEIGHT / 2)} fontSize={FONT} textAnchor="middle" fill={COLOURS.ink}>
          No data
        </text>
      )}
      <g data-part="bars">
        {categories.map((category, ci) => {
          const start = left + ci * slot + (slot - groupWidth) / 2;
          return (
            <g key={`${category.name}-${ci}`}>
              {series.map((sr, si) => {
                const v = value(si, ci);
                const x = start + si * (barWidth + innerGap);
                const top = Math.min(y(v), zeroY);
                const barHeight = Math.abs(y(v) - zeroY);
                const style = fillStyle(id, fillOf(si, ci));
                const cx = x + barWidth / 2;
                const labelY = v < 0 ? top + barHeight + 4 : top - 4;
                return (
                  <g key={sr.label}>
                    <rect
                      x={round(x)}
                      y={round(top)}
                      width={round(barWidth)}
                      height={round(barHeight)}
                      fill={style.fill}
                      stroke={style.stroke}
                      strokeWidth={barHeight > 0 ? 1 : 0}
                      data-value={v}
                      data-series={si}
                    />
                    {upright ? (
                      <text
                        x={round(cx)}
                        y={round(labelY)}
                        transform={`rotate(-90 ${round(cx)} ${round(labelY)})`}
                        fontSize={SMALL_FONT}
                        textAnchor={v < 0 ? "end" : "start"}
                        dominantBaseline="central"
                        fill={COLOURS.ink}
                        data-label={si}
                      >
                        {labels[si]![ci]}
                      </text>
                    ) : (
                      <text
                        x={round(cx)}
                        y={round(v < 0 ? labelY + SMALL_FONT - 2 : labelY)}
                        fontSize={SMALL_FONT}
                        textAnchor="middle"
                        fill={COLOURS.ink}
                        data-label={si}
                      >
                        {labels[si]![ci]}
                      </text>
                    )}
                  </g>
                );
              })}
              {category.lines.map((line, li) => (
                <text
                  key={li}
                  x={round(left + ci * slot + slot / 2)}
                  y={round(axisY + 14 + li * LINE)}
                  fontSize={li === 0 ? SMALL_FONT : SMALL_FONT - 1}
                  textAnchor="middle"
                  fill={li === 0 ? COLOURS.ink : COLOURS.inkMuted}
                >
                  {line}
                </text>
              ))}
            </g>
          );
        })}
      </g>
      <line x1={left} x2={left} y1={plotTop} y2={plotBottom} stroke={COLOURS.inkMuted} strokeWidth={1} />
      <line x1={left} x2={round(left + plotWidth)} y1={round(zeroY)} y2={round(zeroY)} stroke={COLOURS.ink} strokeWidth={1.5} data-part="baseline" />
      <text x={round(left + plotWidth / 2)} y={round(titleY)} fontSize={FONT} fontWeight="600" textAnchor="middle" fill={COLOURS.ink}>
        {categoryAxisLabel}
      </text>
    </ChartFrame>
  );
}

/** A bar chart (one series) or a grouped bar chart (two or three series side by side). */
export function VerticalBarChart(props: VerticalBarChartProps) {
  const grouped = props.series.length > 1;
  return (
    <ColumnChart
      {...props}
      barWidth={grouped ? 9 : 14}
      innerGap={grouped ? 1 : 0}
      slotPadding={grouped ? 6 : 8}
      maxBarWidth={40}
      fillOf={(si) => SERIES_FILLS[si % SERIES_FILLS.length]!}
      legend={props.series.map((sr, si) => ({ label: sr.label, fill: SERIES_FILLS[si % SERIES_FILLS.length]! }))}
    />
  );
}
