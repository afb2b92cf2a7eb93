import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AdminsOnly } from "@/components/admin/admins-only";
import { Badge, Card, Page } from "@/components/ui/page";
import { getAdminOverview } from "@/lib/admin/overview";
import { adminForPage } from "@/lib/admin/page";
import { describeAuditAction } from "@/lib/audit/actions";
import { formatAgo, formatDateTimeUtc } from "@/lib/format/date";
import { LEDGER_CHECK_KINDS, latestCheckRuns, type LedgerCheckKind } from "@/lib/ledger";

export const metadata: Metadata = { title: "Admin" };

const CHECK_NAMES: Record<LedgerCheckKind, string> = {
  trial_balance: "Trial balance",
  reconcile: "Reconciliation",
  verify_chain: "Hash-chain verification",
};

export default async function AdminOverviewPage() {
  const admin = await adminForPage("/admin");
  if (!admin) return <AdminsOnly />;
  const [overview, checks] = await Promise.all([getAdminOverview(), latestCheckRuns()]);
  const { membersByStatus: m } = overview;
  return (
    <Page title="Running the bank" intro="What needs you now, the state of the books, and what admins have done lately.">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Tile href="/admin/members/pending" figure={overview.pendingReady} label="waiting for approval" urgent={overview.pendingReady > 0} />
        <Tile href="/admin/disputes" figure={overview.openDisputes} label="disputes to resolve" urgent={overview.openDisputes > 0} />
        <Tile href="/admin/members?status=active" figure={m.active} label="active members" />
        <Tile href="/admin/reports" figure={overview.openExchanges} label="exchanges in progress" />
      </div>

      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="books">
          <h2 id="books" className="text-lg font-semibold text-brand-900">
            The books
          </h2>
          <ul className="mt-3 divide-y divide-line">
            {LEDGER_CHECK_KINDS.map((kind) => {
              const run = checks[kind];
              return (
                <li key={kind} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <span className="font-semibold">{CHECK_NAMES[kind]}</span>
                  {run ? (
                    <span className="flex items-center gap-2 text-sm">
                      <Badge tone={run.ok ? "success" : "danger"}>{run.ok ? "No problems" : `${run.problemCount} problem${run.problemCount === 1 ? "" : "s"}`}</Badge>
                      <time dateTime={run.ranAt.toISOString()} title={formatDateTimeUtc(run.ranAt)} className="text-ink-muted">
                        {formatAgo(run.ranAt)}
                      </time>
                    </span>
                  ) : (
                    <Badge tone="warning">Never run</Badge>
                  )}
                </li>
              );
            })}
          </ul>
          <p className="mt-3">
            <Link href="/admin/ledger" className="font-semibold text-brand-800 underline underline-offset-4">
              Review the ledger and run the checks
            </Link>
          </p>
        </Card>

        <Card aria-labelledby="members-heading">
          <h2 id="members-heading" className="text-lg font-semibold text-brand-900">
            Members
          </h2>
          <dl className="mt-3 grid grid-cols-2 gap-3">
            {(
              [
                ["active", "Active"],
                ["pending", "Waiting or signing up"],
                ["suspended", "Suspended or declined"],
                ["closed", "Closed their account"],
              ] as const
            ).map(([status, label]) => (
              <div key={status} className="rounded-lg bg-page p-3">
                <dt className="text-sm text-ink-muted">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums">
                  <Link href={`/admin/members?status=${status}`} className="underline-offset-4 hover:underline">
                    {m[status]}
                  </Link>
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>

      <Card aria-labelledby="recent" className="mt-6">
        <h2 id="recent" className="text-lg font-semibold text-brand-900">
          Recent activity
        </h2>
        {overview.recentAudit.length === 0 ? (
          <p className="mt-2 text-ink-muted">Nothing recorded yet. Sign-ins and every admin action will appear here.</p>
        ) : (
          <ol className="mt-3 divide-y divide-line">
            {overview.recentAudit.map((a) => (
              <li key={a.id.toString()} className="flex flex-wrap justify-between gap-2 py-2.5">
                <span>
                  <span className="font-semibold">{describeAuditAction(a.action)}</span>
                  {a.actorName && <span className="text-ink-muted"> · {a.actorName}</span>}
                </span>
                <time dateTime={a.at.toISOString()} className="text-sm text-ink-muted">
                  {formatDateTimeUtc(a.at)}
                </time>
              </li>
            ))}
          </ol>
        )}
        <p className="mt-3">
          <Link href="/admin/audit" className="font-semibold text-brand-800 underline underline-offset-4">
            The whole audit log
          </Link>
        </p>
      </Card>
    </Page>
  );
}

function Tile({ href, figure, label, urgent = false }: { href: string; figure: number; label: ReactNode; urgent?: boolean }) {
  return (
    <Link
      href={href}
      className={`block rounded-xl p-5 shadow-sm ring-1 hover:ring-2 ${urgent ? "bg-amber-50 ring-amber-300 hover:ring-amber-500" : "bg-white ring-line hover:ring-brand-300"}`}
    >
      <span className="block text-3xl font-bold tabular-nums text-brand-900">{figure}</span>
      <span className="block font-semibold text-ink">{label}</span>
    </Link>
  );
}
