import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminsOnly } from "@/components/admin/admins-only";
import { ChartTable } from "@/components/charts/chart-table";
import { Histogram } from "@/components/charts/histogram";
import { HorizontalBarChart } from "@/components/charts/horizontal-bar-chart";
import { monthCategories, monthDate, monthLong } from "@/components/charts/months";
import { PeriodForm } from "@/components/charts/period-form";
import { VerticalBarChart } from "@/components/charts/vertical-bar-chart";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { now } from "@/lib/clock";
import { formatMinutes } from "@/lib/format/minutes";
import type { ReportName } from "@/lib/reports/csv";
import {
  balanceSpread,
  hoursByGroup,
  hoursBySkill,
  hoursByStage,
  hoursPerMonth,
  membersPerMonth,
  monthsFromParam,
  topSkills,
  type GroupDimension,
  type GroupRow,
  type SkillRow,
} from "@/lib/reports/queries";
import { PROJECT_STAGES, STAGE_LABELS, STAGE_SHORT_LABELS } from "@/lib/projects/stages";
import { firstParam } from "@/lib/validation";

export const metadata: Metadata = { title: "Reports" };

const count = new Intl.NumberFormat("en-GB");

const hours = (minutes: number) => minutes / 60;
/** Skills drawn in the hours-by-skill chart; the table lists them all. */
const SKILL_HOURS_SHOWN = 12;

function csvHref(report: ReportName, months?: number): string {
  return months ? `/admin/reports/${report}/csv?months=${months}` : `/admin/reports/${report}/csv`;
}

