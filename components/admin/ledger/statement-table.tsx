"use client";

// An account's entries as a table, newest first, with the balance after each: wide, so it
// scrolls sideways inside its own box on a phone.
import Link from "next/link";
import { formatMinutes, formatMinutesSigned } from "@/lib/format/minutes";
import type { StatementLine } from "@/lib/ledger-admin/queries";
import { AccountLink, linkClass, TransferKindBadge, TransferLink, UtcTime } from "./ledger-bits";

const cell = "cell";

export function StatementTable({ lines, caption }: { lines: StatementLine[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-line" role="region" aria-labelledby="statement-caption" tabIndex={0}>
      <table className="w-full min-w-[56rem] border-collapse text-left text-[0.95rem]">
        <caption id="statement-caption" className="px-3 pt-3 pb-1 text-left text-sm text-ink-muted">
          {caption}
        </caption>
        <thead className="border-b border-line bg-page text-sm">
          <tr>
            <th scope="col" className={cell}>
              Entry
            </th>
            <th scope="col" className={cell}>
              When (UTC)
            </th>
            <th scope="col" className={cell}>
              Transfer
            </th>
            <th scope="col" className={cell}>
              With
            </th>
            <th scope="col" className={`${cell} text-right`}>
              Amount
            </th>
            <th scope="col" className={`${cell} text-right`}>
              Balance after
            </th>
            <th scope="col" className={cell}>
              Memo
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {lines.map((e) => (
            <tr key={e.seq} data-testid="statement-line">
              <th scope="row" className={`${cell} font-normal tabular-nums`}>
                {e.seq}
              </th>
              <td className={`${cell} whitespace-nowrap`}>
                <UtcTime date={e.at} />
              </td>
              <td className={cell}>
                <TransferLink id={e.transferId} /> <TransferKindBadge kind={e.kind} />
                {e.reversedById && (
                  <span className="block text-sm">
                    Reversed by <TransferLink id={e.reversedById} />
                  </span>
                )}
                {e.reversesId && (
                  <span className="block text-sm">
                    Reverses <TransferLink id={e.reversesId} />
                  </span>
                )}
                {e.exchangeId && (
                  <Link href={`/admin/exchanges/${e.exchangeId}`} className={`${linkClass} block text-sm`}>
                    Its exchange
                  </Link>
                )}
              </td>
              <td className={`${cell} max-w-[12rem]`}>
                <AccountLink account={e.other} />
              </td>
              <td className={`${cell} num font-semibold ${e.amountMinutes > 0 ? "text-green-800" : "text-ink"}`}>
                <span className="sr-only">{e.amountMinutes > 0 ? "In: " : "Out: "}</span>
                {formatMinutesSigned(e.amountMinutes)}
              </td>
              <td className={`${cell} num`}>{formatMinutes(e.balanceAfterMinutes)}</td>
              <td className={`${cell} max-w-[16rem] break-words`}>{e.memo ?? <span className="text-ink-muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
