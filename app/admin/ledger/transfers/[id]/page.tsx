import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AccountLink, linkClass, TransferKindBadge, TransferLink, UtcTime } from "@/components/admin/ledger/ledger-bits";
import { ReverseForm } from "@/components/admin/ledger/reverse-form";
import { AdminsOnly } from "@/components/admin/admins-only";
import { Alert } from "@/components/ui/alert";
import { Card, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { formatMinutes, formatMinutesSigned } from "@/lib/format/minutes";
import { REASON_MAX_CHARS, REASON_MIN_CHARS, reversalRefusal } from "@/lib/ledger-admin/corrections";
import { getTransferDetail, type AccountRef, type TransferDetail } from "@/lib/ledger-admin/queries";
import { reverseTransferAction } from "../../actions";

export const metadata: Metadata = { title: "Transfer" };
export const dynamic = "force-dynamic";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="font-semibold text-ink-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Party({ account }: { account: AccountRef }) {
  return (
    <>
      <AccountLink account={account} />
      {account.memberId && (
        <Link href={`/admin/members/${account.memberId}`} className={`${linkClass} block text-sm`}>
          Their member page
        </Link>
      )}
    </>
  );
}

function Facts({ t }: { t: TransferDetail }) {
  return (
    <dl className="divide-y divide-line">
      <Fact label="Kind">
        <TransferKindBadge kind={t.kind} />
      </Fact>
      <Fact label="When (UTC)">
        <UtcTime date={t.at} />
      </Fact>
      <Fact label="From">
        <Party account={t.from} />
      </Fact>
      <Fact label="To">
        <Party account={t.to} />
      </Fact>
      <Fact label="Amount">
        <span className="font-semibold tabular-nums">{formatMinutes(t.minutes)}</span> <span className="text-ink-muted">({t.minutes} minutes)</span>
      </Fact>
      <Fact label="Memo">{t.memo ?? <span className="text-ink-muted">None</span>}</Fact>
      <Fact label="By">{t.actorName ?? <span className="text-ink-muted">No one recorded (the system)</span>}</Fact>
      {t.exchange && (
        <Fact label="Exchange">
          <Link href={`/admin/exchanges/${t.exchange.id}`} className={linkClass}>
            {t.exchange.title}
          </Link>{" "}
          <span className="text-ink-muted">({t.exchange.state})</span>
        </Fact>
      )}
      <Fact label="Idempotency key">
        <code className="text-sm break-all">{t.idempotencyKey}</code>
      </Fact>
      {t.holdId && <Fact label="Posted hold">#{t.holdId}</Fact>}
    </dl>
  );
}

function Links({ t }: { t: TransferDetail }) {
  if (t.reversedBy) {
    return (
      <Alert tone="warning" title="This transfer has been reversed">
        Transfer <TransferLink id={t.reversedBy.id} /> moved its hours back on <UtcTime date={t.reversedBy.at} />
        {t.reversedBy.actorName && <> ({t.reversedBy.actorName})</>}
        {t.reversedBy.memo && <>: “{t.reversedBy.memo}”</>}.
      </Alert>
    );
  }
  if (t.reverses) {
    return (
      <Alert tone="info" title="This transfer is a reversal">
        It moved back the hours of transfer <TransferLink id={t.reverses.id} /> (a {t.reverses.kind} of <UtcTime date={t.reverses.at} />).
      </Alert>
    );
  }
  return null;
}

const cell = "cell";

function Entries({ t }: { t: TransferDetail }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-line" role="region" aria-labelledby="entries-caption" tabIndex={0}>
      <table className="w-full min-w-[32rem] border-collapse text-left text-[0.95rem]">
        <caption id="entries-caption" className="px-3 pt-3 pb-1 text-left text-sm text-ink-muted">
          The two entries this transfer wrote: each account&apos;s entry number and its balance after it.
        </caption>
        <thead className="border-b border-line bg-page text-sm">
          <tr>
            <th scope="col" className={cell}>
              Account
            </th>
            <th scope="col" className={cell}>
              Entry
            </th>
            <th scope="col" className={`${cell} text-right`}>
              Amount
            </th>
            <th scope="col" className={`${cell} text-right`}>
              Balance after
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {t.entries.map((e) => (
            <tr key={e.accountId}>
              <th scope="row" className={`${cell} font-normal`}>
                <Link href={`/admin/ledger/accounts/${e.accountId}`} className={linkClass}>
                  {e.accountName}
                </Link>
              </th>
              <td className={`${cell} tabular-nums`}>{e.seq}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatMinutesSigned(e.amountMinutes)}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatMinutes(e.balanceAfterMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Reverse({ t }: { t: TransferDetail }) {
  if (t.reversedBy || t.reverses) return null;
  const refusal = reversalRefusal(t);
  return (
    <Card aria-labelledby="reverse-heading">
      <h2 id="reverse-heading" className="text-lg font-semibold text-brand-900">
        Reverse it
      </h2>
      <p className="mt-1 text-ink-muted">
        A reversal is a new transfer that moves the same hours back between the same two accounts. This transfer stays in the ledger, linked to its reversal.
        {t.kind === "exchange" && " Reversing an exchange's transfer moves only the hours back: the exchange itself stays confirmed."}
      </p>
      <div className="mt-4">
        {refusal ? (
          <Alert tone="warning" title="It cannot be reversed now">
            {refusal.message}
          </Alert>
        ) : (
          <ReverseForm
            transferId={t.id}
            summary={`${formatMinutes(t.minutes)} from ${t.to.name} back to ${t.from.name}`}
            reasonMin={REASON_MIN_CHARS}
            reasonMax={REASON_MAX_CHARS}
            action={reverseTransferAction}
          />
        )}
      </div>
    </Card>
  );
}

export default async function TransferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await adminForPage(`/admin/ledger/transfers/${id}`);
  if (!admin) return <AdminsOnly />;
  const t = await getTransferDetail(id);
  if (!t) notFound();
  return (
    <Page
      title={`Transfer #${t.id}`}
      intro={
        <Link href="/admin/ledger" className={linkClass}>
          ← All transfers
        </Link>
      }
    >
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <Links t={t} />
          <Card aria-labelledby="facts-heading">
            <h2 id="facts-heading" className="text-lg font-semibold text-brand-900">
              What moved
            </h2>
            <Facts t={t} />
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="entries-heading">
            <h2 id="entries-heading" className="mb-3 text-lg font-semibold text-brand-900">
              Entries
            </h2>
            <Entries t={t} />
          </section>
          <Reverse t={t} />
        </div>
      </div>
    </Page>
  );
}
