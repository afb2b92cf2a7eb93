import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ReportCard } from "@/components/excellence/report-card";
import { ShowOnProfileForm } from "@/components/excellence/show-on-profile-form";
import { EmptyState, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { listMyReports } from "@/lib/excellence/queries";
import { firstName } from "@/lib/format/names";

export const metadata: Metadata = { title: "Reports of excellence" };
export const dynamic = "force-dynamic";

export default async function ExcellencePage() {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent("/excellence"));
  const { received, written } = await listMyReports(member.id);
  const reason = whyCannotTrade(member);

  return (
    <Page
      title="Reports of excellence"
      intro="Short reports in which members recognise excellent work by each other: what they did, and why it mattered. Reports about you stay private until you choose to show them on your profile."
    >
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="received-heading" className="min-w-0 space-y-4">
          <h2 id="received-heading" className="text-xl font-semibold text-brand-900">
            About your work <span className="font-normal text-ink-muted">({received.length})</span>
          </h2>
          {received.length === 0 ? (
            <EmptyState title="No reports about your work yet">When a member writes a report recognising your work, you are told and it appears here.</EmptyState>
          ) : (
            <ul className="space-y-4">
              {received.map((r) => (
                <li key={r.id}>
                  <ReportCard report={r} title={`From ${r.author.name}`}>
                    {reason ? (
                      <p className="text-sm text-ink-muted">{r.shownOnProfile ? "Shown on your profile." : "Not on your profile."} {reason}</p>
                    ) : (
                      <ShowOnProfileForm reportId={r.id} shown={r.shownOnProfile} authorFirstName={firstName(r.author.name)} />
                    )}
                  </ReportCard>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="written-heading" className="min-w-0 space-y-4">
          <h2 id="written-heading" className="text-xl font-semibold text-brand-900">
            Reports you wrote <span className="font-normal text-ink-muted">({written.length})</span>
          </h2>
          {written.length === 0 ? (
            <EmptyState title="You have not written a report yet">
              Recognise someone’s work from their profile (“Recognise their work”), or from the page of a confirmed exchange. Find members in{" "}
              <Link href="/browse" className="font-semibold text-brand-700 underline underline-offset-4">
                Browse
              </Link>
              .
            </EmptyState>
          ) : (
            <ul className="space-y-4">
              {written.map((r) => (
                <li key={r.id}>
                  <ReportCard report={r} title={`For ${r.recipient.name}`} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Page>
  );
}
