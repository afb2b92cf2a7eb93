import { Badge } from "@/components/ui/page";
import { STATUS_LABELS } from "@/lib/listings/rules";
import type { ListingKindValue, ListingStatusValue } from "@/lib/listings/schemas";

const TONES = { open: "success", paused: "warning", closed: "neutral" } as const;

export function ListingStatusBadge({ status }: { status: ListingStatusValue }) {
  return (
    <span data-testid="listing-status">
      <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>
    </span>
  );
}

export function ListingKindBadge({ kind }: { kind: ListingKindValue }) {
  return <Badge tone={kind === "offer" ? "brand" : "request"}>{kind === "offer" ? "Offer" : "Request"}</Badge>;
}
