import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { MyListingItem } from "@/components/listings/my-listing-item";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { EmptyState, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { listMyListings } from "@/lib/listings/queries";
import { STATUS_LABELS } from "@/lib/listings/rules";
import { LISTING_STATUSES, type ListingStatusValue } from "@/lib/listings/schemas";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My offers and requests" };

const EMPTY_FOR: Record<ListingStatusValue, string> = {
  open: "Nothing open just now. Reopen a paused one, or post something new.",
  paused: "Nothing paused. Pausing hides an offer or request from browse until you reopen it.",
  closed: "Nothing closed yet.",
};

export default async function MyListingsPage({ searchParams }: { searchParams: Promise<{ status?: string | string[] }> }) {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=%2Flistings");
  const raw = (await searchParams).status;
  const wanted = Array.isArray(raw) ? raw[0] : raw;
  const status = (LISTING_STATUSES as readonly string[]).includes(wanted ?? "") ? (wanted as ListingStatusValue) : null;
  const { listings, counts } = await listMyListings(member.id, { status });
  const reason = whyCannotTrade(member);
  const total = counts.open + counts.paused + counts.closed;

  const newButtons = reason ? undefined : (
    <>
      <ButtonLink href="/listings/new?kind=offer">New offer</ButtonLink>
      <ButtonLink href="/listings/new?kind=request" variant="request">
        New request
      </ButtonLink>
    </>
  );

  const tabs: { href: string; label: string; count: number; current: boolean }[] = [
    { href: "/listings", label: "All", count: total, current: status === null },
    ...LISTING_STATUSES.map((s) => ({ href: `/listings?status=${s}`, label: STATUS_LABELS[s], count: counts[s], current: status === s })),
  ];

  return (
    <Page
      title="My offers and requests"
      intro="What you offer and what you have asked for. Pause one to hide it for a while; close it when it is done."
      actions={newButtons}
    >
      {reason && (
        <div className="mb-6">
          <Alert tone="warning">{reason}</Alert>
        </div>
      )}
      {total === 0 ? (
        <EmptyState
          title="You have not posted anything yet"
          action={newButtons && <div className="flex flex-wrap justify-center gap-2">{newButtons}</div>}
        >
          Offer a skill you could share with other members, or ask for help with your improvement work.{" "}
          <Link href="/browse" className="font-semibold text-brand-700 underline">
            Browse
          </Link>{" "}
          to see what others have posted.
        </EmptyState>
      ) : (
        <>
          <FilterTabs label="Filter by status" tabs={tabs} />
          <h2 className="sr-only">{status ? STATUS_LABELS[status] : "All"}</h2>
          {listings.length === 0 ? (
            <EmptyState title={`No ${status ? STATUS_LABELS[status].toLowerCase() : ""} offers or requests`}>{status ? EMPTY_FOR[status] : null}</EmptyState>
          ) : (
            <ul className="space-y-3">
              {listings.map((listing) => (
                <MyListingItem key={listing.id} listing={listing} canAct={reason === null} />
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
