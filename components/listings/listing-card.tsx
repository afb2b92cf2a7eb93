"use client";

// One offer or request as a card (browse, the home page). A client component only so that React's
// payload carries the listing's data once, not its whole markup again (docs/SCALING.md).
import Link from "next/link";
import type { PublicListing } from "@/lib/bank/public";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";

const STYLES = {
  offer: { edge: "border-brand-600", skill: "tone-brand", by: "Offered by" },
  request: { edge: "border-request-600", skill: "tone-request", by: "Asked by" },
} as const;

export function ListingCard({ listing }: { listing: PublicListing }) {
  const style = STYLES[listing.kind];
  return (
    <article
      className={`card ${style.edge}`}
      data-testid={`${listing.kind}-card`}
    >
      <p>
        <span className="sr-only">Skill: </span>
        <span className={`badge ${style.skill}`} data-testid="listing-skill">
          {listing.skillName}
        </span>
      </p>
      <h3 className="card-title">
        <Link href={`/listings/${listing.id}`} className="underline-offset-4 hover:text-brand-800 hover:underline">
          {listing.title}
        </Link>
      </h3>
      <p className="card-text">{listing.description}</p>
      {listing.tags.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Tags">
          {listing.tags.map((tag) => (
            <li key={tag} className="tag">
              #{tag}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-auto pt-4">
        <dl className="card-facts">
          <dt className="text-ink-muted">Time</dt>
          <dd className="font-semibold text-ink" data-testid="listing-time">
            about {formatMinutes(listing.estimatedMinutes)}
          </dd>
          {listing.wantedBy && (
            <>
              <dt className="text-ink-muted">Wanted by</dt>
              <dd className="font-semibold text-ink">
                <time dateTime={isoDay(listing.wantedBy)}>{formatDay(listing.wantedBy)}</time>
              </dd>
            </>
          )}
          <dt className="text-ink-muted">{style.by}</dt>
          <dd className="min-w-0 break-words text-ink">
            {listing.ownerFirstName}
            {listing.organisationName && <span className="text-ink-muted">, {listing.organisationName}</span>}
          </dd>
        </dl>
      </div>
    </article>
  );
}