function ReportCard({ id, title, explanation, csv, children }: { id: string; title: string; explanation: ReactNode; csv: string | null; children: ReactNode }) {
  return (
    <Card aria-labelledby={`${id}-heading`} data-testid={`report-${id}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
        <h2 id={`${id}-heading`} className="text-xl font-semibold text-brand-900">
          {title}
        </h2>
        {csv && (
          // A plain link: the browser downloads the file (a client-side navigation would not).
          <a href={csv} className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-700 underline">
            Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
          </a>
        )}
      </div>
      <p className="mt-1 max-w-prose text-ink-muted">{explanation}</p>
      <div className="mt-4">{children}</div>
    </Card>
  );
}

function busiest<T>(rows: T[], value: (row: T) => number): T | null {
  return rows.reduce<T | null>((best, row) => (value(row) > (best ? value(best) : 0) ? row : best), null);
}

function SkillsChart({ kind, rows }: { kind: "offered" | "requested"; rows: SkillRow[] }) {
  const noun = kind === "offered" ? "offers" : "requests";
  const heading = kind === "offered" ? "Skills offered" : "Skills asked for";
  return (
    <section aria-labelledby={`skills-${kind}-heading`}>
      <h3 id={`skills-${kind}-heading`} className="mb-2 text-lg font-semibold text-ink">
        {heading}
      </h3>
      {rows.length === 0 ? (
        <p className="text-ink-muted">No {noun} have been posted yet.</p>
      ) : (
        <>
          <HorizontalBarChart
            id={`skills-${kind}-chart`}
            title={`${heading}: open ${noun} and all ${noun} ever posted, top ${rows.length}`}
            summary={`${rows[0]!.skill} has the most open ${noun} (${rows[0]!.openListings}).`}
            rows={rows.map((r) => r.skill)}
            series={[
              { label: `Open ${noun}`, values: rows.map((r) => r.openListings) },
              { label: `All ${noun} ever`, values: rows.map((r) => r.allListings) },
            ]}
            valueAxisLabel="Listings"
            integer
          />
          <ChartTable
            caption={`${heading}: listings and completed exchanges by skill`}
            rowHeader="Skill"
            columns={[`Open ${noun}`, `All ${noun} ever`, "Exchanges completed"]}
            rows={rows.map((r) => ({ name: r.skill, cells: [count.format(r.openListings), count.format(r.allListings), count.format(r.exchanges)] }))}
          />
        </>
      )}
    </section>
  );
}

const DIMENSION_WORDS: Record<GroupDimension, { heading: string; noun: string }> = {
  organisation: { heading: "By organisation", noun: "Organisation" },
  region: { heading: "By region", noun: "Region" },
  profession: { heading: "By profession", noun: "Profession" },
};

function GroupChart({ dimension, rows, period }: { dimension: GroupDimension; rows: GroupRow[]; period: string }) {
  const words = DIMENSION_WORDS[dimension];
  const top = busiest(rows, (r) => r.givenMinutes);
  return (
    <section aria-labelledby={`groups-${dimension}-heading`} className="min-w-0">
      <h3 id={`groups-${dimension}-heading`} className="mb-2 text-lg font-semibold text-ink">
        {words.heading}
      </h3>
      <HorizontalBarChart
        id={`groups-${dimension}-chart`}
        title={`Hours given and received ${words.heading.toLowerCase()}, ${period}`}
        summary={top ? `${top.label} gave the most hours (${formatMinutes(top.givenMinutes)}).` : ""}
        rows={rows.map((r) => r.label)}
        series={[
          { label: "Given", values: rows.map((r) => hours(r.givenMinutes)) },
          { label: "Received", values: rows.map((r) => hours(r.receivedMinutes)) },
        ]}
        valueAxisLabel="Hours"
      />
      <ChartTable
        caption={`Hours given and received ${words.heading.toLowerCase()}, ${period}`}
        rowHeader={words.noun}
        columns={["Hours given", "Hours received", "Members trading"]}
        rows={rows.map((r) => ({ name: r.label, cells: [formatMinutes(r.givenMinutes), formatMinutes(r.receivedMinutes), count.format(r.members)] }))}
      />
    </section>
  );
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ months?: string | string[] }> }) {
  const admin = await adminForPage("/admin/reports");
  if (!admin) return <AdminsOnly />;
  const { months: asked } = await searchParams;
  const { months, valid } = monthsFromParam(firstParam(asked));
  const until = now();
  const [exchanged, members, skills, groups, balances, stages, skillHours] = await Promise.all([
    hoursPerMonth({ months, until }),
    membersPerMonth({ months, until }),
    topSkills(),
    hoursByGroup({ months, until }),
    balanceSpread(),
    hoursByStage({ months, until }),
    hoursBySkill({ months, until }),
  ]);
  const busiestStage = busiest(stages.rows, (r) => r.minutes);
  const shownSkills = skillHours.rows.slice(0, SKILL_HOURS_SHOWN);
  const monthRows = exchanged.rows.map((r) => r.month);
  const categories = monthCategories(monthRows);
  const first = monthLong.format(monthDate(monthRows[0]!));
  const last = monthLong.format(monthDate(monthRows[monthRows.length - 1]!));
  const period = `the last ${months} months`;
  const peak = busiest(exchanged.rows, (r) => r.minutes);
  const activity = members.rows.some((r) => r.joined > 0 || r.active > 0);
  const below = balances.buckets.filter((b) => b.sign < 0).reduce((sum, b) => sum + b.accounts, 0);
  const atZero = balances.buckets.filter((b) => b.sign === 0).reduce((sum, b) => sum + b.accounts, 0);

  return (
    <Page title="Reports" intro="How many hours move, who takes part, and which skills are offered and asked for. Every chart has its numbers as a table and as a CSV file.">
      <PeriodForm action="/admin/reports" months={months} />
      <p className="mb-6 max-w-prose text-sm text-ink-muted">
        Monthly reports run from {first} to {last} (calendar months in UTC, this month so far included). Skills and balances are as they are now.
      </p>
      {!valid && (
        <div className="mb-6">
          <Alert tone="warning">Reports cover the last 6, 12 or 24 months; the last {months} months are shown.</Alert>
        </div>
      )}

      <div className="space-y-8">
        <ReportCard
          id="hours"
          title="Hours exchanged per month"
          explanation="Hours that moved from the member who was helped to the member who helped, by the month they moved (when the exchange was confirmed, or its dispute settled). Exchanges an admin reversed are left out."
          csv={exchanged.totalExchanges > 0 ? csvHref("hours-per-month", months) : null}
        >
          {exchanged.totalExchanges === 0 ? (
            <EmptyState title={`No hours exchanged in ${period}`}>
              Hours show here once members confirm exchanges. Choose a longer period to look further back.
            </EmptyState>
          ) : (
            <>
              <VerticalBarChart
                id="hours-chart"
                title={`Hours exchanged per month, ${period}`}
                summary={`${formatMinutes(exchanged.totalMinutes)} in ${count.format(exchanged.totalExchanges)} exchanges; the most in ${monthLong.format(monthDate(peak!.month))} (${formatMinutes(peak!.minutes)}).`}
                categories={categories}
                series={[{ label: "Hours exchanged", values: exchanged.rows.map((r) => hours(r.minutes)) }]}
                valueAxisLabel="Hours"
                categoryAxisLabel="Month (UTC)"
              />
              <ChartTable
                caption={`Hours exchanged per month, ${period}`}
                rowHeader="Month"
                columns={["Hours exchanged", "Exchanges"]}
                rows={exchanged.rows.map((r, i) => ({ name: categories[i]!.name, cells: [formatMinutes(r.minutes), count.format(r.exchanges)] }))}
                total={{ name: "Total", cells: [formatMinutes(exchanged.totalMinutes), count.format(exchanged.totalExchanges)] }}
              />
            </>
          )}
        </ReportCard>

        <ReportCard
          id="members"
          title="Members joining and active per month"
          explanation="New members by the month they were approved, and how many members gave or received hours in an exchange that month."
          csv={activity ? csvHref("members-per-month", months) : null}
        >
          {!activity ? (
            <EmptyState title={`No members joined or exchanged hours in ${period}`}>
              Members show here once an admin approves them on the Members tab and they start exchanging.
            </EmptyState>
          ) : (
            <>
              <VerticalBarChart
                id="members-chart"
                title={`Members joining and active per month, ${period}`}
                summary={`${count.format(members.totalJoined)} members joined in ${period}.`}
                categories={categories}
                series={[
                  { label: "Joined", values: members.rows.map((r) => r.joined) },
                  { label: "Active", values: members.rows.map((r) => r.active) },
                ]}
                valueAxisLabel="Members"
                categoryAxisLabel="Month (UTC)"
                integer
              />
              <ChartTable
                caption={`Members joining and active per month, ${period}`}
                rowHeader="Month"
                columns={["Joined", "Active"]}
                rows={members.rows.map((r, i) => ({ name: categories[i]!.name, cells: [count.format(r.joined), count.format(r.active)] }))}
                total={{ name: "Total joined", cells: [count.format(members.totalJoined), ""] }}
              />
            </>
          )}
        </ReportCard>

        <ReportCard
          id="skills"
          title="Top skills offered and asked for"
          explanation="The skills with the most open offers and requests now, with every listing ever posted for them and the exchanges completed through those listings."
          csv={skills.offered.length + skills.requested.length > 0 ? csvHref("top-skills") : null}
        >
          {skills.offered.length + skills.requested.length === 0 ? (
            <EmptyState title="No offers or requests yet">Skills show here once members post offers of help and requests for it.</EmptyState>
          ) : (
            <div className="grid gap-8 lg:grid-cols-2">
              <SkillsChart kind="offered" rows={skills.offered} />
              <SkillsChart kind="requested" rows={skills.requested} />
            </div>
          )}
        </ReportCard>

        <ReportCard
          id="stages"
          title="Hours by project stage"
          explanation={`Hours exchanged in ${period} for requests that belong to an improvement project, by the stage the project was in when the hours moved. Hours for requests outside any project are counted below the table.`}
          csv={stages.totalMinutes + stages.outside.minutes > 0 ? csvHref("hours-by-stage", months) : null}
        >
          {stages.totalMinutes === 0 ? (
            <EmptyState title={`No hours exchanged for improvement projects in ${period}`}>
              Stages show here once members confirm exchanges for requests that belong to a project.
              {stages.outside.exchanges > 0 && ` ${formatMinutes(stages.outside.minutes)} were exchanged outside projects.`}
            </EmptyState>
          ) : (
            <>
              <VerticalBarChart
                id="stages-chart"
                title={`Hours exchanged for improvement projects by stage, ${period}`}
                summary={`${formatMinutes(stages.totalMinutes)} for projects; the most at “${STAGE_LABELS[busiestStage!.stage]}” (${formatMinutes(busiestStage!.minutes)}).`}
                categories={PROJECT_STAGES.map((stage) => ({ name: STAGE_LABELS[stage], lines: STAGE_SHORT_LABELS[stage] }))}
                series={[{ label: "Hours exchanged", values: stages.rows.map((r) => hours(r.minutes)) }]}
                valueAxisLabel="Hours"
                categoryAxisLabel="Project stage"
              />
              <ChartTable
                caption={`Hours exchanged for improvement projects by stage, ${period}`}
                rowHeader="Stage"
                columns={["Hours exchanged", "Exchanges", "Projects"]}
                rows={stages.rows.map((r) => ({ name: STAGE_LABELS[r.stage], cells: [formatMinutes(r.minutes), count.format(r.exchanges), count.format(r.projects)] }))}
                total={{ name: "Total for projects", cells: [formatMinutes(stages.totalMinutes), count.format(stages.rows.reduce((sum, r) => sum + r.exchanges, 0)), ""] }}
              />
              <p className="mt-3 text-sm text-ink-muted">
                Outside projects: {formatMinutes(stages.outside.minutes)} in {count.format(stages.outside.exchanges)} exchanges.
              </p>
            </>
          )}
        </ReportCard>

        <ReportCard
          id="skill-hours"
          title="Hours by skill"
          explanation={`Hours exchanged in ${period} by the skill of the offer or request each exchange came from, and how many members gave each skill.`}
          csv={skillHours.totalMinutes > 0 ? csvHref("hours-by-skill", months) : null}
        >
          {skillHours.totalMinutes === 0 ? (
            <EmptyState title={`No hours exchanged in ${period}`}>Skills show here once members confirm exchanges.</EmptyState>
          ) : (
            <>
              <HorizontalBarChart
                id="skill-hours-chart"
                title={`Hours exchanged by skill, ${period}${skillHours.rows.length > SKILL_HOURS_SHOWN ? `, top ${SKILL_HOURS_SHOWN}` : ""}`}
                summary={`${shownSkills[0]!.skill} had the most hours (${formatMinutes(shownSkills[0]!.minutes)}).`}
                rows={shownSkills.map((r) => r.skill)}
                series={[{ label: "Hours exchanged", values: shownSkills.map((r) => hours(r.minutes)) }]}
                valueAxisLabel="Hours"
              />
              <ChartTable
                caption={`Hours exchanged by skill, ${period}`}
                rowHeader="Skill"
                columns={["Hours exchanged", "Exchanges", "Members who gave it"]}
                rows={skillHours.rows.map((r) => ({ name: r.skill, cells: [formatMinutes(r.minutes), count.format(r.exchanges), count.format(r.helpers)] }))}
                total={{ name: "Total", cells: [formatMinutes(skillHours.totalMinutes), count.format(skillHours.rows.reduce((sum, r) => sum + r.exchanges, 0)), ""] }}
              />
            </>
          )}
        </ReportCard>

        <ReportCard
          id="groups"
          title="Hours given and received by organisation, region and profession"
          explanation={`Hours members gave (as the helper) and received (as the one helped) in ${period}, by the organisation, region and profession on their profile. Members who did not give one are counted as “Not listed”.`}
          csv={groups.totalGivenMinutes > 0 ? csvHref("hours-by-group", months) : null}
        >
          {groups.totalGivenMinutes === 0 ? (
            <EmptyState title={`No hours exchanged in ${period}`}>
              Groups show here once members confirm exchanges. Choose a longer period to look further back.
            </EmptyState>
          ) : (
            <div className="grid gap-8 md:grid-cols-2 xl:grid-cols-3">
              {(["organisation", "region", "profession"] as const).map((dimension) => (
                <GroupChart key={dimension} dimension={dimension} rows={groups[dimension]} period={period} />
              ))}
            </div>
          )}
        </ReportCard>

        <ReportCard
          id="balances"
          title="The spread of balances"
          explanation="How many member accounts hold each range of balance now. Below zero, a member has received more hours than they have given; each range includes its ends."
          csv={balances.totalAccounts > 0 ? csvHref("balance-spread") : null}
        >
          {balances.totalAccounts === 0 ? (
            <EmptyState title="No member accounts yet">An account opens when an admin approves a member on the Members tab.</EmptyState>
          ) : (
            <>
              <Histogram
                id="balances-chart"
                title="Member accounts by balance, now"
                summary={`${count.format(balances.totalAccounts)} member accounts: ${count.format(below)} below zero, ${count.format(atZero)} at zero and ${count.format(balances.totalAccounts - below - atZero)} above zero.`}
                bins={balances.buckets.map((b) => ({ name: b.label, lines: b.axisLines, count: b.accounts, sign: b.sign }))}
                countLabel="Member accounts"
                rangeAxisLabel="Balance (hours)"
                signLabels={{ below: "Below zero", zero: "Exactly zero", above: "Above zero" }}
              />
              <ChartTable
                caption="Member accounts by balance, now"
                rowHeader="Balance"
                columns={["Member accounts"]}
                rows={balances.buckets.map((b) => ({ name: b.label, cells: [count.format(b.accounts)] }))}
                total={{ name: "Total", cells: [count.format(balances.totalAccounts)] }}
              />
            </>
          )}
        </ReportCard>
      </div>
    </Page>
  );
}
