import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CampaignProgressBar } from "@/components/campaigns/campaign-progress";
import { JoinButton } from "@/components/campaigns/join-button";
import { CampaignPhaseBadge } from "@/components/campaigns/phase-badge";
import { DonateToPoolForm, SpendPoolForm } from "@/components/campaigns/pool-forms";
import { CampaignProgressChart } from "@/components/campaigns/progress-chart";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Flash } from "@/components/ui/flash";
import { Badge, Card, EmptyState, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { getCampaignPage, type CampaignListing, type CampaignPage } from "@/lib/campaigns/queries";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import { getAccountFigures } from "@/lib/members/queries";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const load = cache(async (id: string) => {
  const member = await currentMember();
  const viewer = member ? { id: member.id, role: member.role, active: member.status === "active" && member.profileDone } : null;
  return { member, campaign: await getCampaignPage(id, viewer) };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { campaign } = await load((await params).id);
  return { title: campaign ? campaign.title : "Not found" };
}

const SAVED = {
  created: "The campaign has started. Members can now join it, tag their offers and requests to it and give hours to its pool.",
  updated: "Your changes are saved.",
} as const;

const count = new Intl.NumberFormat("en-GB");

export default async function CampaignPageView({ params, searchParams }: { params: Params; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const { saved } = await searchParams;
  const { member, campaign } = await load(id);
  if (!campaign) notFound();
  const reason = member ? whyCannotTrade(member) : null;
  const savedMessage = campaign.viewer.canManage && saved && saved in SAVED ? SAVED[saved as keyof typeof SAVED] : null;
  const finished = campaign.phase === "finished";
  const givable = member && !reason && !finished ? (await getAccountFigures(member.id)).givableMinutes : null;
  const { progress } = campaign;

  return (
    <Page
      title={campaign.title}
      intro={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <CampaignPhaseBadge phase={campaign.phase} />
          {campaign.myHub && <Badge tone="request">My hub’s</Badge>}
          <span>
            Run by {campaign.hub?.name ?? "the whole bank"} · <time dateTime={isoDay(campaign.startsOn)}>{formatDay(campaign.startsOn)}</time> to{" "}
            <time dateTime={isoDay(campaign.endsOn)}>{formatDay(campaign.endsOn)}</time>
          </span>
        </span>
      }
      actions={campaign.viewer.canManage ? <ButtonLink href={`/campaigns/${campaign.id}/edit`} variant="secondary">Edit the campaign</ButtonLink> : undefined}
    >
      <div className="space-y-6">
        {savedMessage && <Flash message={savedMessage} />}
        {finished && (
          <Alert tone="success" title="This campaign has finished">
            It ended on <time dateTime={isoDay(campaign.endsOn)}>{formatDay(campaign.endsOn)}</time>. What members gave and learned stays here.
          </Alert>
        )}

        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <div className="min-w-0 space-y-6">
            <Card aria-labelledby="about-heading">
              <h2 id="about-heading" className="sr-only">
                About the campaign
              </h2>
              <dl className="space-y-4">
                <div>
                  <dt className="text-sm font-semibold text-ink-muted">Aim</dt>
                  <dd className="mt-1 text-[1.05rem] leading-relaxed break-words whitespace-pre-line text-ink" data-testid="campaign-aim">
                    {campaign.aim}
                  </dd>
                </div>
                <div>
                  <dt className="text-sm font-semibold text-ink-muted">Why it matters</dt>
                  <dd className="mt-1 break-words whitespace-pre-line text-ink">{campaign.whyItMatters}</dd>
                </div>
                <div>
                  <dt className="text-sm font-semibold text-ink-muted">Skills it needs</dt>
                  <dd className="mt-2">
                    <ul className="flex flex-wrap gap-2">
                      {campaign.skills.map((s) => (
                        <li key={s.id}>
                          <Link href={`/methods/${s.slug}`} className="badge tone-brand underline-offset-4 hover:underline">
                            {s.name}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              </dl>
            </Card>

            <section aria-labelledby="progress-heading" className="space-y-4">
              <h2 id="progress-heading" className="text-xl font-semibold text-brand-900">
                Progress
              </h2>
              <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
                <Figure label="Hours exchanged" value={formatMinutes(progress.minutes)} testId="campaign-hours" />
                <Figure label="Exchanges completed" value={count.format(progress.exchanges)} testId="campaign-exchanges" />
                <Figure label="Members taking part" value={count.format(progress.participants)} testId="campaign-participants" />
              </dl>
              <Card>
                <h3 className="mb-3 font-semibold text-ink">Toward the target of {formatMinutes(campaign.targetMinutes)}</h3>
                <CampaignProgressBar minutes={progress.minutes} targetMinutes={campaign.targetMinutes} size="large" />
                {campaign.bars.length > 0 ? (
                  <div className="mt-6">
                    <CampaignProgressChart bars={campaign.bars} weeksPerBar={campaign.weeksPerBar} targetMinutes={campaign.targetMinutes} />
                  </div>
                ) : (
                  <p className="mt-4 text-ink-muted">It starts on {formatDay(campaign.startsOn)}; the weekly chart begins then.</p>
                )}
                <p className="mt-4 text-sm text-ink-muted">
                  Counted from the ledger: the hours of every confirmed exchange under the campaign’s offers and requests. A transfer an admin has reversed counts nothing.
                </p>
              </Card>
            </section>

            <ListingsSection
              id="requests"
              title="Requests that need help"
              listings={campaign.requests}
              empty={finished ? "No open requests are left." : "No open requests yet. Ask for help and choose this campaign on the form: it will show here."}
              action={
                member && !reason && !finished ? (
                  <ButtonLink href={`/listings/new?kind=request&campaign=${campaign.id}`} variant="request">
                    Ask for help for it
                  </ButtonLink>
                ) : undefined
              }
              cta="Offer to help"
            />
            <ListingsSection
              id="offers"
              title="Offers of help for it"
              listings={campaign.offers}
              empty="No open offers yet. Offer a skill the campaign needs and choose this campaign on the form."
              action={
                member && !reason && !finished ? (
                  <ButtonLink href={`/listings/new?kind=offer&campaign=${campaign.id}`} variant="secondary">
                    Offer your help
                  </ButtonLink>
                ) : undefined
              }
              cta="Ask for this"
            />

            <section aria-labelledby="notes-heading">
              <h2 id="notes-heading" className="mb-3 text-xl font-semibold text-brand-900">
                Thanks and learning
              </h2>
              {campaign.notes.length === 0 ? (
                <EmptyState title="No notes yet">When members thank each other for help given under the campaign, and say what they learned, it shows here.</EmptyState>
              ) : (
                <ul className="space-y-3" data-testid="campaign-notes">
                  {campaign.notes.map((n) => (
                    <li key={n.exchangeId} className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-line">
                      <p className="font-semibold break-words text-ink">
                        {n.helperFirstName} <span className="font-normal text-ink-muted">helped with</span> {n.title}
                      </p>
                      <p className="text-sm text-ink-muted">
                        {formatMinutes(n.minutes)} · <time dateTime={isoDay(n.at)}>{formatDay(n.at)}</time>
                      </p>
                      {n.thanks && (
                        <blockquote className="mt-2 border-l-4 border-request-600 pl-3 break-words text-ink">
                          <span className="sr-only">Thanks: </span>“{n.thanks}”
                        </blockquote>
                      )}
                      {n.learned && (
                        <p className="mt-2 text-sm break-words text-ink-muted">
                          <span className="font-semibold">Learned:</span> {n.learned}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>

          <aside className="min-w-0 space-y-6">
            <Card>
              <h2 className="text-lg font-semibold text-ink">Take part</h2>
              <p className="mt-2 text-ink-muted">
                {campaign.viewer.organiser
                  ? "You organise this campaign."
                  : campaign.viewer.joined
                    ? "You have joined this campaign."
                    : "Members of every hub can join: the hours are one currency across the bank."}
              </p>
              <div className="mt-3">
                {!member ? (
                  <ButtonLink href={`/signin?callbackUrl=${encodeURIComponent(`/campaigns/${campaign.id}`)}`} variant="secondary" className="w-full sm:w-auto">
                    Sign in to join
                  </ButtonLink>
                ) : reason ? (
                  <p className="text-sm text-ink-muted">{reason}</p>
                ) : campaign.viewer.organiser ? null : finished && !campaign.viewer.joined ? (
                  <p className="text-sm text-ink-muted">It has finished, so it takes no new members.</p>
                ) : (
                  <JoinButton campaignId={campaign.id} joined={campaign.viewer.joined} />
                )}
              </div>
            </Card>

            <Card>
              <h2 className="text-lg font-semibold text-ink">Organisers</h2>
              <ul className="mt-2 space-y-1" data-testid="campaign-organisers">
                {campaign.organisers.map((o) => (
                  <li key={o.id} className="break-words">
                    {member && o.active ? (
                      <Link href={`/members/${o.id}`} className="link">
                        {o.firstName}
                      </Link>
                    ) : (
                      o.firstName
                    )}
                  </li>
                ))}
              </ul>
            </Card>

            <PoolCard campaign={campaign} givable={givable} canGive={Boolean(member && !reason && !finished)} />
          </aside>
        </div>
      </div>
    </Page>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex flex-col-reverse justify-end rounded-xl bg-white px-4 py-4 shadow-sm ring-1 ring-line">
      <dt className="mt-1 text-sm text-ink-muted">{label}</dt>
      <dd className="text-2xl font-bold text-brand-800 tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function ListingsSection({ id, title, listings, empty, action, cta }: { id: string; title: string; listings: CampaignListing[]; empty: string; action?: React.ReactNode; cta: string }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id={`${id}-heading`} className="text-xl font-semibold text-brand-900">
          {title}
        </h2>
        {action}
      </div>
      {listings.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <ul className="divide-y divide-line rounded-xl bg-white shadow-sm ring-1 ring-line" data-testid={`campaign-${id}`}>
          {listings.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
              <span className="min-w-0">
                <Link href={`/listings/${l.id}`} className="link break-words">
                  {l.title}
                </Link>
                <span className="block text-sm text-ink-muted">
                  {l.owner.firstName} · {l.skillName} · about {formatMinutes(l.estimatedMinutes)}
                  {l.wantedBy && (
                    <>
                      {" "}
                      · by <time dateTime={isoDay(l.wantedBy)}>{formatDay(l.wantedBy)}</time>
                    </>
                  )}
                </span>
              </span>
              <Link href={`/listings/${l.id}`} className="text-sm font-semibold text-brand-800 underline underline-offset-4" aria-label={`${cta}: ${l.title}`}>
                {cta}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PoolCard({ campaign, givable, canGive }: { campaign: CampaignPage; givable: number | null; canGive: boolean }) {
  const { pool, viewer } = campaign;
  return (
    <Card aria-labelledby="pool-heading">
      <h2 id="pool-heading" className="text-lg font-semibold text-ink">
        The campaign’s pool
      </h2>
      <p className="mt-2 text-3xl font-bold text-brand-800 tabular-nums" data-testid="campaign-pool">
        {formatMinutes(pool.balanceMinutes)}
      </p>
      <p className="mt-1 text-sm text-ink-muted">Hours members have given, which its organisers pay to members asking for help under the campaign.</p>

      {canGive && givable !== null && (
        <div className="mt-5 border-t border-line pt-4" data-testid="pool-donate">
          <h3 className="mb-3 font-semibold text-ink">Give hours to it</h3>
          <DonateToPoolForm campaignId={campaign.id} canGive={formatMinutes(givable)} />
        </div>
      )}

      {viewer.canSpend && (
        <div className="mt-5 border-t border-line pt-4" data-testid="pool-spend">
          <h3 className="mb-3 font-semibold text-ink">Pay from the pool</h3>
          {campaign.requests.length === 0 ? (
            <p className="text-sm text-ink-muted">The pool pays for the campaign’s open requests, and there are none just now.</p>
          ) : pool.balanceMinutes === 0 ? (
            <p className="text-sm text-ink-muted">The pool is empty just now.</p>
          ) : (
            <SpendPoolForm
              campaignId={campaign.id}
              poolHolds={formatMinutes(pool.balanceMinutes)}
              requests={campaign.requests.map((r) => ({ id: r.id, title: r.title, ownerFirstName: r.owner.firstName }))}
            />
          )}
        </div>
      )}

      <div className="mt-5 border-t border-line pt-4">
        <h3 className="mb-2 font-semibold text-ink">In and out</h3>
        {pool.movements.length === 0 ? (
          <p className="text-sm text-ink-muted">Nothing has moved through the pool yet.</p>
        ) : (
          <ul className="divide-y divide-line text-sm" data-testid="campaign-pool-movements">
            {pool.movements.map((m) => (
              <li key={m.transferId} className="flex items-baseline justify-between gap-3 py-2">
                <span className="min-w-0 break-words">
                  {m.direction === "in" ? (
                    <>Given{m.memberFirstName ? ` by ${m.memberFirstName}` : ""}</>
                  ) : (
                    <>Paid{m.memberFirstName ? ` to ${m.memberFirstName}` : ""}{m.requestTitle ? ` for “${m.requestTitle}”` : ""}</>
                  )}
                  {m.reversed && <span className="text-ink-muted"> (reversed by an admin)</span>}
                  <span className="block text-ink-muted">
                    <time dateTime={isoDay(m.at)}>{formatDay(m.at)}</time>
                  </span>
                </span>
                <span className={`font-semibold whitespace-nowrap tabular-nums ${m.direction === "in" ? "text-request-700" : "text-ink"}`}>
                  {m.direction === "in" ? "+" : "−"}
                  {formatMinutes(m.minutes)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
