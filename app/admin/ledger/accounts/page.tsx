import type { Metadata } from "next";
import Link from "next/link";
import { linkClass } from "@/components/admin/ledger/ledger-bits";
import { AdminsOnly } from "@/components/admin/admins-only";
import { buttonClass } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { Badge, EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { formatMinutes } from "@/lib/format/minutes";
import { ACCOUNT_SEARCH_LIMIT, ACCOUNT_SEARCH_MAX_CHARS, findAccounts, type AccountMatch } from "@/lib/ledger-admin/queries";
import { firstParam } from "@/lib/validation";

export const metadata: Metadata = { title: "Find an account" };
export const dynamic = "force-dynamic";

function Match({ a }: { a: AccountMatch }) {
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 p-4" data-testid="account-match">
      <div className="min-w-0">
        <Link href={`/admin/ledger/accounts/${a.accountId}`} className={`${linkClass} break-words`}>
          {a.name}
        </Link>{" "}
        {a.member ? (
          <>
            <span className="block text-sm break-all text-ink-muted">{a.member.email}</span>
            {a.member.status !== "active" && <Badge tone="warning">{a.member.status}</Badge>}
          </>
        ) : (
          <Badge>{a.kind === "pool" ? "Pool" : "Bank account"}</Badge>
        )}
      </div>
      <span className="font-semibold tabular-nums">{formatMinutes(a.balanceMinutes)}</span>
    </li>
  );
}

export default async function FindAccountPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const admin = await adminForPage("/admin/ledger/accounts");
  if (!admin) return <AdminsOnly />;
  const raw = (await searchParams).q;
  const q = firstParam(raw)?.trim() ?? "";
  const matches = await findAccounts(q);
  return (
    <Page
      title="Find an account"
      width="narrow"
      intro={
        <Link href="/admin/ledger" className={linkClass}>
          ← The ledger
        </Link>
      }
    >
      <form method="get" action="/admin/ledger/accounts" role="search" aria-label="Accounts" className="mb-6 rounded-xl bg-white p-4 shadow-sm ring-1 ring-line sm:p-5">
        <Field id="q" label="Member or account" hint="Part of a member's name or email, their full email address, or a bank account's name or code">
          {(aria) => <TextInput {...aria} name="q" type="search" defaultValue={q} maxLength={ACCOUNT_SEARCH_MAX_CHARS} autoComplete="off" />}
        </Field>
        <button type="submit" className={`${buttonClass("primary")} mt-4`}>
          Find
        </button>
      </form>
      <h2 className="mb-3 text-xl font-bold text-brand-900">{q ? `Accounts matching “${q}”` : "The bank's own accounts"}</h2>
      {matches.length === 0 ? (
        <EmptyState title={`Nothing matches “${q}”`}>Try part of the name, or the member&apos;s full email address.</EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-line overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-line">
            {matches.map((a) => (
              <Match key={a.accountId} a={a} />
            ))}
          </ul>
          {matches.length === ACCOUNT_SEARCH_LIMIT && (
            <p className="mt-3 text-sm text-ink-muted">Showing the first {ACCOUNT_SEARCH_LIMIT}. Type more of the name to narrow the list.</p>
          )}
        </>
      )}
    </Page>
  );
}
