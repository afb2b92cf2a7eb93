import type { Metadata } from "next";
import Link from "next/link";
import { BrowseFiltersForm } from "@/components/listings/browse-filters";
import { ListingCard } from "@/components/listings/listing-card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, Page } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { hubOf } from "@/lib/hubs/queries";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import {
  anyPublicListings,
  hasFilters,
  organisationNameOf,
  listRegionsForSelect,
  listSkillsForSelect,
  parseBrowseParams,
  searchListings,
  type BrowseFilters,
  type BrowseResult,
} from "@/lib/listings/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Browse offers and requests" };

function resultLine({ total, moreThanTotal: moreThan, order }: BrowseResult, filters: BrowseFilters): string {
  const what =
    filters.kind === "offer"
      ? total === 1 ? "open offer" : "open offers"
      : filters.kind === "request"
        ? total === 1 ? "open request" : "open requests"
        : total === 1 ? "open offer or request" : "open offers and requests";
  const count = `${moreThan ? "More than " : ""}${total.toLocaleString("en-GB")}`;
  if (filters.q && order === "newest") return `${count} ${what} match “${filters.q}”: the newest first`;
  if (filters.q) return `${count} ${what} ${total === 1 ? "matches" : "match"} “${filters.q}”`;
  if (hasFilters(filters)) return `${count} ${what} ${total === 1 ? "matches" : "match"} your filters`;
  return `${count} ${what}`;
}

export default async function BrowsePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = parseBrowseParams(await searchParams);
  const member = await currentMember();
  const [result, skills, organisationName, regions, myHub] = await Promise.all([
    searchListings(filters),
    listSkillsForSelect(),
    organisationNameOf(filters.organisationId),
    listRegionsForSelect(),
    member ? hubOf(member.id) : Promise.resolve(null),
  ]);
  const canPost = member !== null && whyCannotTrade(member) === null;
  const filtered = hasFilters(filters);
  // Without filters the total already says whether there is anything at all.
  const anyAtAll = result.total > 0 || (filtered && (await anyPublicListings()));

  const newButtons = canPost ? (
    <>
      <ButtonLink href="/listings/new?kind=offer">New offer</ButtonLink>
      <ButtonLink href="/listings/new?kind=request" variant="request">
        New request
      </ButtonLink>
    </>
  ) : undefined;

  return (
    <Page
      title="Browse offers and requests"
      intro="Find a member who can help with your improvement work, or someone you could help. Each hour you give earns an hour you can spend."
      actions={newButtons}
    >
      <BrowseFiltersForm filters={filters} skills={skills} organisation={filters.organisationName || organisationName || ""} regions={regions} myHub={myHub} />

      <section aria-labelledby="results-heading" className="mt-8">
        <h2 id="results-heading" className="text-lg font-semibold text-ink" data-testid="result-count">
          {resultLine(result, filters)}
          {result.page > 1 && result.listings.length > 0 && <span className="font-normal text-ink-muted"> (page {result.page})</span>}
        </h2>

        {result.listings.length > 0 ? (
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {result.listings.map((listing) => (
              <li key={listing.id}>
                <ListingCard listing={listing} />
              </li>
            ))}
          </ul>
        ) : !anyAtAll ? (
          <div className="mt-4">
            <EmptyState title="No open offers or requests yet" action={newButtons && <div className="flex flex-wrap justify-center gap-2">{newButtons}</div>}>
              {canPost ? (
                "Be the first: offer a skill you could share, or ask for help with your project."
              ) : member ? (
                "When members post offers and requests they will appear here."
              ) : (
                <>
                  When members post offers and requests they will appear here.{" "}
                  <Link href="/signin?callbackUrl=%2Fbrowse" className="font-semibold text-brand-700 underline">
                    Sign in
                  </Link>{" "}
                  to post your own.
                </>
              )}
            </EmptyState>
          </div>
        ) : result.page > 1 && result.total > 0 ? (
          <div className="mt-4">
            <EmptyState title="There are no more results" action={<ButtonLink href="/browse" variant="secondary">Back to the first page</ButtonLink>}>
              This page is past the last result.
            </EmptyState>
          </div>
        ) : (
          <div className="mt-4">
            <EmptyState
              title="Nothing matches"
              action={
                <ButtonLink href="/browse" variant="secondary">
                  Clear the search and filters
                </ButtonLink>
              }
            >
              Try fewer or different words, or remove a filter.{" "}
              {canPost && (
                <>
                  Or{" "}
                  <Link href="/listings/new?kind=request" className="font-semibold text-request-700 underline">
                    post a request
                  </Link>{" "}
                  so that people who can help find you.
                </>
              )}
            </EmptyState>
          </div>
        )}

        <Pagination
          basePath="/browse"
          label="Result pages"
          page={result.page}
          hasNext={result.hasNext}
          params={{
            q: filters.q || undefined,
            kind: filters.kind ?? undefined,
            skill: filters.skillId ?? undefined,
            organisation: filters.organisationId ?? (filters.organisationName || undefined),
            region: filters.regionId ?? undefined,
            hub: filters.hubId ?? undefined,
          }}
        />
      </section>
    </Page>
  );
}
