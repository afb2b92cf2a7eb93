import { HistoryEmptyState } from "@/components/admin/history-empty-state";
import type { Metadata } from "next";
import { AuditFiltersForm } from "@/components/admin/audit/audit-filters";
import { AuditTable } from "@/components/admin/audit/audit-table";
import { AdminsOnly } from "@/components/admin/admins-only";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { AUDIT_FILTER_KEYS, AUDIT_PAGE_SIZE, auditFilterParams, listAuditEntries, parseAuditFilters } from "@/lib/audit/queries";
import { firstParam } from "@/lib/validation";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;


export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const admin = await adminForPage("/admin/audit");
  if (!admin) return <AdminsOnly />;
  const params = await searchParams;
  const { filters, errors } = parseAuditFilters(params);
  const cursor = { after: firstParam(params.after), before: firstParam(params.before) };
  const page = await listAuditEntries(filters, cursor);
  const filterParams = auditFilterParams(filters);
  const filtered = Object.values(filterParams).some(Boolean);
  const paged = Boolean(cursor.after || cursor.before);
  const query = new URLSearchParams(Object.entries(filterParams).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  const typed = Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, firstParam(params[k])]));

  return (
    <Page
      title="Audit log"
      intro="Every admin action, sign-in and sign-out, refused request and settings change: who, when, what and from where. Nobody can change or delete an entry. Times are in UTC."
      actions={
        <a href={`/admin/audit/export${query ? `?${query}` : ""}`} className={buttonClass("secondary")}>
          Download CSV{filtered ? " (these filters)" : ""}
        </a>
      }
    >
      <div className="space-y-6">
        {Object.keys(errors).length > 0 && (
          <Alert tone="warning" title="Some filters could not be used">
            The entries below leave them out. Check the fields marked in the form.
          </Alert>
        )}
        <AuditFiltersForm values={typed} errors={errors} />
        <section aria-labelledby="entries-heading">
          <h2 id="entries-heading" className="mb-3 text-xl font-bold text-brand-900">
            Entries
          </h2>
          {page.entries.length === 0 ? (
            <HistoryEmptyState
              noun="entries"
              paged={paged}
              filtered={filtered}
              newestHref={`/admin/audit${query ? `?${query}` : ""}`}
              clearHref="/admin/audit"
              widerHint="Try a wider date range, or fewer filters."
              nothingYet={
                <EmptyState title="Nothing has been recorded yet">
                  Entries appear here as members sign in and admins approve members, change settings or correct the ledger.
                </EmptyState>
              }
            />
          ) : (
            <AuditTable
              entries={page.entries}
              caption={`${filtered ? "Entries matching the filters" : "All entries"}, newest first, up to ${AUDIT_PAGE_SIZE} a page. Times in UTC.`}
            />
          )}
          <KeysetPagination basePath="/admin/audit" params={filterParams} newerCursor={page.newerCursor} olderCursor={page.olderCursor} label="Audit log pages" />
        </section>
      </div>
    </Page>
  );
}
