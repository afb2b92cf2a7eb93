import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { MessageBox } from "@/components/exchanges/message-thread";
import { RoleBadge, StateBadge } from "@/components/exchanges/state-badge";
import { AcceptForm, CancelForm, ConfirmForm, DeclineForm, DeliverForm, DisputeForm, ThankForm } from "@/components/exchanges/step-forms";
import { Timeline } from "@/components/exchanges/timeline";
import { Alert } from "@/components/ui/alert";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { ButtonLink } from "@/components/ui/button";
import { myReportForExchange } from "@/lib/excellence/queries";
import { getExchangeForMember, type ExchangeDetail } from "@/lib/exchanges/queries";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";

export const metadata: Metadata = { title: "Exchange" };
export const dynamic = "force-dynamic";

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

export default async function ExchangePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const member = await currentMember();
  if (!member) redirect(`/signin?callbackUrl=${encodeURIComponent(`/exchanges/${id}`)}`);
  const ex = await getExchangeForMember(id, member.id);
  if (!ex) notFound();
  const reason = whyCannotTrade(member);
  const myReportId = ex.state === "confirmed" ? await myReportForExchange(member.id, ex.id) : null;
  const other = ex.other.firstName;
  const otherLine = [ex.other.profession, ex.other.organisation].filter(Boolean).join(", ");
  // Nothing is left to arrange on a declined or cancelled exchange (lib/messages refuses them too).
  const messagesClosed = ex.state === "declined" || ex.state === "cancelled";

  return (
    <Page title={<span className="[overflow-wrap:anywhere]">{ex.title}</span>} intro={<Link href="/exchanges" className="font-semibold text-brand-700 underline">← My exchanges</Link>}>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="status-heading" data-testid="exchange-status">
            <div className="flex flex-wrap items-center gap-2">
              <StateBadge state={ex.state} />
              <RoleBadge role={ex.role} />
            </div>
            <h2 id="status-heading" className="mt-3 text-lg font-semibold break-words [overflow-wrap:anywhere] text-ink">
              {ex.role === "provider" ? `You help ${other}` : `${other} helps you`}
              {otherLine && <span className="font-normal text-ink-muted"> ({otherLine})</span>}
            </h2>
            <p
              className={`mt-3 rounded-lg px-4 py-3 text-[0.95rem] ${ex.needsMyAction ? "bg-amber-50 font-semibold text-amber-950 ring-1 ring-amber-300" : "bg-page text-ink"}`}
              data-testid="next-step"
            >
              {ex.needsMyAction && <span className="block text-sm font-bold tracking-wide uppercase">Your turn</span>}
              {ex.nextStep}
            </p>
            <Facts ex={ex} />
          </Card>

          {ex.allowedSteps.length > 0 &&
            (reason ? (
              <Alert tone="warning">{reason}</Alert>
            ) : (
              <Card aria-labelledby="steps-heading">
                <h2 id="steps-heading" className="sr-only">
                  What you can do
                </h2>
                <Steps ex={ex} />
              </Card>
            ))}

          {ex.thanksNote && (
            <Card aria-labelledby="thanks-heading" data-testid="exchange-thanks">
              <h2 id="thanks-heading" className="text-lg font-semibold text-ink">
                {ex.role === "provider" ? `${other}'s thanks` : "Your thanks"}
              </h2>
              <blockquote className="mt-2 border-l-4 border-brand-200 pl-4 break-words [overflow-wrap:anywhere] whitespace-pre-line text-ink">{ex.thanksNote}</blockquote>
              {ex.learnedNote && (
                <p className="mt-3 text-[0.95rem] break-words [overflow-wrap:anywhere] whitespace-pre-line text-ink">
                  <span className="font-semibold">What {ex.role === "provider" ? `${other} learned` : "you learned"}: </span>
                  {ex.learnedNote}
                </p>
              )}
            </Card>
          )}

          <div id="messages" className="scroll-mt-4">
            <Card aria-labelledby="messages-heading">
              <h2 id="messages-heading" className="text-lg font-semibold text-ink">
                Messages
              </h2>
              {ex.messages.length === 0 ? (
                <p className="mt-2 text-ink-muted">{messagesClosed ? "No messages were sent." : "No messages yet. Say hello and agree when and how to meet."}</p>
              ) : (
                <ol className="mt-4 space-y-3" data-testid="message-thread">
                  {ex.messages.map((m) => (
                    <li key={m.id} className={`flex min-w-0 ${m.mine ? "justify-end" : "justify-start"}`}>
                      <div className={`max-w-[85%] min-w-0 rounded-xl px-4 py-2.5 ${m.mine ? "bg-brand-50 ring-1 ring-brand-100" : "bg-page ring-1 ring-line"}`}>
                        <p className="text-xs font-semibold break-words [overflow-wrap:anywhere] text-ink-muted">
                          {m.mine ? "You" : m.senderName} ·{" "}
                          <time dateTime={m.createdAt.toISOString()}>
                            {formatDay(m.createdAt)}, {timeFormat.format(m.createdAt)}
                          </time>
                        </p>
                        <p className="mt-1 break-words [overflow-wrap:anywhere] whitespace-pre-line text-ink">{m.body}</p>
                      </div>
                    </li>
                  ))}
                </ol>
              )}
              <div className="mt-5 border-t border-line pt-5">
                {messagesClosed ? (
                  <p className="text-sm text-ink-muted" data-testid="messages-closed">
                    This exchange was {ex.state}, so no more messages can be sent on it.
                  </p>
                ) : reason ? (
                  <p className="text-sm text-ink-muted">{reason}</p>
                ) : (
                  <MessageBox exchangeId={ex.id} otherName={other} />
                )}
              </div>
            </Card>
          </div>
        </div>

        <aside className="min-w-0 space-y-6">
          <Card aria-labelledby="history-heading">
            <h2 id="history-heading" className="mb-4 text-lg font-semibold text-ink">
              History
            </h2>
            <Timeline events={ex.events} />
          </Card>
          {ex.state === "confirmed" && (myReportId || !reason) && (
            <Card aria-labelledby="excellence-heading" data-testid="exchange-excellence">
              <h2 id="excellence-heading" className="text-lg font-semibold text-ink">
                Recognise {other}&apos;s work
              </h2>
              {myReportId ? (
                <p className="mt-2 text-[0.95rem] text-ink">
                  You wrote a report of excellence about this exchange.{" "}
                  <Link href={`/excellence/${myReportId}`} className="font-semibold text-brand-700 underline">
                    Read it
                  </Link>
                </p>
              ) : (
                <>
                  <p className="mt-2 text-[0.95rem] text-ink-muted">Did {other} do something excellent? A short report tells them, and they can show it on their profile.</p>
                  <ButtonLink href={`/excellence/new?exchange=${ex.id}`} variant="secondary" className="mt-3 w-full" data-testid="recognise-exchange">
                    Write a report of excellence
                  </ButtonLink>
                </>
              )}
            </Card>
          )}
          {ex.listing && (
            <p className="text-sm text-ink-muted">
              From the {ex.listing.kind === "offer" ? "offer" : "request"}{" "}
              <Link href={ex.listing.href} className="font-semibold break-words [overflow-wrap:anywhere] text-brand-700 underline">
                {ex.listing.title}
              </Link>
            </p>
          )}
        </aside>
      </div>
    </Page>
  );
}

