import Link from "next/link";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import type { MyListing } from "@/lib/listings/queries";
import { buttonClass } from "@/components/ui/button";
import { ListingKindBadge, ListingStatusBadge } from "./status-badge";
import { ListingStatusActions } from "./status-actions";

/** One of the member's own listings, with its quick actions (when they may act). */
export function MyListingItem({ listing, canAct }: { listing: MyListing; canAct: boolean }) {
  return (
    <li
      className={`flex flex-col gap-4 rounded-xl border-l-4 bg-white p-4 shadow-sm ring-1 ring-line sm:p-5 lg:flex-row lg:items-start lg:justify-between ${
        listing.kind === "offer" ? "border-brand-600" : "border-request-600"
      } ${listing.status === "closed" ? "opacity-80" : ""}`}
      data-testid="my-listing"
    >
      <div className="min-w-0 space-y-1.5">
        <p className="flex flex-wrap items-center gap-2">
          <ListingKindBadge kind={listing.kind} />
          <ListingStatusBadge status={listing.status} />
          <span className="text-sm text-ink-muted">{listing.skillName}</span>
        </p>
        <h3 className="text-lg leading-snug font-semibold break-words">
          <Link href={`/listings/${listing.id}`} className="text-ink underline-offset-4 hover:text-brand-800 hover:underline">
            {listing.title}
          </Link>
        </h3>
        <p className="text-sm text-ink-muted">
          About {formatMinutes(listing.estimatedMinutes)}
          {listing.wantedBy && (
            <>
              {" · wanted by "}
              <time dateTime={isoDay(listing.wantedBy)}>{formatDay(listing.wantedBy)}</time>
            </>
          )}
          {" · posted "}
          <time dateTime={isoDay(listing.createdAt)}>{formatDay(listing.createdAt)}</time>
        </p>
      </div>
      {canAct && listing.status !== "closed" && (
        <div className="flex shrink-0 flex-wrap items-start gap-2">
          <Link href={`/listings/${listing.id}/edit`} className={buttonClass("secondary", "min-h-10 px-3 text-sm")}>
            Edit<span className="sr-only"> “{listing.title}”</span>
          </Link>
          <ListingStatusActions listingId={listing.id} status={listing.status} title={listing.title} compact />
        </div>
      )}
    </li>
  );
}
