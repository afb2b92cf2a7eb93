import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminsOnly } from "@/components/admin/admins-only";
import { MemberFloorForm, MemberStatusForm } from "@/components/admin/member-forms";
import { statusTone } from "@/components/admin/member-status";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, Page } from "@/components/ui/page";
import { getMemberForAdmin, STATUS_LABELS } from "@/lib/admin/member-queries";
import { adminForPage } from "@/lib/admin/page";
import { describeAuditAction } from "@/lib/audit/actions";
import { formatDateTimeUtc, formatDay } from "@/lib/format/date";
import { formatMinutes, formatMinutesSigned } from "@/lib/format/minutes";
import { reactivateMemberAction, setMemberFloorAction, suspendMemberAction } from "../actions";

export const metadata: Metadata = { title: "Member" };

export default async function AdminMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await adminForPage(`/admin/members/${id}`);
  if (!admin) return <AdminsOnly />;
  const m = await getMemberForAdmin(id);
  if (!m) notFound();
  const firstName = m.name.split(/\s+/)[0] ?? m.name;
  const isSelf = m.id === admin.id;
  return (
    <Page
      title={m.name}
      intro={
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone={statusTone(m.status)}>{STATUS_LABELS[m.status]}</Badge>
          {m.role === "admin" && <Badge tone="brand">Admin</Badge>}
          <span className="break-all">{m.email}</span>
        </span>
      }
      actions={<ButtonLink href="/admin/members" variant="secondary">All members</ButtonLink>}
    >
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-6">
          {m.statusReason && m.status !== "active" && (
            <Alert tone="warning" title={m.status === "suspended" ? "Why they are suspended" : "Note"}>
              {m.statusReason}
            </Alert>
          )}
          <Card aria-labelledby="about">
            <h2 id="about" className="text-lg font-semibold text-brand-900">
              About
            </h2>
            <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
              <dt className="font-semibold">Works as</dt>
              <dd>{[m.profession, m.organisation, m.region].filter(Boolean).join(" · ") || "Not given yet"}</dd>
              <dt className="font-semibold">Signed up</dt>
              <dd>{formatDay(m.joinedAt)}</dd>
              <dt className="font-semibold">Approved</dt>
              <dd>{m.approvedAt ? formatDay(m.approvedAt) : m.profileDone ? "Not yet" : "Not yet: their profile is not finished"}</dd>
              <dt className="font-semibold">Exchanges</dt>
              <dd>
                {m.exchanges.open} open, {m.exchanges.confirmed} completed, {m.exchanges.disputed} disputed
              </dd>
            </dl>
            {m.bio && <p className="mt-3 break-words whitespace-pre-line text-ink-muted">{m.bio}</p>}
            {m.status !== "closed" && (
              <p className="mt-3">
                <Link href={`/members/${m.id}`} className="font-semibold text-brand-800 underline underline-offset-4">
                  Their public profile
                </Link>
              </p>
            )}
          </Card>

          <Card aria-labelledby="hours">
            <h2 id="hours" className="text-lg font-semibold text-brand-900">
              Hours
            </h2>
            {m.account ? (
              <>
                <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
                  <Figure label="Balance" value={formatMinutesSigned(m.account.balanceMinutes)} />
                  <Figure label="Held" value={formatMinutes(m.account.heldMinutes)} />
                  <Figure label="Floor" value={m.account.floorMinutes === 0 ? "0 h" : `${formatMinutes(-m.account.floorMinutes)} below zero`} />
                  <Figure label="Can spend" value={formatMinutes(Math.max(0, m.account.balanceMinutes - m.account.heldMinutes - m.account.floorMinutes))} />
                </dl>
                <div className="mt-4 flex flex-wrap gap-2">
                  <ButtonLink href={`/admin/ledger/accounts/${m.account.id}`} variant="secondary">
                    Statement
                  </ButtonLink>
                  <ButtonLink href={`/admin/ledger/correct?member=${m.id}`} variant="secondary">
                    Adjust or grant hours
                  </ButtonLink>
                </div>
              </>
            ) : (
              <p className="mt-2 text-ink-muted">No hours account yet: it opens when the member is approved.</p>
            )}
          </Card>

          <Card aria-labelledby="history">
            <h2 id="history" className="text-lg font-semibold text-brand-900">
              Admin history
            </h2>
            {m.history.length === 0 ? (
              <p className="mt-2 text-ink-muted">No admin has changed anything about this member yet.</p>
            ) : (
              <ol className="mt-3 space-y-3">
                {m.history.map((h) => (
                  <li key={h.id.toString()} className="border-l-2 border-brand-200 pl-3">
                    <p className="font-semibold">{describeAuditAction(h.action)}</p>
                    <p className="text-sm text-ink-muted">
                      {formatDateTimeUtc(h.at)}
                      {h.actorName ? ` · by ${h.actorName}` : ""}
                    </p>
                    {reasonOf(h.details) && <p className="mt-1 text-sm break-words">“{reasonOf(h.details)}”</p>}
                  </li>
                ))}
              </ol>
            )}
            <p className="mt-4">
              <Link href={`/admin/audit?targetType=member&targetId=${m.id}`} className="font-semibold text-brand-800 underline underline-offset-4">
                Everything about them in the audit log
              </Link>
            </p>
          </Card>
        </div>

        <div className="space-y-6">
          {m.status === "pending" && (
            <Card aria-labelledby="approval">
              <h2 id="approval" className="text-lg font-semibold text-brand-900">
                Waiting for approval
              </h2>
              <p className="mt-2 text-ink-muted">Approve or decline {firstName} from the queue, where you can read their whole profile.</p>
              <ButtonLink href="/admin/members/pending" className="mt-3">
                Go to the approval queue
              </ButtonLink>
            </Card>
          )}
          {(m.status === "active" || m.status === "suspended") && (
            <Card aria-labelledby="membership">
              <h2 id="membership" className="text-lg font-semibold text-brand-900">
                {m.status === "active" ? "Suspend" : "Reactivate"}
              </h2>
              {isSelf ? (
                <p className="mt-2 text-ink-muted">This is you. Another admin would have to change your membership.</p>
              ) : (
                <>
                  <p className="mt-2 mb-3 text-ink-muted">
                    {m.status === "active"
                      ? `A suspended member can sign in and read their history but cannot offer, ask or exchange. Exchanges in progress stay as they are; the other member can cancel them.`
                      : `${firstName} will be able to offer, ask and exchange again.`}
                  </p>
                  <MemberStatusForm
                    memberId={m.id}
                    memberName={firstName}
                    mode={m.status === "active" ? "suspend" : "reactivate"}
                    action={m.status === "active" ? suspendMemberAction : reactivateMemberAction}
                  />
                </>
              )}
            </Card>
          )}
          {m.account && m.status !== "closed" && !isSelf && (
            <Card aria-labelledby="floor-heading">
              <h2 id="floor-heading" className="text-lg font-semibold text-brand-900">
                Floor
              </h2>
              <p className="mt-2 mb-3 text-ink-muted">Members may go below zero by up to their floor, so they can ask for help before they have given any.</p>
              <MemberFloorForm memberId={m.id} floorMinutes={m.account.floorMinutes} action={setMemberFloorAction} />
            </Card>
          )}
        </div>
      </div>
    </Page>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-page p-3">
      <dt className="text-sm text-ink-muted">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function reasonOf(details: unknown): string | null {
  if (typeof details !== "object" || details === null) return null;
  const reason = (details as Record<string, unknown>).reason;
  return typeof reason === "string" ? reason : null;
}
