import Link from "next/link";
import { Badge } from "@/components/ui/page";
import type { ExchangeRow } from "@/lib/exchanges/queries";
import { formatMinutes } from "@/lib/format/minutes";

/** Exchanges waiting for the member: accept, record delivery, or confirm. */
export function NeedsAction({ exchanges }: { exchanges: ExchangeRow[] }) {
  if (exchanges.length === 0) {
    return <p className="rounded-xl bg-white p-5 text-ink-muted shadow-sm ring-1 ring-line">Nothing is waiting for you. When an exchange needs your answer it appears here.</p>;
  }
  return (
    <ul className="space-y-3">
      {exchanges.map((ex) => (
        <li key={ex.id} className="rounded-xl border-l-4 border-focus bg-white p-4 shadow-sm ring-1 ring-line" data-testid="needs-action">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/exchanges/${ex.id}`} className="font-semibold break-words text-brand-800 underline-offset-4 hover:underline">
              {ex.title}
            </Link>
            <Badge tone={ex.role === "provider" ? "brand" : "request"}>{ex.role === "provider" ? "You help" : "You are helped"}</Badge>
          </div>
          <p className="mt-1 text-sm text-ink-muted">
            With {ex.other.firstName} · {formatMinutes(ex.minutes)} · {ex.stateLabel}
          </p>
          <p className="mt-1 font-semibold">{ex.nextStep}</p>
        </li>
      ))}
    </ul>
  );
}
