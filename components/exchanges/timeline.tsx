import type { ExchangeEventView } from "@/lib/exchanges/queries";
import { STATE_LABELS } from "@/lib/exchanges/rules";
import { formatDay } from "@/lib/format/date";

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

function describe(e: ExchangeEventView): string {
  if (e.fromState === e.toState) return `${e.actorName} said thank you`;
  switch (e.toState) {
    case "proposed":
      return `${e.actorName} proposed the exchange`;
    case "accepted":
      return `${e.actorName} accepted`;
    case "declined":
      return `${e.actorName} declined`;
    case "cancelled":
      return `${e.actorName} cancelled`;
    case "delivered":
      return `${e.actorName} recorded the help as given`;
    case "confirmed":
      return e.actorName === "The bank" ? "Confirmed automatically" : `${e.actorName} confirmed`;
    case "disputed":
      return `${e.actorName} disputed it`;
    default:
      return `${STATE_LABELS[e.toState]} (${e.actorName})`;
  }
}

export function Timeline({ events }: { events: ExchangeEventView[] }) {
  return (
    <ol className="min-w-0 space-y-4 border-l-2 border-line pl-5" data-testid="exchange-timeline">
      {events.map((e) => (
        <li key={e.id} className="relative min-w-0">
          <span className="absolute top-1.5 -left-[1.6rem] size-3 rounded-full bg-brand-600 ring-4 ring-white" aria-hidden="true" />
          <p className="font-semibold break-words [overflow-wrap:anywhere] text-ink">{describe(e)}</p>
          <p className="text-sm text-ink-muted">
            <time dateTime={e.createdAt.toISOString()}>
              {formatDay(e.createdAt)}, {timeFormat.format(e.createdAt)}
            </time>
          </p>
          {e.note && <p className="mt-1 text-[0.95rem] break-words [overflow-wrap:anywhere] whitespace-pre-line text-ink">{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}
