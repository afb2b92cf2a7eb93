import { HistoryEmptyState } from "@/components/admin/history-empty-state";
import type { Metadata } from "next";
import Link from "next/link";
import { CheckPanel } from "@/components/admin/ledger/check-panel";
import { linkClass } from "@/components/admin/ledger/ledger-bits";
import { TransferFiltersForm, type TransferFilterValues } from "@/components/admin/ledger/transfer-filters";
import { TransferTable } from "@/components/admin/ledger/transfer-table";
import { AdminsOnly } from "@/components/admin/admins-only";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { latestCheckRuns } from "@/lib/ledger";
import {
  accountOfMember,
  findAccounts,
  hasTransferFilters,
  listTransfers,
  parseTransferFilters,
  TRANSFER_FILTER_PARAMS,
  TRANSFER_PAGE_SIZE,
  transferFilterParams,
  type AccountMatch,
  type TransferFilters,
} from "@/lib/ledger-admin/queries";
import { runCheckAction } from "./actions";
import { firstParam } from "@/lib/validation";

export const metadata: Metadata = { title: "Ledger" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;


const queryOf = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();

/** The member filter as typed, looked up: one member is used; several are offered to choose from. */
async function resolveMember(search: string | null, filters: TransferFilters) {
  if (!search) return { filters, choices: [] as AccountMatch[], unresolved: false };
  const choices = await findAccounts(search, { membersOnly: true });
  if (choices.length === 1) return { filters: { ...filters, memberId: choices[0]!.member!.id }, choices: [], unresolved: false };
  return { filters, choices, unresolved: true };
}

export default async function LedgerPage({ searchParams }: { searchParams: Promise<Search> }) {
  const admin = await adminForPage("/admin/ledger");
  if (!admin) return <AdminsOnly />;
  const params = await searchParams;
  const parsed = parseTransferFilters(params);
  const { filters, choices, unresolved } = await resolveMember(parsed.memberSearch, parsed.filters);
  const cursor = { after: firstParam(params.after), before: firstParam(params.before) };
  const [runs, page, member] = await Promise.all([
    latestCheckRuns(),
    unresolved ? null : listTransfers(filters, cursor),
    filters.memberId ? accountOfMember(filters.memberId) : null,
  ]);
  const filterParams = transferFilterParams(filters);
  const query = queryOf(filterParams);
  const filtered = hasTransferFilters(filters);
  const values: TransferFilterValues = Object.fromEntries(TRANSFER_FILTER_PARAMS.map((k) => [k, firstParam(params[k])]));
  if (member?.member) values.member = member.member.email;

  return (
    <Page
      title="Ledger"
      intro="Every hour that has moved, the state of the books, and corrections. Nothing in the ledger is ever edited or deleted: a correction is a new transfer. Times are in UTC."
      actions={
        <>
          <ButtonLink href="/admin/ledger/accounts" variant="secondary">
            Find an account
          </ButtonLink>
          <ButtonLink href="/admin/ledger/correct" variant="secondary">
            Post a correction
          </ButtonLink>
        </>
      }
    >
      <div className="space-y-8">
        <section aria-labelledby="checks-heading">
          <h2 id="checks-heading" className="mb-3 text-xl font-bold text-brand-900">
            The books
          </h2>
          <CheckPanel runs={runs} action={runCheckAction} />
        </section>

        <section aria-labelledby="transfers-heading" className="space-y-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="transfers-heading" className="text-xl font-bold text-brand-900">
              Transfers
            </h2>
            {!unresolved && (
              <a href={`/admin/ledger/export${query ? `?${query}` : ""}`} className={buttonClass("secondary")}>
                Download CSV{filtered ? " (these filters)" : ""}
              </a>
            )}
          </div>
          {Object.keys(parsed.errors).length > 0 && (
            <Alert tone="warning" title="Some filters could not be used">
              The transfers below leave them out. Check the fields marked in the form.
            </Alert>
          )}
          <TransferFiltersForm values={values} errors={parsed.errors} />
          {member && (
            <p>
              Transfers in and out of{" "}
              <Link href={`/admin/ledger/accounts/${member.id}`} className={linkClass}>
                {member.name}&apos;s account
              </Link>
              .
            </p>
          )}
          {unresolved ? (
            <MemberChoices search={parsed.memberSearch ?? ""} choices={choices} params={filterParams} />
          ) : page && page.rows.length > 0 ? (
            <TransferTable
              rows={page.rows}
              caption={`${filtered ? "Transfers matching the filters" : "All transfers"}, newest first, up to ${TRANSFER_PAGE_SIZE} a page. Times in UTC.`}
            />
          ) : (
            <HistoryEmptyState
              noun="transfers"
              paged={Boolean(cursor.after || cursor.before)}
              filtered={filtered}
              newestHref={`/admin/ledger${query ? `?${query}` : ""}`}
              clearHref="/admin/ledger"
              widerHint="Try a wider date range or amount, or fewer filters."
              nothingYet={
                <EmptyState
                  title="No hours have moved yet"
                  action={
                    <Link href="/admin/ledger/correct" className={buttonClass("secondary")}>
                      Post a grant
                    </Link>
                  }
                >
                  Transfers appear here as members are approved (their welcome hours), confirm exchanges and give hours.
                </EmptyState>
              }
            />
          )}
          {page && (
            <KeysetPagination basePath="/admin/ledger" params={filterParams} newerCursor={page.newerCursor} olderCursor={page.olderCursor} label="Transfer pages" />
          )}
        </section>
      </div>
    </Page>
  );
}

function MemberChoices({ search, choices, params }: { search: string; choices: AccountMatch[]; params: Record<string, string | undefined> }) {
  if (choices.length === 0) {
    return (
      <EmptyState title={`No member matches “${search}”`}>
        Try part of their name, or their full email address. To see a bank account, use{" "}
        <Link href="/admin/ledger/accounts" className={linkClass}>
          Find an account
        </Link>
        .
      </EmptyState>
    );
  }
  return (
    <Alert tone="info" title={`${choices.length} members match “${search}”: which one?`}>
      <ul className="mt-2 space-y-1">
        {choices.map((c) => (
          <li key={c.accountId}>
            <Link href={`/admin/ledger?${queryOf({ ...params, member: c.member!.id })}`} className={linkClass}>
              {c.name}
            </Link>{" "}
            <span className="break-all text-ink-muted">{c.member!.email}</span>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
