import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ReportForm } from "@/components/excellence/report-form";
import { Alert } from "@/components/ui/alert";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { getRecognitionTarget, type RecognitionTarget } from "@/lib/excellence/queries";
import { firstName } from "@/lib/format/names";
import { firstParam } from "@/lib/validation";

export const metadata: Metadata = { title: "Recognise excellent work" };
export const dynamic = "force-dynamic";

type Search = Promise<{ member?: string | string[]; exchange?: string | string[] }>;

export default async function NewReportPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const memberId = firstParam(params.member)?.trim();
  const exchangeId = firstParam(params.exchange)?.trim();
  const here = `/excellence/new?${exchangeId ? `exchange=${encodeURIComponent(exchangeId)}` : `member=${encodeURIComponent(memberId ?? "")}`}`;
  const viewer = await currentMember();
  if (!viewer) redirect("/signin?callbackUrl=" + encodeURIComponent(here));
  const reason = whyCannotTrade(viewer);
  const target = reason ? null : await getRecognitionTarget(viewer.id, { memberId, exchangeId });

  return (
    <Page
      width="narrow"
      title="Recognise excellent work"
      intro="A report of excellence tells a colleague, in a few sentences, what they did well and why it mattered. They are told about it, and can choose to show it on their profile."
    >
      {reason ? (
        <Alert tone="warning" title="You cannot write a report yet">
          {reason}
        </Alert>
      ) : (
        <Target target={target!} />
      )}
    </Page>
  );
}

function Target({ target }: { target: RecognitionTarget }) {
  if (!target.ok) {
    return (
      <Alert tone="warning" title="Who is this report about?">
        {target.reason}
      </Alert>
    );
  }
  const { recipient, exchange } = target;
  if (target.alreadyWrittenId) {
    return (
      <Alert tone="info" title="You have already written about this exchange">
        <Link href={`/excellence/${target.alreadyWrittenId}`} className="font-semibold underline underline-offset-4">
          Read your report
        </Link>
        . You can write one report for each exchange.
      </Alert>
    );
  }
  const line = [recipient.profession, recipient.organisationName].filter(Boolean).join(", ");
  return (
    <Card>
      <div className="mb-6 rounded-lg bg-page px-4 py-3 ring-1 ring-line" data-testid="report-recipient">
        <p className="text-sm text-ink-muted">About the work of</p>
        <p className="text-lg font-semibold break-words text-ink">{recipient.name}</p>
        {line && <p className="break-words text-ink-muted">{line}</p>}
        {exchange && (
          <p className="mt-1 text-sm break-words text-ink-muted">
            In your exchange “
            <Link href={`/exchanges/${exchange.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
              {exchange.title}
            </Link>
            ”
          </p>
        )}
      </div>
      <ReportForm
        recipientId={recipient.id}
        recipientFirstName={firstName(recipient.name)}
        exchangeId={exchange?.id ?? null}
        cancelHref={exchange ? `/exchanges/${exchange.id}` : `/members/${recipient.id}`}
      />
    </Card>
  );
}