/** Was the time ever agreed (accepted), or only proposed? */
function wasAgreed(ex: ExchangeDetail): boolean {
  if (ex.state === "proposed" || ex.state === "declined") return false;
  return ex.state !== "cancelled" || ex.acceptedAt !== null;
}

function Facts({ ex }: { ex: ExchangeDetail }) {
  return (
    <dl className="mt-4 grid grid-cols-1 text-[0.95rem] sm:grid-cols-[auto_minmax(0,1fr)] sm:gap-x-4 sm:gap-y-1.5 [&>dd]:mb-2 [&>dd]:min-w-0 sm:[&>dd]:mb-0 [&>dt]:min-w-0">
      {/* Until it is accepted, the time is only what the proposer asked for. */}
      <dt className="text-ink-muted">{wasAgreed(ex) ? "Agreed time" : "Proposed time"}</dt>
      <dd className="font-semibold text-ink">{formatMinutes(ex.agreedMinutes)}</dd>
      {ex.deliveredMinutes !== null && (
        <>
          <dt className="text-ink-muted">Help given</dt>
          <dd className="font-semibold text-ink">{formatMinutes(ex.deliveredMinutes)}</dd>
        </>
      )}
      {ex.state === "delivered" && ex.autoConfirmAt && (
        <>
          <dt className="text-ink-muted">Confirmed automatically on</dt>
          <dd className="text-ink">
            <time dateTime={isoDay(ex.autoConfirmAt)}>{formatDay(ex.autoConfirmAt)}</time>
          </dd>
        </>
      )}
      {ex.note && (
        <>
          <dt className="text-ink-muted">Proposal note</dt>
          <dd className="break-words [overflow-wrap:anywhere] whitespace-pre-line text-ink">{ex.note}</dd>
        </>
      )}
      {ex.disputeReason && (
        <>
          <dt className="text-ink-muted">Dispute</dt>
          <dd className="break-words [overflow-wrap:anywhere] whitespace-pre-line text-ink">{ex.disputeReason}</dd>
        </>
      )}
      {ex.resolutionNote && (
        <>
          <dt className="text-ink-muted">Admin&apos;s decision</dt>
          <dd className="break-words [overflow-wrap:anywhere] whitespace-pre-line text-ink">{ex.resolutionNote}</dd>
        </>
      )}
    </dl>
  );
}

