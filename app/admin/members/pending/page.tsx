import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PendingMemberActions } from "@/components/members/pending-member-actions";
import { Alert } from "@/components/ui/alert";
import { Badge, Card, EmptyState, Page } from "@/components/ui/page";
import { currentMember, requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatDay, isoDay } from "@/lib/format/date";
import { listPendingMembers } from "@/lib/members/queries";
import { approveMemberAction, declineMemberAction } from "./actions";

export const metadata: Metadata = { title: "Members waiting for approval" };

export default async function PendingMembersPage() {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent("/admin/members"));
  try {
    await requireAdmin();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return (
      <Page title="Members waiting for approval" width="narrow">
        <Alert tone="error" title="Only admins can see this page">
          {err.message}
        </Alert>
      </Page>
    );
  }
  const pending = await listPendingMembers();
  return (
    <Page
      title="Members waiting for approval"
      intro="People who have signed in and finished their profile. Approving opens their hours account and gives them the bank's welcome hours."
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
