// Small pieces the ledger review pages share: a transfer's kind in words, a link to an account's
// statement, a transfer number, and a time in UTC (admins need the exact moment, in one zone).
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/page";
import type { LedgerAccountKind, TransferKind } from "@/lib/db/generated/client";
import { formatDateTimeUtc } from "@/lib/format/date";
import type { AccountRef } from "@/lib/ledger-admin/queries";

export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = {
  exchange: "Exchange",
  grant: "Grant",
  donation: "Donation",
  adjustment: "Adjustment",
  reversal: "Reversal",
};

const KIND_TONES: Record<TransferKind, BadgeTone> = {
  exchange: "brand",
  grant: "success",
  donation: "neutral",
  adjustment: "warning",
  reversal: "danger",
};

const ACCOUNT_KIND_LABELS: Record<LedgerAccountKind, string | null> = {
  member: null,
  issuance: "bank: issuance",
  adjustment: "bank: adjustments",
  pool: "pool",
};

/** A link in a table or a list: the `link` utility of app/globals.css. */
export const linkClass = "link";

export function TransferKindBadge({ kind }: { kind: TransferKind }) {
  return <Badge tone={KIND_TONES[kind]}>{TRANSFER_KIND_LABELS[kind]}</Badge>;
}

export function AccountLink({ account }: { account: AccountRef }) {
  const label = ACCOUNT_KIND_LABELS[account.kind];
  return (
    <>
      <Link href={`/admin/ledger/accounts/${account.accountId}`} className={`${linkClass} break-words`}>
        {account.name}
      </Link>
      {label && <span className="block text-sm text-ink-muted">({label})</span>}
    </>
  );
}

export function TransferLink({ id }: { id: string }) {
  return (
    <Link href={`/admin/ledger/transfers/${id}`} className={`${linkClass} tabular-nums`}>
      #{id}
    </Link>
  );
}

export function UtcTime({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} className="tabular-nums">
      {formatDateTimeUtc(date)}
    </time>
  );
}
