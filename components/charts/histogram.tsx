// A histogram: adjacent columns, one per range of values (balances), each with its count as text.
// Ranges below zero, at zero and above zero are told apart by pattern (stripes, dots, solid) as
// well as colour, and the legend says which is which.
import type { FillName, LegendItem } from "./chart-kit";
import { ColumnChart, type ChartCategory } from "./vertical-bar-chart";

export interface HistogramBin extends ChartCategory {
  count: number;
  /** Whether the range lies below zero (-1), is exactly zero (0) or lies above it (1). */
  sign: -1 | 0 | 1;
}

const FILL_BY_SIGN: Record<HistogramBin["sign"], FillName> = { [-1]: "stripes", 0: "dots", 1: "solid" };

export function Histogram({
  id,
  title,
  summary,
  bins,
  countLabel,
  rangeAxisLabel,
  signLabels,
}: {
  id: string;
  title: string;
  summary: string;
  bins: HistogramBin[];
  /** What is counted, with its unit: "Member accounts". */
  countLabel: string;
  /** What the ranges are of, with their unit: "Balance (hours)". */
  rangeAxisLabel: string;
  /** The legend's words for ranges below, at and above zero. */
  signLabels: { below: string; zero: string; above: string };
}) {
  const signs = new Set(bins.map((b) => b.sign));
  const legend: LegendItem[] = [
    { sign: -1 as const, label: signLabels.below },
    { sign: 0 as const, label: signLabels.zero },
    { sign: 1 as const, label: signLabels.above },
  ]
    .filter((item) => signs.has(item.sign))
    .map((item) => ({ label: item.label, fill: FILL_BY_SIGN[item.sign] }));
  return (
    <ColumnChart
      id={id}
      title={title}
      summary={summary}
      categories={bins}
      series={[{ label: countLabel, values: bins.map((b) => b.count) }]}
      valueAxisLabel={countLabel}
      categoryAxisLabel={rangeAxisLabel}
      integer
      barWidth={34}
      innerGap={0}
      slotPadding={2}
      maxBarWidth={Infinity}
      fillOf={(_, ci) => FILL_BY_SIGN[bins[ci]?.sign ?? 1]}
      legend={legend}
    />
  );
}
