// The public verification page: anyone with a code sees what that certificate says (the name
// printed on it, the period, the hours, the exchanges, the skills and projects, when it was issued
// and by which bank) and nothing else about the member: no link to a profile, no contact details.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { HoursBreakdown } from "@/components/certificates/hours-breakdown";
import { VerifyForm } from "@/components/certificates/verify-form";
import { Alert } from "@/components/ui/alert";
import { Card, Page } from "@/components/ui/page";
import { normaliseCode } from "@/lib/certificates/code";
import { verifyPathOf } from "@/lib/certificates/links";
import { MEANING } from "@/lib/certificates/meaning";
import { verifyCertificate } from "@/lib/certificates/queries";
import { formatDay, isoDay } from "@/lib/format/date";

export const dynamic = "force-dynamic";
// A certificate's page is for whoever was given its code, not for search engines.
export const metadata: Metadata = { title: "Certificate check", robots: { index: false, follow: false } };

export default async function VerifiedCertificatePage({ params }: { params: Promise<{ code: string }> }) {
  const raw = safelyDecoded((await params).code).slice(0, 100);
  const code = normaliseCode(raw);
  if (code && code !== raw) redirect(verifyPathOf(code));
  const certificate = code ? await verifyCertificate(code) : null;

  if (!certificate) {
    return (
      <Page width="narrow" title="Certificate check">
        <div className="space-y-6">
          <Alert tone="error" title="No certificate has this code">
            Check the code against the certificate and try again. If it still cannot be found, the certificate was not issued by this bank.
          </Alert>
          <Card>
            <VerifyForm />
          </Card>
        </div>
      </Page>
    );
  }

  return (
    <Page width="narrow" title="Certificate check">
      <div className="space-y-6">
        <Alert tone="success" title="This certificate is genuine">
          {certificate.bankName} issued it on <time dateTime={isoDay(certificate.issuedAt)}>{formatDay(certificate.issuedAt)}</time>, and it says what follows.
        </Alert>
        <Card aria-labelledby="certificate-heading" data-testid="verified-certificate">
          <p className="text-sm font-semibold tracking-wider text-brand-700 uppercase">{certificate.bankName}</p>
          <h2 id="certificate-heading" className="mt-1 text-xl font-bold text-brand-900">
            Certificate of hours given
          </h2>
          <p className="mt-4 text-ink-muted">Issued to</p>
          <p className="text-2xl font-bold break-words text-ink" data-testid="certificate-name">
            {certificate.memberName}
          </p>
          <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-[0.95rem]">
            <dt className="text-ink-muted">Verification code</dt>
            <dd className="font-mono font-semibold tracking-wider">{certificate.code}</dd>
            <dt className="text-ink-muted">Issued on</dt>
            <dd>
              <time dateTime={isoDay(certificate.issuedAt)}>{formatDay(certificate.issuedAt)}</time>
            </dd>
          </dl>
          <div className="mt-6">
            <HoursBreakdown certificate={certificate} />
          </div>
          <p className="mt-6 border-t border-line pt-4 text-sm text-ink-muted">{MEANING}</p>
        </Card>
      </div>
    </Page>
  );
}

/** A path segment as typed ("abcd%20efgh…" is "abcd efgh…"); a malformed escape is left as it is. */
function safelyDecoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
