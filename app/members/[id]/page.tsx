import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState, Page } from "@/components/ui/page";
import { ReportCard } from "@/components/excellence/report-card";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { listProfileReports } from "@/lib/excellence/queries";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import { getPublicProfile } from "@/lib/members/queries";

const profileFor = cache((viewerId: string, memberId: string) => getPublicProfile(viewerId, memberId));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const viewer = await currentMember();
  const profile = viewer ? await profileFor(viewer.id, id) : null;
  return { title: profile ? profile.name : "Member" };
}

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await currentMember();
  if (!viewer) redirect("/signin?callbackUrl=" + encodeURIComponent(`/members/${id}`));
  const p = await profileFor(viewer.id, id);
  if (!p) notFound();
  const reports = await listProfileReports(viewer.id, p.id);
  const canRecognise = !p.isMe && !whyCannotTrade(viewer);
  const offers = p.listings.filter((l) => l.kind === "offer");
  const requests = p.listings.filter((l) => l.kind === "request");
  const subtitle = [p.profession, p.organisationName, p.regionName].filter(Boolean).join(" · ");

  return (
    <Page
      title={p.name}
      intro={subtitle || undefined}
      actions={
        p.isMe ? (
          <ButtonLink href="/profile" variant="secondary">Edit my profile</ButtonLink>
        ) : canRecognise ? (
          <ButtonLink href={`/excellence/new?member=${p.id}`} variant="secondary" data-testid="recognise-member">
            Recognise their work
          </ButtonLink>
        ) : undefined
      }
    >
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="about-heading">
            <h2 id="about-heading" className="text-lg font-semibold text-brand-900">
              About
            </h2>
            <p className="mt-2 leading-relaxed break-words whitespace-pre-line">{p.bio ?? "No description yet."}</p>
            {p.availability && (
              <p className="mt-4 text-ink-muted">
                <span className="font-semibold text-ink">Usually free: </span>
                {p.availability}
              </p>
            )}
            {p.skills.length > 0 && (
              <>
                <h3 className="mt-5 font-semibold">Skills</h3>
                <ul className="mt-2 flex flex-wrap gap-2" aria-label="Skills">
                  {p.skills.map((s) => (
                    <li key={s.id}>
                      <Badge tone="brand">{s.name}</Badge>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {p.tags.length > 0 && (
              <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Topics">
                {p.tags.map((t) => (
                  <li key={t} className="rounded-md bg-page px-2 py-0.5 text-sm text-ink-muted">
                    #{t}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card aria-labelledby="listings-heading">
            <h2 id="listings-heading" className="text-lg font-semibold text-brand-900">
              Open offers and requests
            </h2>
            {p.listings.length === 0 ? (
              <p className="mt-2 text-ink-muted">{p.isMe ? "You have nothing open just now." : "Nothing open just now."}</p>
            ) : (
              <div className="mt-3 grid gap-4 sm:grid-cols-2">
                {[
                  { title: "Offers", items: offers, edge: "border-brand-600" },
                  { title: "Requests", items: requests, edge: "border-request-600" },
                ]
                  .filter((g) => g.items.length > 0)
                  .map((g) => (
                    <div key={g.title}>
                      <h3 className="font-semibold">{g.title}</h3>
                      <ul className="mt-2 space-y-2">
                        {g.items.map((l) => (
                          <li key={l.id} className={`rounded-lg border-l-4 bg-page p-3 ${g.edge}`}>
                            <Link href={`/listings/${l.id}`} className="font-semibold break-words text-brand-800 underline-offset-4 hover:underline">
                              {l.title}
                            </Link>
                            <p className="text-sm text-ink-muted">
                              {l.skillName} · about {formatMinutes(l.estimatedMinutes)}
                            </p>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
              </div>
            )}
          </Card>

          {(reports.length > 0 || p.isMe) && (
            <section aria-labelledby="excellence-heading" data-testid="profile-excellence">
              <h2 id="excellence-heading" className="mb-3 text-lg font-semibold text-brand-900">
                Reports of excellence
              </h2>
              {reports.length === 0 ? (
                <EmptyState title="None shown on your profile">
                  Reports other members write about your work are kept on{" "}
                  <Link href="/excellence" className="font-semibold text-brand-700 underline underline-offset-4">
                    your reports of excellence page
                  </Link>
                  , where you choose which to show here.
                </EmptyState>
              ) : (
                <ul className="space-y-3">
                  {reports.map((r) => (
                    <li key={r.id}>
                      <ReportCard report={r} title={`From ${r.author.name}`} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}

          <section aria-labelledby="thanks-heading">
            <h2 id="thanks-heading" className="mb-3 text-lg font-semibold text-brand-900">
              Thanks received
            </h2>
            {p.thanks.length === 0 ? (
              <EmptyState title="No thanks yet">Notes of thanks from members {p.isMe ? "you help" : "they help"} appear here.</EmptyState>
            ) : (
              <ul className="space-y-3">
                {p.thanks.map((t) => (
                  <li key={t.exchangeId}>
                    <Card as="article">
                      {t.thanksNote && <blockquote className="text-lg leading-relaxed break-words">“{t.thanksNote}”</blockquote>}
                      {t.learnedNote && (
                        <p className="mt-2 break-words text-ink-muted">
                          <span className="font-semibold text-ink">What they learned: </span>
                          {t.learnedNote}
                        </p>
                      )}
                      <p className="mt-3 text-sm text-ink-muted">
                        {t.fromFirstName}, for “{t.title}”, <time dateTime={isoDay(t.at)}>{formatDay(t.at)}</time>
                      </p>
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <aside className="space-y-4">
          <Card aria-labelledby="given-heading">
            <h2 id="given-heading" className="text-sm font-semibold tracking-wide text-ink-muted uppercase">
              Hours given
            </h2>
            <p className="mt-1 text-3xl font-bold text-brand-800" data-testid="hours-given">
              {formatMinutes(p.hoursGivenMinutes)}
            </p>
            <p className="mt-1 text-sm text-ink-muted">
              in {p.exchangesGiven} confirmed {p.exchangesGiven === 1 ? "exchange" : "exchanges"}
            </p>
            <p className="mt-4 text-sm text-ink-muted">
              Member since <time dateTime={isoDay(p.joinedAt)}>{formatDay(p.joinedAt)}</time>
            </p>
          </Card>
        </aside>
      </div>
    </Page>
  );
}
