import Link from "next/link";
import type { ExchangeRow } from "@/lib/exchanges/queries";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import { RoleBadge, StateBadge } from "./state-badge";

function otherLabel(row: ExchangeRow): string {
  const extra = [row.other.profession, row.other.organisation].filter(Boolean).join(", ");
  return extra ? `${row.other.firstName} (${extra})` : row.other.firstName;
}

export function ExchangeList({ rows, label }: { rows: ExchangeRow[]; label: string }) {
  return (
    <ul className="space-y-3" aria-label={label}>
      {rows.map((row) => (
        <li
          key={row.id}
          className={`rounded-xl bg-white p-4 shadow-sm ring-1 ring-line sm:p-5 ${row.needsMyAction ? "border-l-4 border-focus" : ""}`}
          data-testid="exchange-row"
        >
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h3 className="min-w-0 text-lg leading-snug font-semibold break-words [overflow-wrap:anywhere]">
              <Link href={`/exchanges/${row.id}`} className="text-brand-800 underline-offset-4 hover:underline">
                {row.title}
              </Link>
            </h3>
            <StateBadge state={row.state} />
          </div>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-ink-muted">
            <RoleBadge role={row.role} />
            <span className="min-w-0 break-words [overflow-wrap:anywhere]">With {otherLabel(row)}</span>
            <span aria-hidden="true">·</span>
            <span>{formatMinutes(row.minutes)}</span>
            <span aria-hidden="true">·</span>
            <span>
              Updated <time dateTime={isoDay(row.updatedAt)}>{formatDay(row.updatedAt)}</time>
            </span>
          </p>
          <p className={`mt-2 break-words [overflow-wrap:anywhere] ${row.needsMyAction ? "font-semibold text-ink" : "text-ink-muted"}`}>{row.nextStep}</p>
        </li>
      ))}
    </ul>
  );
}
