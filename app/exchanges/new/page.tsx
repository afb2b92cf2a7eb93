import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ProposeForm } from "@/components/exchanges/propose-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { getProposalContext } from "@/lib/exchanges/queries";
import { formatMinutes } from "@/lib/format/minutes";

export const metadata: Metadata = { title: "Propose an exchange" };
export const dynamic = "force-dynamic";

export default async function NewExchangePage({ searchParams }: { searchParams: Promise<{ listing?: string | string[] }> }) {
  const raw = (await searchParams).listing;
  const listingId = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const member = await currentMember();
  if (!member) redirect(`/signin?callbackUrl=${encodeURIComponent(`/exchanges/new?listing=${listingId}`)}`);

  const context = await getProposalContext(listingId, member.id);
  if (!context) {
    return (
      <Page title="Propose an exchange" width="narrow">
        <EmptyState
          title="We could not find that listing"
          action={
            <ButtonLink href="/browse" variant="primary">
              Browse offers and requests
            </ButtonLink>
          }
        >
          It may have been removed. Find another offer or request to respond to.
        </EmptyState>
      </Page>
    );
  }

  const { listing, owner } = context;
  const asksForHelp = listing.kind === "offer";
  const reason = whyCannotTrade(member);
  const ownerLine = [owner.profession, owner.organisation].filter(Boolean).join(", ");

  return (
    <Page
      title={asksForHelp ? "Ask for this help" : "Offer to help"}
      width="narrow"
      intro={
        <span className="[overflow-wrap:anywhere]">
          {asksForHelp ? "You are asking " : "You are offering to help "}
          <strong className="text-ink">{owner.firstName}</strong>
          {ownerLine && <> ({ownerLine})</>}
          {asksForHelp ? " for help with " : " with "}
          <Link href={listing.href} className="font-semibold break-words [overflow-wrap:anywhere] text-brand-700 underline">
            {listing.title}
          </Link>
          .
        </span>
      }
    >
      <div className="space-y-6">
        <Card>
          <h2 className="text-lg font-semibold text-ink">How the hours work</h2>
          <ol className="mt-3 list-decimal space-y-2 pl-5 text-[0.95rem] text-ink">
            {asksForHelp ? (
              <>
                <li>
                  {owner.firstName} accepts or declines. If {owner.firstName} accepts, the time you agree (about {formatMinutes(listing.estimatedMinutes)}) will be
                  held from your hours until you confirm.
                </li>
                <li>{owner.firstName} gives the help and records how long it took.</li>
                <li>You confirm, and those hours move from you to {owner.firstName}. Nothing is paid for help you did not receive.</li>
              </>
            ) : (
              <>
                <li>
                  {owner.firstName} accepts or declines. If {owner.firstName} accepts, the time you agree is held from {owner.firstName}&apos;s hours.
                </li>
                <li>You give the help and record how long it took.</li>
                <li>{owner.firstName} confirms, and those hours move to you.</li>
              </>
            )}
          </ol>
          {asksForHelp && context.availableMinutes !== null && (
            <p className="mt-3 text-sm text-ink-muted" data-testid="available-hours">
              You have {formatMinutes(Math.max(0, context.availableMinutes))} available to spend, counting hours already held for other exchanges.
            </p>
          )}
        </Card>

        {context.refusal ? (
          <Alert tone="warning" title="You cannot propose an exchange here">
            <p>{context.refusal}</p>
            <p className="mt-2">
              <Link href="/browse" className="font-semibold underline">
                Browse other offers and requests
              </Link>
            </p>
          </Alert>
        ) : reason ? (
          <Alert tone="warning">{reason}</Alert>
        ) : (
          <Card>
            <ProposeForm listingId={listing.id} estimatedMinutes={listing.estimatedMinutes} asksForHelp={asksForHelp} ownerName={owner.firstName} />
          </Card>
        )}
      </div>
    </Page>
  );
}
