// A campaign's hours week by week (or in groups of weeks for a long campaign) as a server-rendered
// bar chart, with the running total against the target in the table beneath it.
import { ChartTable } from "@/components/charts/chart-table";
import { VerticalBarChart } from "@/components/charts/vertical-bar-chart";
import type { ChartBar } from "@/lib/campaigns/queries";
import { formatMinutes } from "@/lib/format/minutes";
import { percentOf } from "./campaign-progress";

const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export function CampaignProgressChart({ bars, weeksPerBar, targetMinutes }: { bars: ChartBar[]; weeksPerBar: number; targetMinutes: number }) {
  const unit = weeksPerBar === 1 ? "week" : `${weeksPerBar} weeks`;
  const categories = bars.map((b) => ({ name: `${unit === "week" ? "The week" : `The ${unit}`} from ${longDay.format(b.from)}`, lines: [shortDay.format(b.from)] }));
  const total = bars.at(-1)?.cumulativeMinutes ?? 0;
  return (
    <>
      <VerticalBarChart
        id="campaign-chart"
        title={weeksPerBar === 1 ? "Hours exchanged each week" : `Hours exchanged every ${weeksPerBar} weeks`}
        summary={`${formatMinutes(total)} exchanged so far, ${percentOf(total, targetMinutes)}% of the target of ${formatMinutes(targetMinutes)}.`}
        categories={categories}
        series={[{ label: "Hours exchanged", values: bars.map((b) => hours(b.minutes)) }]}
        valueAxisLabel="Hours"
        categoryAxisLabel={weeksPerBar === 1 ? "Week starting" : `${weeksPerBar} weeks starting`}
      />
      <ChartTable
        caption="Hours exchanged for the campaign, and the running total against its target"
        rowHeader={weeksPerBar === 1 ? "Week starting" : `${weeksPerBar} weeks starting`}
        columns={["Hours exchanged", "Running total", "Of the target"]}
        rows={bars.map((b) => ({ name: longDay.format(b.from), cells: [formatMinutes(b.minutes), formatMinutes(b.cumulativeMinutes), `${percentOf(b.cumulativeMinutes, targetMinutes)}%`] }))}
        total={{ name: "Total", cells: [formatMinutes(total), formatMinutes(total), `${percentOf(total, targetMinutes)}%`] }}
      />
    </>
  );
}
