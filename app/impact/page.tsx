// The bank's impact, for anyone (funders, boards, partners): hours exchanged, improvement projects
// helped, who takes part and which skills move. Counts only; small groups are folded together
// (lib/reports/impact.ts) and the figures are cached for a few minutes.
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ChartTable } from "@/components/charts/chart-table";
import { HorizontalBarChart } from "@/components/charts/horizontal-bar-chart";
import { monthCategories, monthDate, monthLong } from "@/components/charts/months";
import { PeriodForm } from "@/components/charts/period-form";
import { Figures } from "@/components/ui/figures";
import { VerticalBarChart } from "@/components/charts/vertical-bar-chart";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { formatMinutes } from "@/lib/format/minutes";
import { PROJECT_STAGES, STAGE_LABELS, STAGE_SHORT_LABELS } from "@/lib/projects/stages";
import { cachedImpact, IMPACT_CACHE_MS, IMPACT_MIN_GROUP, IMPACT_SKILLS_SHOWN, type MemberGroup } from "@/lib/reports/impact";
import { monthsFromParam } from "@/lib/reports/queries";
import { firstParam } from "@/lib/validation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Our impact",
  description: "Hours exchanged, improvement projects helped, and who takes part in the time bank.",
};

const count = new Intl.NumberFormat("en-GB");
const hours = (minutes: number) => minutes / 60;
const readAtFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" });

function Section({ id, title, intro, children }: { id: string; title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <Card aria-labelledby={`${id}-heading`} data-testid={`impact-${id}`}>
      <h2 id={`${id}-heading`} className="text-xl font-semibold text-brand-900">
        {title}
      </h2>
      <p className="mt-1 max-w-prose text-ink-muted">{intro}</p>
      <div className="mt-4">{children}</div>
    </Card>
  );
}

function MembersChart({ id, title, noun, rows }: { id: string; title: string; noun: string; rows: MemberGroup[] }) {
  const total = rows.reduce((sum, r) => sum + r.members, 0);
  const top = rows.find((r) => r.kind === "group");
  return (
    <section aria-labelledby={`${id}-heading`} className="min-w-0">
      <h3 id={`${id}-heading`} className="mb-2 text-lg font-semibold text-ink">
        {title}
      </h3>
      <HorizontalBarChart
        id={`${id}-chart`}
        title={`Active members ${title.toLowerCase()}`}
        summary={top ? `${count.format(total)} active members; the most from ${top.label} (${count.format(top.members)}).` : `${count.format(total)} active members.`}
        rows={rows.map((r) => r.label)}
        series={[{ label: "Active members", values: rows.map((r) => r.members) }]}
        valueAxisLabel="Members"
        integer
      />
      <ChartTable
        caption={`Active members ${title.toLowerCase()}`}
        rowHeader={noun}
        columns={["Active members"]}
        rows={rows.map((r) => ({ name: r.label, cells: [count.format(r.members)] }))}
        total={{ name: "Total", cells: [count.format(total)] }}
      />
    </section>
  );
}

