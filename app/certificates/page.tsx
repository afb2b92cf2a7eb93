import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { HoursBreakdown } from "@/components/certificates/hours-breakdown";
import { IssueForm } from "@/components/certificates/issue-form";
import { PeriodForm } from "@/components/certificates/period-form";
import { Alert } from "@/components/ui/alert";
import { Flash } from "@/components/ui/flash";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { choosePeriod, yearsToChoose } from "@/lib/certificates/choice";
import { pdfPathOf, verifyPathOf } from "@/lib/certificates/links";
import { describePeriod } from "@/lib/certificates/period";
import { listMyCertificates, periodBounds, previewHoursGiven } from "@/lib/certificates/queries";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import { firstParam } from "@/lib/validation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Certificates of hours given" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function CertificatesPage({ searchParams }: { searchParams: Search }) {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=%2Fcertificates");
  const params = await searchParams;
  const reason = whyCannotTrade(member);
  const [bounds, certificates] = await Promise.all([periodBounds(member.id), listMyCertificates(member.id)]);
  const choice = choosePeriod(params, bounds);
  const preview = !reason && choice.period ? await previewHoursGiven(member.id, choice.period) : null;
  const justIssued = firstParam(params.issued) ?? firstParam(params.same);
  const issued = justIssued ? certificates.find((c) => c.id === justIssued) : undefined;

  return (
    <Page
      title="Certificates of hours given"
      intro={
        <>
          A certificate of the help you gave other members in a period, by skill and by project, for your portfolio or appraisal. Each carries a code that anyone
          can check on the bank’s <Link href="/verify" className="link">verification page</Link>, which shows only what the certificate says.
        </>
      }
    >
      {issued && (
        <div className="mb-6 space-y-3" id="issued">
          <Flash
            param={firstParam(params.issued) ? "issued" : "same"}
            message={
              firstParam(params.issued)
                ? `Your certificate for ${describePeriod(issued.period)} is ready. Its verification code is ${issued.code}.`
                : `You already have a certificate for ${describePeriod(issued.period)} with these totals, so here it is again. Its verification code is ${issued.code}.`
            }
          />
          <p>
            <a href={pdfPathOf(issued.id)} className="link" download>
              Download the PDF
            </a>
          </p>
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card aria-labelledby="choose-heading">
          <h2 id="choose-heading" className="mb-4 text-xl font-semibold text-brand-900">
            Choose a period
          </h2>
          {reason ? (
            <Alert tone="warning" title="You cannot issue a certificate just now">
              {reason}
            </Alert>
          ) : (
            <PeriodForm choice={choice} bounds={bounds} years={yearsToChoose(bounds)} />
          )}
        </Card>

        <Card aria-labelledby="preview-heading" data-testid="certificate-preview">
          <h2 id="preview-heading" className="mb-4 text-xl font-semibold text-brand-900">
            {preview ? `Hours you gave from ${describePeriod(preview.period)}` : "What the certificate will say"}
          </h2>
          {!preview ? (
            <p className="text-ink-muted">
              {reason
                ? "Certificates are issued to active members."
                : choice.asked
                  ? "Correct the period on the left to see the hours you gave in it."
                  : "Choose a period and the hours you gave in it show here, by skill and by project, before you issue anything."}
            </p>
          ) : preview.minutesGiven === 0 ? (
            <EmptyState title="No hours given in this period">
              A certificate needs at least one exchange in which you helped someone and both of you confirmed it. Choose a longer or another period.
            </EmptyState>
          ) : (
            <div className="space-y-6">
              <HoursBreakdown certificate={preview} />
              <div className="space-y-3 border-t border-line pt-5">
                <p className="text-sm text-ink-muted">
                  The certificate is issued in your name as it is on your profile, {member.name}, and cannot be changed afterwards. The hours are counted on
                  the day each exchange was confirmed; hours an admin has reversed do not count.
                </p>
                <IssueForm period={preview.period} />
              </div>
            </div>
          )}
        </Card>
      </div>

      <section aria-labelledby="mine-heading" className="mt-10">
        <h2 id="mine-heading" className="mb-4 text-xl font-semibold text-brand-900">
          Your certificates
        </h2>
        {certificates.length === 0 ? (
          <EmptyState title="No certificates yet">Certificates you issue are listed here, to download again whenever you need them.</EmptyState>
        ) : (
          <ul className="space-y-3" data-testid="my-certificates">
            {certificates.map((c) => (
              <li key={c.id} className="grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-line sm:grid-cols-[1fr_auto] sm:items-center" data-testid="my-certificate">
                <div className="min-w-0">
                  <p className="font-semibold">{describePeriod(c.period)}</p>
                  <p className="text-sm text-ink-muted">
                    <span className="font-semibold text-ink tabular-nums">{formatMinutes(c.minutesGiven)}</span> in {c.exchangeCount}{" "}
                    {c.exchangeCount === 1 ? "exchange" : "exchanges"} · issued <time dateTime={isoDay(c.issuedAt)}>{formatDay(c.issuedAt)}</time>
                  </p>
                  <p className="mt-1 text-sm">
                    Code <span className="font-mono font-semibold tracking-wider" data-testid="certificate-code">{c.code}</span>
                  </p>
                </div>
                <div className="flex flex-wrap gap-x-4 gap-y-2">
                  <a href={pdfPathOf(c.id)} className="link inline-flex min-h-11 items-center" download>
                    Download PDF<span className="sr-only"> for {describePeriod(c.period)}</span>
                  </a>
                  <Link href={verifyPathOf(c.code)} className="link inline-flex min-h-11 items-center">
                    Check it<span className="sr-only"> ({c.code})</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
