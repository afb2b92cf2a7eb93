import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass, UtcTime } from "@/components/admin/ledger/ledger-bits";
import { StatementTable } from "@/components/admin/ledger/statement-table";
import { AdminsOnly } from "@/components/admin/admins-only";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { Badge, Card, EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import type { LedgerAccountKind } from "@/lib/db/generated/client";
import { formatMinutes } from "@/lib/format/minutes";
import { accountHeader, accountStatement, parseAccountId, STATEMENT_PAGE_SIZE, type AccountHeader } from "@/lib/ledger-admin/queries";
import { firstParam } from "@/lib/validation";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;


const KIND_LABELS: Record<LedgerAccountKind, string> = {
  member: "Member's account",
  issuance: "Bank account: issuance (grants and welcome hours come from here)",
  adjustment: "Bank account: adjustments (admins' corrections go to and from here)",
  pool: "Pool (members donate to it; it cannot go below zero)",
};

function Figure({ label, minutes, hint }: { label: string; minutes: number; hint?: string }) {
  return (
    <div className="rounded-lg bg-page px-4 py-3">
      <dt className="text-sm font-semibold text-ink-muted">{label}</dt>
      <dd className="text-xl font-bold tabular-nums text-brand-900">{formatMinutes(minutes)}</dd>
      {hint && <dd className="text-sm text-ink-muted">{hint}</dd>}
    </div>
  );
}

function Header({ a }: { a: AccountHeader }) {
  return (
    <Card aria-labelledby="account-heading">
      <h2 id="account-heading" className="sr-only">
        The account
      </h2>
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={a.kind === "member" ? "brand" : "neutral"}>{KIND_LABELS[a.kind]}</Badge>
        {a.member && a.member.status !== "active" && <Badge tone="warning">Member {a.member.status}</Badge>}
      </p>
      <dl className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure label="Balance" minutes={a.balanceMinutes} />
        <Figure label="Held for exchanges" minutes={a.heldMinutes} />
        {a.floorMinutes !== null && <Figure label="Floor" minutes={a.floorMinutes} hint="How far below zero it may go" />}
        {a.availableMinutes !== null && <Figure label="Can still pay" minutes={a.availableMinutes} hint="Balance less held, down to the floor" />}
      </dl>
      <p className="mt-4 text-sm text-ink-muted">
        Account {a.id}
        {a.code && <> (code “{a.code}”)</>}, opened <UtcTime date={a.openedAt} />; {a.entryCount.toLocaleString("en-GB")} entries.
        {a.member && (
          <>
            {" "}
            <Link href={`/admin/members/${a.member.id}`} className={linkClass}>
              {a.member.name ?? a.member.email}&apos;s member page
            </Link>
            .
          </>
        )}
      </p>
    </Card>
  );
}

export default async function AccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { id } = await params;
  const admin = await adminForPage(`/admin/ledger/accounts/${id}`);
  if (!admin) return <AdminsOnly />;
  const accountId = parseAccountId(id);
  const account = accountId === null ? null : await accountHeader(accountId);
  if (!account) notFound();
  const query = await searchParams;
  const cursor = { after: firstParam(query.after), before: firstParam(query.before) };
  const page = await accountStatement(account.id, cursor);
  const paged = Boolean(cursor.after || cursor.before);
  return (
    <Page
      title={account.name}
      intro={
        <Link href="/admin/ledger/accounts" className={linkClass}>
          ← Find another account
        </Link>
      }
      actions={
        account.member && (
          <>
            <ButtonLink href={`/admin/ledger?member=${account.member.id}`} variant="secondary">
              Their transfers
            </ButtonLink>
            <ButtonLink href={`/admin/ledger/correct?member=${account.member.id}`} variant="secondary">
              Post a correction
            </ButtonLink>
          </>
        )
      }
    >
      <div className="space-y-8">
        <Header a={account} />
        <section aria-labelledby="statement-heading" className="space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="statement-heading" className="text-xl font-bold text-brand-900">
              Statement
            </h2>
            {account.entryCount > 0 && (
              <a href={`/admin/ledger/accounts/${account.id}/export`} className={buttonClass("secondary")}>
                Download statement CSV
              </a>
            )}
          </div>
          {page.rows.length > 0 ? (
            <StatementTable lines={page.rows} caption={`Entries newest first, up to ${STATEMENT_PAGE_SIZE} a page, with the balance after each. Times in UTC.`} />
          ) : paged ? (
            <EmptyState
              title="No more entries this way"
              action={
                <Link href={`/admin/ledger/accounts/${account.id}`} className={buttonClass("secondary")}>
                  Back to the newest entries
                </Link>
              }
            />
          ) : (
            <EmptyState title="Nothing has moved in or out of this account yet">
              {account.member ? "Its entries appear here as the member is granted hours, exchanges and gives hours." : "Its entries appear here as hours move through it."}
            </EmptyState>
          )}
          <KeysetPagination basePath={`/admin/ledger/accounts/${account.id}`} params={{}} newerCursor={page.newerCursor} olderCursor={page.olderCursor} label="Statement pages" />
        </section>
      </div>
    </Page>
  );
}
