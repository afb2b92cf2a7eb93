import type { PublicListing } from "@/lib/bank/public";
import { ListingCard } from "./listing-card";

export function ListingSection({
  id,
  title,
  intro,
  listings,
  total,
  empty,
}: {
  id: string;
  title: string;
  intro: string;
  listings: PublicListing[];
  total: number;
  empty: string;
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} className="mx-auto max-w-6xl px-4 pt-12 sm:px-6" id={id}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="text-2xl font-bold tracking-tight text-brand-900">
          {title}
        </h2>
        {listings.length > 0 && (
          <p className="text-sm text-ink-muted">
            {listings.length < total ? `The ${listings.length} newest of ${total}` : `All ${total}`}
          </p>
        )}
      </div>
      <p className="mt-2 max-w-prose text-ink-muted">{intro}</p>
      {listings.length === 0 ? (
        <p className="mt-6 rounded-xl bg-white p-5 text-ink-muted ring-1 ring-line">{empty}</p>
      ) : (
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {listings.map((listing) => (
            <li key={listing.id}>
              <ListingCard listing={listing} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
