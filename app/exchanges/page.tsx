import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ExchangeList } from "@/components/exchanges/exchange-list";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, Page } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { currentMember } from "@/lib/auth/session";
import { countWaitingOnMe, listMyExchanges, type ExchangeTab } from "@/lib/exchanges/queries";
import { firstParam } from "@/lib/validation";

export const metadata: Metadata = { title: "My exchanges" };
export const dynamic = "force-dynamic";

type Search = { tab?: string | string[]; page?: string | string[] };


function pageNumber(v: string | undefined): number {
  return v && /^\d{1,3}$/.test(v) && Number(v) >= 1 ? Number(v) : 1;
}

export default async function ExchangesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const tab: "open" | "closed" = firstParam(params.tab) === "closed" ? "closed" : "open";
  const page = pageNumber(firstParam(params.page));
  const member = await currentMember();
  if (!member) {
    const path = `/exchanges${tab === "closed" ? "?tab=closed" : ""}`;
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  const [list, waiting] = await Promise.all([listMyExchanges(member.id, { tab: tab as ExchangeTab, page }), countWaitingOnMe(member.id)]);
  const needs = list.rows.filter((r) => r.needsMyAction);
  const rest = list.rows.filter((r) => !r.needsMyAction);

  const tabClass = (active: boolean) =>
    `inline-flex min-h-11 items-center rounded-t-lg px-4 font-semibold ${active ? "border-b-4 border-brand-600 text-brand-900" : "text-ink-muted hover:text-brand-800"}`;

  return (
    <Page
      title="My exchanges"
      intro="Every exchange you are part of: the help you give and the help you receive."
      actions={
        <ButtonLink href="/browse" variant="secondary">
          Find help or someone to help
        </ButtonLink>
      }
    >
      <nav aria-label="Exchanges" className="mb-6 flex gap-2 border-b border-line">
        <Link href="/exchanges" className={tabClass(tab === "open")} aria-current={tab === "open" ? "page" : undefined}>
          Current{waiting > 0 && <span className="ml-2 rounded-full bg-focus px-2 text-sm text-ink">{waiting}</span>}
          {waiting > 0 && <span className="sr-only"> ({waiting} need your action)</span>}
        </Link>
        <Link href="/exchanges?tab=closed" className={tabClass(tab === "closed")} aria-current={tab === "closed" ? "page" : undefined}>
          Finished
        </Link>
      </nav>

      {tab === "open" ? (
        <div className="space-y-10">
          <section aria-labelledby="needs-action-heading">
            <h2 id="needs-action-heading" className="mb-3 text-xl font-bold text-brand-900">
              Needs your action
            </h2>
            {needs.length > 0 ? (
              <ExchangeList rows={needs} label="Exchanges that need your action" />
            ) : (
              <p className="rounded-xl bg-white p-5 text-ink-muted shadow-sm ring-1 ring-line">
                Nothing is waiting for you{page > 1 ? " on this page" : ""}. When someone proposes an exchange or asks you to confirm help, it shows here.
              </p>
            )}
          </section>
          <section aria-labelledby="in-progress-heading">
            <h2 id="in-progress-heading" className="mb-3 text-xl font-bold text-brand-900">
              In progress
            </h2>
            {rest.length > 0 ? (
              <ExchangeList rows={rest} label="Exchanges in progress" />
            ) : list.rows.length === 0 && page === 1 ? (
              <EmptyState
                title="No exchanges yet"
                action={
                  <ButtonLink href="/browse" variant="primary">
                    Browse offers and requests
                  </ButtonLink>
                }
              >
                Find an offer you would like help from and ask for it, or offer to help with someone&apos;s request.
              </EmptyState>
            ) : (
              <p className="rounded-xl bg-white p-5 text-ink-muted shadow-sm ring-1 ring-line">Nothing else is in progress. Exchanges waiting for the other member show here.</p>
            )}
          </section>
        </div>
      ) : list.rows.length > 0 ? (
        <section aria-labelledby="finished-heading">
          <h2 id="finished-heading" className="sr-only">
            Finished exchanges
          </h2>
          <ExchangeList rows={list.rows} label="Finished exchanges" />
        </section>
      ) : (
        <EmptyState title="No finished exchanges yet">Confirmed, declined and cancelled exchanges are kept here for your record.</EmptyState>
      )}
      <Pagination basePath="/exchanges" params={{ tab: tab === "closed" ? "closed" : undefined }} page={list.page} hasNext={list.hasNext} label="Exchange pages" />
    </Page>
  );
}
