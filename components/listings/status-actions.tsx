"use client";
// Pause / reopen, and close (after a second, confirming step), for the owner of a listing.
import { useActionState } from "react";
import { setListingStatusAction } from "@/app/listings/actions";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ListingStatusValue } from "@/lib/listings/schemas";

export function ListingStatusActions({
  listingId,
  status,
  title,
  compact = false,
}: {
  listingId: string;
  status: ListingStatusValue;
  title: string;
  compact?: boolean;
}) {
  const [state, formAction] = useActionState(setListingStatusAction, null);
  const size = compact ? "min-h-10 px-3 text-sm" : "";
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      {status !== "closed" && (
        <div className="flex flex-wrap items-start gap-2">
          <form action={formAction}>
            <input type="hidden" name="listingId" value={listingId} />
            <input type="hidden" name="status" value={status === "open" ? "paused" : "open"} />
            <SubmitButton variant="secondary" className={size} pendingLabel={status === "open" ? "Pausing…" : "Reopening…"}>
              {status === "open" ? "Pause" : "Reopen"}
              <span className="sr-only"> “{title}”</span>
            </SubmitButton>
          </form>
          <details className="group">
            <summary className={`inline-flex min-h-11 cursor-pointer list-none items-center rounded-lg px-4 py-2 font-semibold text-red-800 ring-1 ring-red-300 hover:bg-red-50 [&::-webkit-details-marker]:hidden ${size}`}>
              Close…<span className="sr-only"> “{title}”</span>
            </summary>
            <form action={formAction} className="mt-2 max-w-sm rounded-lg bg-red-50 p-3 ring-1 ring-red-200">
              <input type="hidden" name="listingId" value={listingId} />
              <input type="hidden" name="status" value="closed" />
              <p className="text-sm text-red-950">
                Closing is final: it can no longer be found, edited or reopened. Exchanges already agreed carry on.
              </p>
              <SubmitButton variant="danger" className="mt-3" pendingLabel="Closing…">
                Yes, close it
              </SubmitButton>
            </form>
          </details>
        </div>
      )}
    </div>
  );
}
