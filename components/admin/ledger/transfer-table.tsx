"use client";

// Transfers as a table: wide, so it scrolls sideways inside its own box on a phone (the page
// itself never does). Each row links to the transfer and to both accounts' statements.
import Link from "next/link";
import { formatMinutes } from "@/lib/format/minutes";
import type { TransferRow } from "@/lib/ledger-admin/queries";
import { AccountLink, linkClass, TransferKindBadge, TransferLink, UtcTime } from "./ledger-bits";

const cell = "cell";

function Links({ t }: { t: TransferRow }) {
  return (
    <span className="mt-1 block space-y-0.5 text-sm">
      {t.reversedById && (
        <span className="block">
          Reversed by <TransferLink id={t.reversedById} />
        </span>
      )}
      {t.reversesId && (
        <span className="block">
          Reverses <TransferLink id={t.reversesId} />
        </span>
      )}
      {t.exchangeId && (
        <Link href={`/admin/exchanges/${t.exchangeId}`} className={`${linkClass} block`}>
          Its exchange
        </Link>
      )}
    </span>
  );
}

export function TransferTable({ rows, caption }: { rows: TransferRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-line" role="region" aria-labelledby="transfers-caption" tabIndex={0}>
      <table className="w-full min-w-[62rem] border-collapse text-left text-[0.95rem]">
        <caption id="transfers-caption" className="px-3 pt-3 pb-1 text-left text-sm text-ink-muted">
          {caption}
        </caption>
        <thead className="border-b border-line bg-page text-sm">
          <tr>
            <th scope="col" className={cell}>
              Transfer
            </th>
            <th scope="col" className={cell}>
              When (UTC)
            </th>
            <th scope="col" className={cell}>
              Kind
            </th>
            <th scope="col" className={cell}>
              From
            </th>
            <th scope="col" className={cell}>
              To
            </th>
            <th scope="col" className={`${cell} text-right`}>
              Amount
            </th>
            <th scope="col" className={cell}>
              Memo
            </th>
            <th scope="col" className={cell}>
              By
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((t) => (
            <tr key={t.id} data-testid="ledger-transfer">
              <th scope="row" className={`${cell} font-normal`}>
                <TransferLink id={t.id} />
              </th>
              <td className={`${cell} whitespace-nowrap`}>
                <UtcTime date={t.at} />
              </td>
              <td className={cell}>
                <TransferKindBadge kind={t.kind} />
                <Links t={t} />
              </td>
              <td className={`${cell} max-w-[12rem]`}>
                <AccountLink account={t.from} />
              </td>
              <td className={`${cell} max-w-[12rem]`}>
                <AccountLink account={t.to} />
              </td>
              <td className={`${cell} num font-semibold`}>{formatMinutes(t.minutes)}</td>
              <td className={`${cell} max-w-[16rem] break-words`}>{t.memo ?? <span className="text-ink-muted">—</span>}</td>
              <td className={`${cell} max-w-[10rem] break-words`}>{t.actorName ?? <span className="text-ink-muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