export default async function ImpactPage({ searchParams }: { searchParams: Promise<{ months?: string | string[] }> }) {
  const { months: asked } = await searchParams;
  const { months } = monthsFromParam(firstParam(asked));
  const impact = await cachedImpact(months);
  const period = `the last ${months} months`;
  const monthRows = impact.perMonth.rows.map((r) => r.month);
  const categories = monthCategories(monthRows);
  const first = monthLong.format(monthDate(monthRows[0]!));
  const last = monthLong.format(monthDate(monthRows[monthRows.length - 1]!));
  const skills = impact.skills.rows.slice(0, IMPACT_SKILLS_SHOWN);
  const projectMinutes = impact.stages.totalMinutes;
  const periodMinutes = impact.perMonth.totalMinutes;

  const headline = [
    { label: "Hours exchanged", value: formatMinutes(impact.allTime.exchangedMinutes) },
    { label: "Exchanges completed", value: count.format(impact.allTime.completedExchanges) },
    { label: "Active members", value: count.format(impact.allTime.activeMembers) },
    { label: "Organisations taking part", value: count.format(impact.allTime.organisations) },
    { label: "Improvement projects", value: count.format(impact.projects.total) },
    { label: "Projects helped with hours", value: count.format(impact.projects.helped) },
  ];

  return (
    <Page
      title={`${impact.bankName}: our impact`}
      intro="What members have given each other since the bank began: one hour of help given is one hour to spend, whoever gives it. Every figure is a count across many members; no one is named."
    >
      <section aria-labelledby="headline-heading" className="mb-8">
        <h2 id="headline-heading" className="sr-only">
          Since the bank began
        </h2>
        <Figures items={headline} testId="impact-total" />
      </section>

      <PeriodForm action="/impact" months={months} label="Period for the charts" />
      <p className="mb-6 max-w-prose text-sm text-ink-muted">
        The charts cover {first} to {last}. Figures as at {readAtFormat.format(impact.readAt)}; they are refreshed every{" "}
        {IMPACT_CACHE_MS / 60_000} minutes.
      </p>

      <div className="space-y-8">
        <Section
          id="hours"
          title="Hours exchanged"
          intro={`Hours of help that moved between members in ${period}, by the month both members confirmed the exchange. Exchanges an admin reversed are left out.`}
        >
          {impact.perMonth.totalExchanges === 0 ? (
            <EmptyState title={`No hours exchanged in ${period}`}>Choose a longer period to look further back.</EmptyState>
          ) : (
            <>
              <VerticalBarChart
                id="impact-hours-chart"
                title={`Hours exchanged per month, ${period}`}
                summary={`${formatMinutes(periodMinutes)} in ${count.format(impact.perMonth.totalExchanges)} exchanges.`}
                categories={categories}
                series={[{ label: "Hours exchanged", values: impact.perMonth.rows.map((r) => hours(r.minutes)) }]}
                valueAxisLabel="Hours"
                categoryAxisLabel="Month"
              />
              <ChartTable
                caption={`Hours exchanged per month, ${period}`}
                rowHeader="Month"
                columns={["Hours exchanged", "Exchanges"]}
                rows={impact.perMonth.rows.map((r, i) => ({ name: categories[i]!.name, cells: [formatMinutes(r.minutes), count.format(r.exchanges)] }))}
                total={{ name: "Total", cells: [formatMinutes(periodMinutes), count.format(impact.perMonth.totalExchanges)] }}
              />
            </>
          )}
        </Section>

        <Section
          id="projects"
          title="Improvement projects"
          intro={
            <>
              Members run improvement projects through five steps, from identifying a problem to sustaining and spreading what works, and ask the bank for
              help along the way. {count.format(impact.projects.running)} {impact.projects.running === 1 ? "project is" : "projects are"} running and{" "}
              {count.format(impact.projects.finished)} finished. <Link href="/projects" className="link">See the projects</Link>.
            </>
          }
        >
          {impact.projects.total === 0 ? (
            <EmptyState title="No improvement projects yet">Projects show here once members start them.</EmptyState>
          ) : (
            <div className="grid gap-8 lg:grid-cols-2">
              <section aria-labelledby="running-heading" className="min-w-0">
                <h3 id="running-heading" className="mb-2 text-lg font-semibold text-ink">
                  Running projects by stage, now
                </h3>
                <VerticalBarChart
                  id="impact-running-chart"
                  title="Running projects by the stage they are at now"
                  summary={`${count.format(impact.projects.running)} running projects.`}
                  categories={PROJECT_STAGES.map((stage) => ({ name: STAGE_LABELS[stage], lines: STAGE_SHORT_LABELS[stage] }))}
                  series={[{ label: "Projects", values: impact.projects.runningByStage.map((s) => s.projects) }]}
                  valueAxisLabel="Projects"
                  categoryAxisLabel="Stage"
                  integer
                />
                <ChartTable
                  caption="Running projects by stage, now"
                  rowHeader="Stage"
                  columns={["Projects"]}
                  rows={impact.projects.runningByStage.map((s) => ({ name: STAGE_LABELS[s.stage], cells: [count.format(s.projects)] }))}
                />
              </section>
              <section aria-labelledby="stage-hours-heading" className="min-w-0">
                <h3 id="stage-hours-heading" className="mb-2 text-lg font-semibold text-ink">
                  Hours given to projects by stage, {period}
                </h3>
                {projectMinutes === 0 ? (
                  <p className="text-ink-muted">No hours were exchanged for project requests in {period}.</p>
                ) : (
                  <>
                    <VerticalBarChart
                      id="impact-stage-hours-chart"
                      title={`Hours exchanged for improvement projects by stage, ${period}`}
                      summary={`${formatMinutes(projectMinutes)} of ${formatMinutes(periodMinutes)} went to improvement projects.`}
                      categories={PROJECT_STAGES.map((stage) => ({ name: STAGE_LABELS[stage], lines: STAGE_SHORT_LABELS[stage] }))}
                      series={[{ label: "Hours exchanged", values: impact.stages.rows.map((r) => hours(r.minutes)) }]}
                      valueAxisLabel="Hours"
                      categoryAxisLabel="Stage when the hours moved"
                    />
                    <ChartTable
                      caption={`Hours exchanged for improvement projects by stage, ${period}`}
                      rowHeader="Stage"
                      columns={["Hours exchanged", "Projects"]}
                      rows={impact.stages.rows.map((r) => ({ name: STAGE_LABELS[r.stage], cells: [formatMinutes(r.minutes), count.format(r.projects)] }))}
                      total={{ name: "Total for projects", cells: [formatMinutes(projectMinutes), ""] }}
                    />
                  </>
                )}
              </section>
            </div>
          )}
        </Section>

        <Section id="skills" title="Skills exchanged" intro={`The improvement skills members gave each other most in ${period}, in hours.`}>
          {skills.length === 0 ? (
            <EmptyState title={`No hours exchanged in ${period}`}>Choose a longer period to look further back.</EmptyState>
          ) : (
            <>
              <HorizontalBarChart
                id="impact-skills-chart"
                title={`Hours exchanged by skill, ${period}, top ${skills.length}`}
                summary={`${skills[0]!.skill} was given most (${formatMinutes(skills[0]!.minutes)}).`}
                rows={skills.map((s) => s.skill)}
                series={[{ label: "Hours exchanged", values: skills.map((s) => hours(s.minutes)) }]}
                valueAxisLabel="Hours"
              />
              <ChartTable
                caption={`Hours exchanged by skill, ${period}, top ${skills.length}`}
                rowHeader="Skill"
                columns={["Hours exchanged", "Exchanges"]}
                rows={skills.map((s) => ({ name: s.skill, cells: [formatMinutes(s.minutes), count.format(s.exchanges)] }))}
              />
            </>
          )}
        </Section>

        <Section
          id="members"
          title="Who takes part"
          intro={`Active members by the profession and organisation on their profile. A profession or organisation with fewer than ${IMPACT_MIN_GROUP} members is counted under “Other”, so that no one can be picked out.`}
        >
          {impact.allTime.activeMembers === 0 ? (
            <EmptyState title="No active members yet" />
          ) : (
            <div className="grid gap-8 lg:grid-cols-2">
              <MembersChart id="professions" title="By profession" noun="Profession" rows={impact.professions} />
              <MembersChart id="organisations" title="By organisation" noun="Organisation" rows={impact.organisations} />
            </div>
          )}
        </Section>
      </div>
    </Page>
  );
}
