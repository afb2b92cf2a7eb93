// What a filtered, keyset-paged history (the ledger, the audit log) says when a page is empty: past
// its end, no match for the filters, or nothing recorded at all.
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/page";

export function HistoryEmptyState({
  noun,
  paged,
  filtered,
  newestHref,
  clearHref,
  widerHint,
  nothingYet,
}: {
  /** "entries", "transfers" */
  noun: string;
  paged: boolean;
  filtered: boolean;
  newestHref: string;
  clearHref: string;
  /** what to loosen when filters match nothing */
  widerHint: string;
  /** the empty state for a history with nothing in it yet */
  nothingYet: ReactNode;
}) {
  if (paged) {
    return (
      <EmptyState
        title={`No more ${noun} this way`}
        action={
          <Link href={newestHref} className={buttonClass("secondary")}>
            Back to the newest {noun}
          </Link>
        }
      />
    );
  }
  if (filtered) {
    return (
      <EmptyState
        title={`No ${noun} match these filters`}
        action={
          <Link href={clearHref} className={buttonClass("secondary")}>
            Clear the filters
          </Link>
        }
      >
        {widerHint}
      </EmptyState>
    );
  }
  return nothingYet;
}
