import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminsOnly } from "@/components/admin/admins-only";
import { ResolveDisputeForm } from "@/components/admin/resolve-dispute-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { getExchangeForAdmin, type AdminParty } from "@/lib/disputes/queries";
import { formatDateTimeUtc } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import { resolveDisputeAction } from "../../disputes/actions";

export const metadata: Metadata = { title: "Exchange" };

export default async function AdminExchangePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await adminForPage(`/admin/exchanges/${id}`);
  if (!admin) return <AdminsOnly />;
  const ex = await getExchangeForAdmin(id);
  if (!ex) notFound();
  const isParty = ex.provider.id === admin.id || ex.payer.id === admin.id;
  return (
    <Page
      title={ex.title}
      intro={
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone={ex.state === "disputed" ? "warning" : "neutral"}>{ex.stateLabel}</Badge>
          <span>Proposed {formatDateTimeUtc(ex.createdAt)}</span>
        </span>
      }
      actions={<ButtonLink href="/admin/disputes" variant="secondary">All disputes</ButtonLink>}
    >
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-6">
          <Card aria-labelledby="who">
            <h2 id="who" className="text-lg font-semibold text-brand-900">
              The exchange
            </h2>
            <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
              <dt className="font-semibold">Helped</dt>
              <dd>
                <PartyLink party={ex.provider} /> (earns the hours)
              </dd>
              <dt className="font-semibold">Was helped</dt>
              <dd>
                <PartyLink party={ex.payer} /> (pays the hours)
              </dd>
              <dt className="font-semibold">Agreed</dt>
              <dd>{formatMinutes(ex.agreedMinutes)}</dd>
              <dt className="font-semibold">Recorded as given</dt>
              <dd>{ex.deliveredMinutes === null ? "Not yet" : formatMinutes(ex.deliveredMinutes)}</dd>
              {ex.listing && (
                <>
                  <dt className="font-semibold">From the {ex.listing.kind}</dt>
                  <dd>
                    <Link href={`/listings/${ex.listing.id}`} className="text-brand-800 underline underline-offset-4">
                      {ex.listing.title}
                    </Link>
                  </dd>
                </>
              )}
              {ex.transferId !== null && (
                <>
                  <dt className="font-semibold">Ledger</dt>
                  <dd>
                    <Link href={`/admin/ledger/transfers/${ex.transferId}`} className="text-brand-800 underline underline-offset-4">
                      Transfer {ex.transferId.toString()}
                    </Link>
                  </dd>
                </>
              )}
            </dl>
            {ex.note && <p className="mt-3 break-words whitespace-pre-line text-ink-muted">“{ex.note}”</p>}
          </Card>

          {ex.disputeReason && (
            <Alert tone="warning" title={`${ex.payer.name} disputed the help recorded`}>
              <span className="break-words whitespace-pre-line">{ex.disputeReason}</span>
            </Alert>
          )}
          {ex.resolutionNote && (
            <Alert tone="success" title="Resolved by an admin">
              <span className="break-words whitespace-pre-line">{ex.resolutionNote}</span>
            </Alert>
          )}

          <Card aria-labelledby="timeline">
            <h2 id="timeline" className="text-lg font-semibold text-brand-900">
              What happened
            </h2>
            <ol className="mt-3 space-y-3">
              {ex.events.map((e) => (
                <li key={e.id} className="border-l-2 border-brand-200 pl-3">
                  <p className="font-semibold">{e.toLabel}</p>
                  <p className="text-sm text-ink-muted">
                    {formatDateTimeUtc(e.at)} · {e.actorName}
                  </p>
                  {e.note && <p className="mt-1 text-sm break-words whitespace-pre-line">“{e.note}”</p>}
                </li>
              ))}
            </ol>
          </Card>

          <Card aria-labelledby="thread">
            <h2 id="thread" className="text-lg font-semibold text-brand-900">
              Messages between them ({ex.messages.length})
            </h2>
            {ex.messages.length === 0 ? (
              <p className="mt-2 text-ink-muted">They have not written to each other in this exchange.</p>
            ) : (
              <ol className="mt-3 space-y-3">
                {ex.messages.map((m) => (
                  <li key={m.id} className={`rounded-lg p-3 ${m.fromProvider ? "bg-brand-50" : "bg-page"}`}>
                    <p className="text-sm font-semibold">
                      {m.senderName} <span className="font-normal text-ink-muted">({m.fromProvider ? "helped" : "was helped"}) · {formatDateTimeUtc(m.at)}</span>
                    </p>
                    <p className="mt-1 break-words whitespace-pre-line">{m.body}</p>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>

        <div>
          {ex.state === "disputed" && (
            <Card aria-labelledby="resolve">
              <h2 id="resolve" className="text-lg font-semibold text-brand-900">
                Resolve the dispute
              </h2>
              {isParty ? (
                <p className="mt-2 text-ink-muted">You are one of the two members in this exchange, so another admin must settle it.</p>
              ) : (
                <div className="mt-3">
                  <ResolveDisputeForm exchangeId={ex.id} recordedMinutes={ex.deliveredMinutes ?? ex.agreedMinutes} heldMinutes={ex.agreedMinutes} action={resolveDisputeAction} />
                </div>
              )}
            </Card>
          )}
        </div>
      </div>
    </Page>
  );
}

function PartyLink({ party }: { party: AdminParty }) {
  return (
    <>
      <Link href={`/admin/members/${party.id}`} className="font-semibold text-brand-800 underline underline-offset-4">
        {party.name}
      </Link>
      {(party.profession || party.organisation) && <span className="text-ink-muted">, {[party.profession, party.organisation].filter(Boolean).join(", ")}</span>}
    </>
  );
}
