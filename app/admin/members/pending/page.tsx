import type { Metadata } from "next";
import { PendingMemberActions } from "@/components/members/pending-member-actions";
import { AdminsOnly } from "@/components/admin/admins-only";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { formatDay, isoDay } from "@/lib/format/date";
import { listPendingMembers } from "@/lib/members/queries";
import { approveMemberAction, declineMemberAction } from "../actions";

export const metadata: Metadata = { title: "Members waiting for approval" };

export default async function PendingMembersPage() {
  const admin = await adminForPage("/admin/members/pending");
  if (!admin) return <AdminsOnly />;
  const pending = await listPendingMembers();
  return (
    <Page
      title="Members waiting for approval"
      intro="People who have signed in and finished their profile. Approving opens their hours account and gives them the bank's welcome hours; declining emails them your reason."
      actions={<ButtonLink href="/admin/members" variant="secondary">All members</ButtonLink>}
    >
      {pending.length === 0 ? (
        <EmptyState title="No one is waiting">New members appear here once they have finished their profile.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {pending.map((p) => (
            <li key={p.id}>
              <Card as="article" aria-labelledby={`pending-${p.id}`} data-testid="pending-member">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 id={`pending-${p.id}`} className="text-lg font-semibold break-words text-brand-900">
                    {p.name}
                  </h2>
                  <p className="text-sm text-ink-muted">
                    Signed up <time dateTime={isoDay(p.joinedAt)}>{formatDay(p.joinedAt)}</time>
                  </p>
                </div>
                <p className="mt-1 text-ink-muted">{[p.profession, p.organisationName, p.regionName].filter(Boolean).join(" · ")}</p>
                <p className="mt-3 break-words whitespace-pre-line">{p.bio}</p>
                {p.availability && <p className="mt-2 text-sm text-ink-muted">Usually free: {p.availability}</p>}
                {(p.skills.length > 0 || p.tags.length > 0) && (
                  <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Skills and topics">
                    {p.skills.map((s) => (
                      <li key={s}>
                        <Badge tone="brand">{s}</Badge>
                      </li>
                    ))}
                    {p.tags.map((t) => (
                      <li key={`#${t}`}>
                        <Badge>#{t}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
                <div className="mt-4 border-t border-line pt-4">
                  <PendingMemberActions memberId={p.id} memberName={p.name.split(/\s+/)[0] ?? p.name} approve={approveMemberAction} decline={declineMemberAction} />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
