// Horizontal bars for named things (skills, organisations): each row's name on its own line above
// its bars, so long names need no room beside the bars and the chart fits a phone. One series or
// two or three side by side (given and received); each bar has its value as text at its end.
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
} from "./chart-kit";
import type { ChartSeries } from "./vertical-bar-chart";

export interface HorizontalBarChartProps {
  id: string;
  title: string;
  summary: string;
  /** The rows' names, in order. */
  rows: string[];
  series: ChartSeries[];
  /** The value axis's name with its unit: "Hours", "Listings". */
  valueAxisLabel: string;
  formatValue?: (value: number) => string;
  integer?: boolean;
}

const WIDTH = 320;
const LEFT = 4;
const BAR = 12;
const BAR_GAP = 2;
const ROW_GAP = 10;
const NAME_HEIGHT = 16;

/** A name cut to fit the chart's width, with an ellipsis when cut (the table has it in full). */
function fitted(name: string): string {
  const max = Math.floor((WIDTH - 2 * LEFT) / (FONT * 0.6));
  return name.length <= max ? name : `${name.slice(0, max - 1).trimEnd()}…`;
}

export function HorizontalBarChart({ id, title, summary, rows, series, valueAxisLabel, formatValue, integer }: HorizontalBarChartProps) {
  const format = formatValue ?? formatNumber;
  const value = (si: number, ri: number) => {
    const v = series[si]?.values[ri];
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  };
  const scale = valueScale(series.flatMap((_, si) => rows.map((__, ri) => value(si, ri))), { integer });
  const widest = Math.max(textWidth(format(scale.max)), ...series.flatMap((_, si) => rows.map((__, ri) => textWidth(format(value(si, ri))))));
  const negativeRoom = scale.min < 0 ? widest + 6 : 0;
  const plotLeft = LEFT + negativeRoom;
  const plotWidth = WIDTH - plotLeft - (widest + 8);
  const x = (v: number) => plotLeft + scale.at(v) * plotWidth;
  const zeroX = x(0);

  const legend = series.map((sr, si) => ({ label: sr.label, fill: SERIES_FILLS[si % SERIES_FILLS.length]! }));
  const legendBox = legendLayout(legend, WIDTH);
  const s = Math.max(1, series.length);
  const rowHeight = NAME_HEIGHT + s * BAR + (s - 1) * BAR_GAP + ROW_GAP;
  const plotTop = legendBox.height + 4;
  const plotBottom = plotTop + Math.max(1, rows.length) * rowHeight;
  const tickY = plotBottom + 14;
  const titleY = tickY + 18;
  const height = titleY + 6;

  const description = `${summary} ${series.map((sr, si) => `${sr.label}: ${describeValues(rows, rows.map((_, ri) => value(si, ri)), format)}.`).join(" ")}`.trim();

  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={height}>
      <Legend chartId={id} items={legend} x={0} y={0} width={WIDTH} />
      <g data-part="grid">
        {scale.ticks.map((t) => (
          <g key={t}>
            <line x1={round(x(t))} x2={round(x(t))} y1={plotTop} y2={plotBottom} stroke={COLOURS.line} strokeWidth={1} />
            <text x={round(x(t))} y={round(tickY)} fontSize={SMALL_FONT} textAnchor="middle" fill={COLOURS.inkMuted}>
              {format(t)}
            </text>
          </g>
        ))}
      </g>
      {rows.length === 0 && (
        <text x={WIDTH / 2} y={round(plotTop + rowHeight / 2)} fontSize={FONT} textAnchor="middle" fill={COLOURS.ink}>
          No data
        </text>
      )}
      <g data-part="bars">
        {rows.map((name, ri) => {
          const rowTop = plotTop + ri * rowHeight;
          return (
            <g key={`${name}-${ri}`}>
              <text x={LEFT} y={round(rowTop + FONT)} fontSize={FONT} fontWeight="600" fill={COLOURS.ink}>
                {fitted(name)}
              </text>
              {series.map((sr, si) => {
                const v = value(si, ri);
                const barY = rowTop + NAME_HEIGHT + si * (BAR + BAR_GAP);
                const start = Math.min(zeroX, x(v));
                const length = Math.abs(x(v) - zeroX);
                const style = fillStyle(id, SERIES_FILLS[si % SERIES_FILLS.length]!);
                return (
                  <g key={sr.label}>
                    <rect
                      x={round(start)}
                      y={round(barY)}
                      width={round(length)}
                      height={BAR}
                      fill={style.fill}
                      stroke={style.stroke}
                      strokeWidth={length > 0 ? 1 : 0}
                      data-value={v}
                      data-series={si}
                    />
                    <text
                      x={round(v < 0 ? start - 4 : start + length + 4)}
                      y={round(barY + BAR - 2)}
                      fontSize={SMALL_FONT}
                      textAnchor={v < 0 ? "end" : "start"}
                      fill={COLOURS.ink}
                      data-label={si}
                    >
                      {format(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </g>
      <line x1={round(zeroX)} x2={round(zeroX)} y1={plotTop} y2={plotBottom} stroke={COLOURS.ink} strokeWidth={1.5} data-part="baseline" />
      <text x={round(plotLeft + plotWidth / 2)} y={round(titleY)} fontSize={FONT} fontWeight="600" textAnchor="middle" fill={COLOURS.ink}>
        {valueAxisLabel}
      </text>
    </ChartFrame>
  );
}
