import { Flash } from "@/components/ui/flash";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ListingKindBadge, ListingStatusBadge } from "@/components/listings/status-badge";
import { ListingStatusActions } from "@/components/listings/status-actions";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import { getListingForViewer, type ListingDetail } from "@/lib/listings/queries";
import { projectOfListing } from "@/lib/projects/queries";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const load = cache(async (id: string) => {
  const member = await currentMember();
  const listing = await getListingForViewer(id, member?.id ?? null);
  const project = listing ? await projectOfListing(listing.projectId, member?.id ?? null) : null;
  return { member, listing, project };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { listing } = await load((await params).id);
  return { title: listing ? listing.title : "Not found" };
}

const SAVED = { created: "Posted. Members can now find it in Browse.", updated: "Your changes are saved." } as const;

export default async function ListingPage({ params, searchParams }: { params: Params; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const { saved } = await searchParams;
  const { member, listing, project } = await load(id);
  if (!listing) notFound();
  const isOffer = listing.kind === "offer";
  const savedMessage = listing.isOwner && saved && saved in SAVED ? SAVED[saved as keyof typeof SAVED] : null;

  return (
    <Page
      title={listing.title}
      intro={
        <span className="flex flex-wrap items-center gap-2">
          <ListingKindBadge kind={listing.kind} />
          <ListingStatusBadge status={listing.status} />
          <span>
            Posted <time dateTime={isoDay(listing.createdAt)}>{formatDay(listing.createdAt)}</time>
          </span>
        </span>
      }
    >
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          {savedMessage && <Flash message={savedMessage} />}
          <StatusNotice listing={listing} />
          <Card as="article" className={`border-t-4 ${isOffer ? "border-brand-600" : "border-request-600"}`}>
            <h2 className="sr-only">Details</h2>
            {project && (
              <p className="mb-4 text-ink-muted" data-testid="listing-project">
                Part of the project{" "}
                <Link href={`/projects/${project.id}`} className="link break-words">
                  {project.title}
                </Link>
              </p>
            )}
            {listing.campaign && (
              <p className="mb-4 text-ink-muted" data-testid="listing-campaign">
                Part of the campaign{" "}
                <Link href={`/campaigns/${listing.campaign.id}`} className="link break-words">
                  {listing.campaign.title}
                </Link>
              </p>
            )}
            <p className="text-[1.05rem] leading-relaxed break-words whitespace-pre-line text-ink">{listing.description}</p>
            <dl className="mt-6 grid gap-x-6 gap-y-3 border-t border-line pt-5 sm:grid-cols-2">
              <div>
                <dt className="text-sm text-ink-muted">Skill</dt>
                <dd className="font-semibold" data-testid="listing-skill">
                  {listing.skill.name} <span className="font-normal text-ink-muted">({listing.skill.category})</span>
                </dd>
                <dd className="mt-1 text-sm">
                  <Link href={`/methods/${listing.skill.slug}`} className="text-brand-700 underline underline-offset-4" data-testid="method-link">
                    New to {listing.skill.name}? Read about it in the method library
                  </Link>
                </dd>
              </div>
              <div>
                <dt className="text-sm text-ink-muted">Time</dt>
                <dd className="font-semibold" data-testid="listing-time">
                  about {formatMinutes(listing.estimatedMinutes)}
                </dd>
              </div>
              {listing.wantedBy && (
                <div>
                  <dt className="text-sm text-ink-muted">Wanted by</dt>
                  <dd className="font-semibold">
                    <time dateTime={isoDay(listing.wantedBy)}>{formatDay(listing.wantedBy)}</time>
                  </dd>
                </div>
              )}
              {listing.tags.length > 0 && (
                <div className="sm:col-span-2">
                  <dt className="text-sm text-ink-muted">Tags</dt>
                  <dd>
                    <ul className="mt-1 flex flex-wrap gap-1.5">
                      {listing.tags.map((tag) => (
                        <li key={tag}>
                          <Link
                            href={`/browse?q=${encodeURIComponent(tag)}`}
                            className="inline-block rounded-md bg-page px-2 py-1 text-sm text-ink-muted hover:bg-brand-50 hover:text-brand-800"
                          >
                            #{tag}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              )}
            </dl>
          </Card>
        </div>

        <aside className="space-y-6">
          <Card>
            <h2 className="text-lg font-semibold text-ink">{isOffer ? "Offered by" : "Asked by"}</h2>
            <p className="mt-2 text-lg font-semibold break-words">{listing.owner.firstName}</p>
            {listing.owner.profession && <p className="break-words text-ink-muted">{listing.owner.profession}</p>}
            {listing.owner.organisationName && <p className="break-words text-ink-muted">{listing.owner.organisationName}</p>}
            {listing.owner.regionName && <p className="text-sm break-words text-ink-muted">{listing.owner.regionName}</p>}
            {!listing.isOwner && (
              <Link href={`/members/${listing.owner.id}`} className="mt-3 inline-block font-semibold text-brand-700 underline underline-offset-4">
                See {listing.owner.firstName}’s profile
              </Link>
            )}
          </Card>
          <Card>
            <h2 className="text-lg font-semibold text-ink">{listing.isOwner ? "Manage" : isOffer ? "Could this help you?" : "Could you help?"}</h2>
            <div className="mt-3">
              <Actions listing={listing} member={member} />
            </div>
          </Card>
        </aside>
      </div>
    </Page>
  );
}

function StatusNotice({ listing }: { listing: ListingDetail }) {
  const noun = listing.kind === "offer" ? "offer" : "request";
  if (listing.status === "paused") {
    return (
      <Alert tone="warning" title={`This ${noun} is paused`}>
        {listing.isOwner ? "It is hidden from browse and no one can respond to it until you reopen it." : "No one can respond to it just now."}
      </Alert>
    );
  }
  if (listing.status === "closed") {
    return (
      <Alert tone="info" title={`This ${noun} is closed`}>
        It is kept for the record and can no longer be found, changed or responded to.
      </Alert>
    );
  }
  if (listing.isOwner && !listing.owner.active) {
    return <Alert tone="warning">Members cannot see it while your membership is not active.</Alert>;
  }
  return null;
}

function Actions({ listing, member }: { listing: ListingDetail; member: Awaited<ReturnType<typeof currentMember>> }) {
  const isOffer = listing.kind === "offer";
  const path = `/listings/${listing.id}`;
  if (listing.isOwner && member) {
    const reason = whyCannotTrade(member);
    if (reason) return <Alert tone="warning">{reason}</Alert>;
    if (listing.status === "closed") return <p className="text-ink-muted">Closed listings cannot be changed. You can post a new one at any time.</p>;
    return (
      <div className="space-y-3">
        <ButtonLink href={`${path}/edit`} variant="secondary" className="w-full sm:w-auto">
          Edit
        </ButtonLink>
        <ListingStatusActions listingId={listing.id} status={listing.status} title={listing.title} />
      </div>
    );
  }
  if (listing.status !== "open") return <p className="text-ink-muted">This is not open, so no one can respond to it.</p>;
  if (!member) {
    return (
      <div className="space-y-2">
        <ButtonLink href={`/signin?callbackUrl=${encodeURIComponent(path)}`} variant={isOffer ? "primary" : "request"} className="w-full">
          {isOffer ? "Sign in to ask for this" : "Sign in to offer to help"}
        </ButtonLink>
        <p className="text-sm text-ink-muted">Members of the bank can ask each other for help and pay in hours, not money.</p>
      </div>
    );
  }
  const reason = whyCannotTrade(member);
  if (reason) return <Alert tone="warning">{reason}</Alert>;
  return (
    <div className="space-y-2">
      <ButtonLink href={`/exchanges/new?listing=${listing.id}`} variant={isOffer ? "primary" : "request"} className="w-full" data-testid="propose-exchange">
        {isOffer ? "Ask for this" : "Offer to help"}
      </ButtonLink>
      <p className="text-sm text-ink-muted">
        {isOffer
          ? `You propose an exchange; ${listing.owner.firstName} accepts or declines. The hours are paid only once you confirm the help was given.`
          : `You propose an exchange; ${listing.owner.firstName} accepts or declines. You earn the hours once they confirm your help.`}
      </p>
    </div>
  );
}
