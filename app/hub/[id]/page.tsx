// A hub's own page, for its coordinators (and the bank's admins): the members waiting to join it,
// to approve or decline, and the hub's figures. Anyone else gets "not found", and a signed-in
// member who is refused is recorded in the audit log.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ChartTable } from "@/components/charts/chart-table";
import { monthCategories } from "@/components/charts/months";
import { VerticalBarChart } from "@/components/charts/vertical-bar-chart";
import { CampaignGrid } from "@/components/campaigns/campaign-card";
import { PendingMemberActions } from "@/components/members/pending-member-actions";
import { ButtonLink } from "@/components/ui/button";
import { Figures } from "@/components/ui/figures";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { captureRequestContext, withRequestContext } from "@/lib/audit/context";
import { recordRefusal } from "@/lib/audit/write";
import { currentMember } from "@/lib/auth/session";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import { listCampaigns } from "@/lib/campaigns/queries";
import { hubForCoordinator } from "@/lib/hubs/queries";
import { approveHubMemberAction, declineHubMemberAction } from "../actions";

export const metadata: Metadata = { title: "My hub" };

const count = new Intl.NumberFormat("en-GB");

export default async function HubPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const member = await currentMember();
  if (!member) redirect(`/signin?callbackUrl=${encodeURIComponent(`/hub/${id}`)}`);
  const hub = member.status === "active" ? await hubForCoordinator(member, id) : null;
  if (!hub) {
    const context = await captureRequestContext();
    await withRequestContext({ ...context, path: `/hub/${id}` }, () => recordRefusal(member.id, "not a coordinator of this hub", { code: "forbidden" }));
    notFound();
  }
  const campaigns = await listCampaigns(member.id, { hubId: hub.id });
  const categories = monthCategories(hub.months.map((m) => m.month));
  const given = hub.months.reduce((sum, m) => sum + m.givenMinutes, 0);
  const received = hub.months.reduce((sum, m) => sum + m.receivedMinutes, 0);

  return (
    <Page title={hub.name} intro={hub.description}>
      <div className="mb-8">
        <Figures
          testId="hub-figure"
          items={[
            { label: "Active members", value: count.format(hub.activeMembers) },
            { label: "Organisations", value: count.format(hub.organisations.length) },
            { label: "Waiting for approval", value: count.format(hub.pending.length) },
            { label: "Hours given, 12 months", value: formatMinutes(given) },
            { label: "Hours received, 12 months", value: formatMinutes(received) },
            { label: "Coordinators", value: count.format(hub.coordinators.length) },
          ]}
        />
      </div>
      <div className="space-y-8">
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading" className="mb-1 text-xl font-semibold text-brand-900">
            Members waiting to join
          </h2>
          <p className="mb-4 max-w-prose text-ink-muted">
            People from the hub&rsquo;s organisations who have finished their profile. Approving opens their hours account and gives them the bank&rsquo;s
            welcome hours; declining emails them your reason.
          </p>
          {hub.pending.length === 0 ? (
            <EmptyState title="No one is waiting">New members of the hub&rsquo;s organisations appear here once they have finished their profile.</EmptyState>
          ) : (
            <ul className="space-y-4">
              {hub.pending.map((p) => (
                <li key={p.id}>
                  <Card as="article" aria-labelledby={`pending-${p.id}`} data-testid="pending-member">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h3 id={`pending-${p.id}`} className="text-lg font-semibold break-words text-brand-900">
                        {p.name}
                      </h3>
                      <p className="text-sm text-ink-muted">
                        Profile finished <time dateTime={isoDay(p.profileDoneAt)}>{formatDay(p.profileDoneAt)}</time>
                      </p>
                    </div>
                    <p className="mt-1 text-ink-muted">{[p.profession, p.organisation].filter(Boolean).join(" · ")}</p>
                    {p.bio && <p className="mt-3 break-words whitespace-pre-line">{p.bio}</p>}
                    <div className="mt-4">
                      <PendingMemberActions memberId={p.id} memberName={p.name} approve={approveHubMemberAction} decline={declineHubMemberAction} />
                    </div>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>

        <Card aria-labelledby="hub-hours-heading">
          <h2 id="hub-hours-heading" className="text-xl font-semibold text-brand-900">
            Hours given and received by the hub&rsquo;s members
          </h2>
          <p className="mt-1 max-w-prose text-ink-muted">
            Per month over the last 12 months, with anyone in the bank: members of every hub trade freely. Reversed exchanges are left out.
          </p>
          <div className="mt-4">
            {given + received === 0 ? (
              <EmptyState title="No hours exchanged in the last 12 months" />
            ) : (
              <>
                <VerticalBarChart
                  id="hub-hours-chart"
                  title={`Hours given and received by members of ${hub.name}, last 12 months`}
                  summary={`${formatMinutes(given)} given and ${formatMinutes(received)} received.`}
                  categories={categories}
                  series={[
                    { label: "Given", values: hub.months.map((m) => m.givenMinutes / 60) },
                    { label: "Received", values: hub.months.map((m) => m.receivedMinutes / 60) },
                  ]}
                  valueAxisLabel="Hours"
                  categoryAxisLabel="Month (UTC)"
                />
                <ChartTable
                  caption={`Hours given and received by members of ${hub.name}, last 12 months`}
                  rowHeader="Month"
                  columns={["Given", "Received"]}
                  rows={hub.months.map((m, i) => ({ name: categories[i]!.name, cells: [formatMinutes(m.givenMinutes), formatMinutes(m.receivedMinutes)] }))}
                  total={{ name: "Total", cells: [formatMinutes(given), formatMinutes(received)] }}
                />
              </>
            )}
          </div>
        </Card>

        <section aria-labelledby="hub-campaigns-heading">
          <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
            <h2 id="hub-campaigns-heading" className="text-xl font-semibold text-brand-900">
              The hub&rsquo;s campaigns
            </h2>
            <ButtonLink href="/campaigns/new" variant="secondary">
              Start a campaign
            </ButtonLink>
          </div>
          {campaigns.length === 0 ? (
            <EmptyState title="No campaigns yet">A campaign gathers members&rsquo; exchanges behind one aim, with its own pool of donated hours. Start one for the hub.</EmptyState>
          ) : (
            <CampaignGrid campaigns={campaigns} />
          )}
        </section>

        <Card aria-labelledby="hub-orgs-heading">
          <h2 id="hub-orgs-heading" className="mb-3 text-xl font-semibold text-brand-900">
            Organisations
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2">
            {hub.organisations.map((o) => (
              <li key={o.name} className="flex justify-between gap-3 rounded-lg p-3 ring-1 ring-line">
                <span className="break-words">{o.name}</span>
                <span className="shrink-0 text-ink-muted tabular-nums">{count.format(o.activeMembers)} active</span>
              </li>
            ))}
          </ul>
          <p className="mt-4 text-sm text-ink-muted">Coordinators: {hub.coordinators.join(", ") || "none yet"}.</p>
        </Card>
      </div>
    </Page>
  );
}
