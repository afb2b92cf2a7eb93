import type { Metadata } from "next";
import Link from "next/link";
import { AdminsOnly } from "@/components/admin/admins-only";
import { ChartTable } from "@/components/charts/chart-table";
import { HorizontalBarChart } from "@/components/charts/horizontal-bar-chart";
import { monthCategories } from "@/components/charts/months";
import { PeriodForm } from "@/components/charts/period-form";
import { VerticalBarChart } from "@/components/charts/vertical-bar-chart";
import { ThemeTags } from "@/components/excellence/theme-tags";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { now } from "@/lib/clock";
import { excellenceThemes } from "@/lib/excellence/queries";
import { EXCELLENCE_THEMES, THEME_LABELS } from "@/lib/excellence/themes";
import { formatDay, isoDay } from "@/lib/format/date";
import { monthsFromParam } from "@/lib/reports/queries";
import { firstParam } from "@/lib/validation";

export const metadata: Metadata = { title: "Excellence" };
export const dynamic = "force-dynamic";

const count = new Intl.NumberFormat("en-GB");

export default async function AdminExcellencePage({ searchParams }: { searchParams: Promise<{ months?: string | string[] }> }) {
  const admin = await adminForPage("/admin/excellence");
  if (!admin) return <AdminsOnly />;
  const { months: asked } = await searchParams;
  const { months, valid } = monthsFromParam(firstParam(asked));
  const report = await excellenceThemes(admin.id, { months, until: now() });
  const period = `the last ${months} months`;
  const categories = monthCategories(report.perMonth.map((r) => r.month));
  const top = report.themes[0];
  const lastDay = new Date(report.to.getTime() - 1);

  return (
    <Page
      title="Reports of excellence"
      intro="What members recognise in each other's work: the themes across their reports, how many are written each month, and which themes are recognised in which professions."
    >
      <PeriodForm action="/admin/excellence" months={months} />
      <p className="mb-6 max-w-prose text-sm text-ink-muted">
        Reports written from {formatDay(report.from)} to {formatDay(lastDay)} (calendar months in UTC, this month so far included):{" "}
        <strong className="text-ink" data-testid="excellence-total">
          {count.format(report.totalReports)} {report.totalReports === 1 ? "report" : "reports"}
        </strong>
        . A report has one to three themes, so theme counts add up to more than the reports.
      </p>
      {!valid && (
        <div className="mb-6">
          <Alert tone="warning">Choose the last 6, 12 or 24 months; the last {months} months are shown.</Alert>
        </div>
      )}

      {report.totalReports === 0 ? (
        <EmptyState title={`No reports of excellence in ${period}`}>
          Reports show here once members write them, from a colleague’s profile or a confirmed exchange. Choose a longer period to look further back.
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <Card aria-labelledby="themes-heading" data-testid="excellence-themes">
            <h2 id="themes-heading" className="text-xl font-semibold text-brand-900">
              Themes
            </h2>
            <p className="mt-1 max-w-prose text-ink-muted">How many reports recognised each theme.</p>
            <div className="mt-4">
              <HorizontalBarChart
                id="themes-chart"
                title={`Reports of excellence by theme, ${period}`}
                summary={top && top.reports > 0 ? `${THEME_LABELS[top.theme]} is recognised most (${count.format(top.reports)} reports).` : ""}
                rows={report.themes.map((t) => THEME_LABELS[t.theme])}
                series={[{ label: "Reports", values: report.themes.map((t) => t.reports) }]}
                valueAxisLabel="Reports"
                integer
              />
              <ChartTable
                caption={`Reports of excellence by theme, ${period}`}
                rowHeader="Theme"
                columns={["Reports"]}
                rows={report.themes.map((t) => ({ name: THEME_LABELS[t.theme], cells: [count.format(t.reports)] }))}
              />
            </div>
          </Card>

          <Card aria-labelledby="months-heading" data-testid="excellence-months">
            <h2 id="months-heading" className="text-xl font-semibold text-brand-900">
              Reports per month
            </h2>
            <p className="mt-1 max-w-prose text-ink-muted">By the month each report was written.</p>
            <div className="mt-4">
              <VerticalBarChart
                id="excellence-months-chart"
                title={`Reports of excellence per month, ${period}`}
                summary={`${count.format(report.totalReports)} reports in ${period}.`}
                categories={categories}
                series={[{ label: "Reports", values: report.perMonth.map((r) => r.reports) }]}
                valueAxisLabel="Reports"
                categoryAxisLabel="Month (UTC)"
                integer
              />
              <ChartTable
                caption={`Reports of excellence per month, ${period}`}
                rowHeader="Month"
                columns={["Reports"]}
                rows={report.perMonth.map((r, i) => ({ name: categories[i]!.name, cells: [count.format(r.reports)] }))}
                total={{ name: "Total", cells: [count.format(report.totalReports)] }}
              />
            </div>
          </Card>

          <Card aria-labelledby="professions-heading" data-testid="excellence-professions">
            <h2 id="professions-heading" className="text-xl font-semibold text-brand-900">
              Themes by the recipient’s profession
            </h2>
            <p className="mt-1 max-w-prose text-ink-muted">
              Which themes members recognise in each profession, by the profession on the recipient’s profile, most reports first.
            </p>
            <div className="mt-4 overflow-x-auto rounded-lg ring-1 ring-line">
              <table className="w-full text-left text-sm">
                <caption className="px-3 py-2 text-left text-ink-muted">Reports of excellence by the recipient’s profession and theme, {period}</caption>
                <thead className="bg-page">
                  <tr>
                    <th scope="col" className="cell font-semibold">
                      Profession
                    </th>
                    <th scope="col" className="cell text-right font-semibold">
                      Reports
                    </th>
                    {EXCELLENCE_THEMES.map((t) => (
                      <th key={t} scope="col" className="cell text-right font-semibold">
                        {THEME_LABELS[t]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {report.byProfession.map((p) => (
                    <tr key={p.profession} className="border-t border-line">
                      <th scope="row" className="cell font-semibold">
                        {p.profession}
                      </th>
                      <td className="cell text-right tabular-nums">{count.format(p.reports)}</td>
                      {p.counts.map((n, i) => (
                        <td key={EXCELLENCE_THEMES[i]} className={`cell text-right tabular-nums ${n === 0 ? "text-ink-muted" : "font-semibold"}`}>
                          {count.format(n)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>

          <Card aria-labelledby="recent-heading" data-testid="excellence-recent">
            <h2 id="recent-heading" className="text-xl font-semibold text-brand-900">
              Recent reports
            </h2>
            <p className="mt-1 max-w-prose text-ink-muted">The newest {report.recent.length} in the period.</p>
            <ul className="mt-4 divide-y divide-line">
              {report.recent.map((r) => (
                <li key={r.id} className="py-3">
                  <p className="font-semibold break-words">
                    <Link href={`/excellence/${r.id}`} className="text-brand-800 underline underline-offset-4">
                      {r.author.name} recognised {r.recipient.name}
                    </Link>
                  </p>
                  <p className="mt-1 line-clamp-2 break-words text-ink">{r.whatTheyDid}</p>
                  <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1.5">
                    <ThemeTags themes={r.themes} />
                    <time dateTime={isoDay(r.createdAt)} className="text-sm text-ink-muted">
                      {formatDay(r.createdAt)}
                    </time>
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
    </Page>
  );
}