function Steps({ ex }: { ex: ExchangeDetail }) {
  const steps = ex.allowedSteps;
  const other = ex.other.firstName;
  const agreed = formatMinutes(ex.agreedMinutes);
  const cancelConsequence =
    ex.state === "accepted"
      ? `The ${agreed} held for it is released and nothing is paid. ${other} is told.`
      : `The proposal is withdrawn and ${other} is told.`;
  return (
    <div className="space-y-5">
      {(steps.includes("accept") || steps.includes("decline")) && (
        <div className="space-y-3">
          <p className="text-[0.95rem] text-ink">
            {ex.role === "payer"
              ? `If you accept, ${agreed} will be held from your hours until you confirm the help.`
              : `If you accept, ${agreed} is held from ${other}'s hours until they confirm your help.`}
          </p>
          <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            {steps.includes("accept") && <AcceptForm exchangeId={ex.id} label={ex.role === "payer" ? "Accept the help" : "Accept"} />}
            {steps.includes("decline") && <DeclineForm exchangeId={ex.id} otherName={other} />}
          </div>
        </div>
      )}
      {steps.includes("deliver") && <DeliverForm exchangeId={ex.id} agreedMinutes={ex.agreedMinutes} agreedLabel={agreed} />}
      {steps.includes("confirm") && (
        <div className="space-y-3">
          <p className="text-[0.95rem] text-ink">
            Confirm that {other} gave you {formatMinutes(ex.deliveredMinutes ?? ex.agreedMinutes)} of help. The hours then move to {other}, and the rest of what was held comes back to you.
          </p>
          <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-start">
            <ConfirmForm exchangeId={ex.id} label={`Confirm ${formatMinutes(ex.deliveredMinutes ?? ex.agreedMinutes)}`} />
            {steps.includes("dispute") && <DisputeForm exchangeId={ex.id} />}
          </div>
        </div>
      )}
      {!steps.includes("confirm") && steps.includes("dispute") && <DisputeForm exchangeId={ex.id} />}
      {steps.includes("thank") && <ThankForm exchangeId={ex.id} otherName={other} />}
      {steps.includes("cancel") && (
        <div className={steps.length > 1 ? "border-t border-line pt-5" : ""}>
          <CancelForm exchangeId={ex.id} consequence={cancelConsequence} />
        </div>
      )}
    </div>
  );
}
