import type { Metadata } from "next";
import Link from "next/link";
import { AdminsOnly } from "@/components/admin/admins-only";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { Badge, EmptyState, Page } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { searchMembers, STATUS_LABELS } from "@/lib/admin/member-queries";
import { adminForPage } from "@/lib/admin/page";
import { memberSearchSchema } from "@/lib/admin/schemas";
import { formatDay } from "@/lib/format/date";
import { formatMinutesSigned } from "@/lib/format/minutes";
import { countPendingMembers } from "@/lib/members/queries";
import { statusTone } from "@/components/admin/member-status";
import { firstParam } from "@/lib/validation";

export const metadata: Metadata = { title: "Members" };

export default async function AdminMembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await adminForPage("/admin/members");
  if (!admin) return <AdminsOnly />;
  const raw = await searchParams;
  const search = memberSearchSchema.parse({ q: firstParam(raw.q), status: firstParam(raw.status), role: firstParam(raw.role), page: firstParam(raw.page) });
  const [{ rows, page, hasNext }, pending] = await Promise.all([searchMembers(search), countPendingMembers()]);
  const filtered = Boolean(search.q || search.status || search.role);
  return (
    <Page
      title="Members"
      intro="Everyone who has signed in to the bank. Open a member to suspend or reactivate them, set how far below zero they may go, or see their hours."
      actions={
        pending > 0 ? (
          <ButtonLink href="/admin/members/pending">
            {pending} waiting for approval
          </ButtonLink>
        ) : undefined
      }
    >
      <form method="get" className="mb-6 grid gap-3 rounded-xl bg-white p-4 ring-1 ring-line sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" role="search" aria-label="Members">
        <div className="space-y-1">
          <label htmlFor="q" className="block text-sm font-semibold">
            Name, email, profession or organisation
          </label>
          <input id="q" name="q" type="search" defaultValue={search.q ?? ""} maxLength={100} className={controlClass()} />
        </div>
        <div className="space-y-1">
          <label htmlFor="status" className="block text-sm font-semibold">
            Status
          </label>
          <select id="status" name="status" defaultValue={search.status ?? ""} className={controlClass()}>
            <option value="">Any</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="role" className="block text-sm font-semibold">
            Role
          </label>
          <select id="role" name="role" defaultValue={search.role ?? ""} className={controlClass()}>
            <option value="">Any</option>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </select>
        </div>
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
      </form>

      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No member matches" : "No members yet"}
          action={filtered ? <ButtonLink href="/admin/members" variant="secondary">Clear the search</ButtonLink> : undefined}
        >
          {filtered ? "Try part of a name or email, or another status." : "Members appear here once they have signed in."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-line">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">Members{filtered ? " matching the search" : ""}, by name</caption>
            <thead className="bg-page text-ink-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">Member</th>
                <th scope="col" className="px-4 py-3 font-semibold">Works at</th>
                <th scope="col" className="px-4 py-3 font-semibold">Status</th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">Balance</th>
                <th scope="col" className="px-4 py-3 font-semibold">Joined</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((m) => (
                <tr key={m.id} data-testid="member-row">
                  <td className="px-4 py-3">
                    <Link href={`/admin/members/${m.id}`} className="font-semibold text-brand-800 underline-offset-4 hover:underline">
                      {m.name}
                    </Link>
                    {m.role === "admin" && (
                      <>
                        {" "}
                        <Badge tone="brand">Admin</Badge>
                      </>
                    )}
                    <div className="break-all text-ink-muted">{m.email}</div>
                  </td>
                  <td className="px-4 py-3">{[m.profession, m.organisation].filter(Boolean).join(", ") || "—"}</td>
                  <td className="px-4 py-3">
                    <Badge tone={statusTone(m.status)}>{STATUS_LABELS[m.status]}</Badge>
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{m.balanceMinutes === null ? "No account yet" : formatMinutesSigned(m.balanceMinutes)}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{formatDay(m.joinedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination basePath="/admin/members" params={{ q: search.q, status: search.status, role: search.role }} page={page} hasNext={hasNext} label="Member pages" />
    </Page>
  );
}
