import Link from "next/link";
import type { PublicListing } from "@/lib/bank/public";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";

const STYLES = {
  offer: { edge: "border-brand-600", skill: "bg-brand-50 text-brand-800 ring-brand-100", by: "Offered by" },
  request: { edge: "border-request-600", skill: "bg-request-50 text-request-800 ring-request-100", by: "Asked by" },
} as const;

export function ListingCard({ listing }: { listing: PublicListing }) {
  const style = STYLES[listing.kind];
  return (
    <article
      className={`flex h-full flex-col rounded-xl border-t-4 bg-white p-5 shadow-sm ring-1 ring-line ${style.edge}`}
      data-testid={`${listing.kind}-card`}
    >
      <p>
        <span className="sr-only">Skill: </span>
        <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${style.skill}`} data-testid="listing-skill">
          {listing.skillName}
        </span>
      </p>
      <h3 className="mt-3 text-lg leading-snug font-semibold break-words text-ink">
        <Link href={`/listings/${listing.id}`} className="underline-offset-4 hover:text-brand-800 hover:underline">
          {listing.title}
        </Link>
      </h3>
      <p className="mt-2 line-clamp-3 text-[0.95rem] leading-relaxed text-ink-muted">{listing.description}</p>
      {listing.tags.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Tags">
          {listing.tags.map((tag) => (
            <li key={tag} className="rounded-md bg-page px-2 py-0.5 text-xs text-ink-muted">
              #{tag}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-auto pt-4">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 border-t border-line pt-3 text-sm">
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
