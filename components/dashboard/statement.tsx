"use client";

import Link from "next/link";
import { EmptyState } from "@/components/ui/page";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import type { StatementPage } from "@/lib/members/queries";

const signed = (minutes: number) => (minutes > 0 ? `+${formatMinutes(minutes)}` : formatMinutes(minutes));

const navLink = "inline-flex min-h-11 items-center rounded-lg bg-white px-4 font-semibold text-brand-800 ring-1 ring-brand-200 hover:bg-brand-50";

/** The member's ledger entries, newest first, with the balance after each; paged by entry id. */
export function Statement({ page, isFirstPage, basePath }: { page: StatementPage; isFirstPage: boolean; basePath: string }) {
  if (page.entries.length === 0) {
    return isFirstPage ? (
      <EmptyState title="No hours have moved yet">
        When you give or receive help, or someone donates hours to you, each movement shows here with your balance after it.
      </EmptyState>
    ) : (
      <EmptyState title="No older entries" action={<Link href={`${basePath}#statement`} className={navLink}>Back to the newest</Link>} />
    );
  }
  return (
    <>
      <ol className="divide-y divide-line overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-line" aria-label="Statement entries">
        {page.entries.map((e) => (
          <li key={e.id} className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 p-4" data-testid="statement-entry">
            <div className="min-w-0">
              <p className="font-semibold break-words">
                {e.link ? (
                  <Link href={e.link} className="text-brand-800 underline-offset-4 hover:underline">
                    {e.description}
                  </Link>
                ) : (
                  e.description
                )}
              </p>
              <p className="text-sm break-words text-ink-muted">
                <time dateTime={isoDay(e.at)}>{formatDay(e.at)}</time>
                {e.otherParty && (
                  <>
                    {" · "}
                    {e.amountMinutes > 0 ? "from " : "to "}
                    {e.otherPartyId ? (
                      <Link href={`/members/${e.otherPartyId}`} className="underline-offset-4 hover:underline">
                        {e.otherParty}
                      </Link>
                    ) : (
                      e.otherParty
                    )}
                  </>
                )}
                {e.memo && e.kind === "donation" && <> · “{e.memo}”</>}
              </p>
            </div>
            <div className="text-right">
              <p className={`font-bold tabular-nums ${e.amountMinutes > 0 ? "text-green-800" : "text-ink"}`}>
                <span className="sr-only">{e.amountMinutes > 0 ? "In: " : "Out: "}</span>
                {signed(e.amountMinutes)}
              </p>
              <p className="text-sm text-ink-muted tabular-nums">
                <span className="sr-only">Balance after: </span>
                {formatMinutes(e.balanceAfterMinutes)}
              </p>
            </div>
          </li>
        ))}
      </ol>
      {(!isFirstPage || page.nextBefore) && (
        <nav aria-label="Statement pages" className="mt-4 flex flex-wrap items-center justify-between gap-3">
          {!isFirstPage ? (
            <Link href={`${basePath}#statement`} className={navLink}>
              ← Newest
            </Link>
          ) : (
            <span />
          )}
          {page.nextBefore && (
            <Link href={`${basePath}?before=${page.nextBefore}#statement`} className={navLink} rel="next">
              Older entries →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
