import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ShowOnProfileForm } from "@/components/excellence/show-on-profile-form";
import { ThemeTags } from "@/components/excellence/theme-tags";
import { Flash } from "@/components/ui/flash";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { getReportForViewer, type ReportPerson } from "@/lib/excellence/queries";
import { formatDay, isoDay } from "@/lib/format/date";
import { firstName } from "@/lib/format/names";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const load = cache(async (id: string) => {
  const member = await currentMember();
  const report = member ? await getReportForViewer(member.id, id) : null;
  return { member, report };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { report } = await load((await params).id);
  return { title: report ? `Report of excellence for ${report.recipient.name}` : "Not found" };
}

function Person({ label, person }: { label: string; person: ReportPerson }) {
  const line = [person.profession, person.organisationName].filter(Boolean).join(", ");
  return (
    <div>
      <dt className="text-sm text-ink-muted">{label}</dt>
      <dd>
        <Link href={`/members/${person.id}`} className="font-semibold break-words text-brand-700 underline underline-offset-4">
          {person.name}
        </Link>
        {line && <span className="block text-sm break-words text-ink-muted">{line}</span>}
      </dd>
    </div>
  );
}

export default async function ReportPage({ params, searchParams }: { params: Params; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const { saved } = await searchParams;
  const { member, report } = await load(id);
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent(`/excellence/${id}`));
  if (!report) notFound();
  const reason = whyCannotTrade(member);

  return (
    <Page
      title={`Report of excellence for ${report.recipient.name}`}
      intro={
        <span>
          Written by {report.author.name} on <time dateTime={isoDay(report.createdAt)}>{formatDay(report.createdAt)}</time>
        </span>
      }
    >
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          {report.isAuthor && saved === "written" && (
            <Flash message={`Sent. ${firstName(report.recipient.name)} has been told, and can choose to show it on their profile.`} />
          )}
          <Card as="article" className="border-t-4 border-brand-600" aria-labelledby="what-heading">
            <ThemeTags themes={report.themes} />
            <h2 id="what-heading" className="mt-4 text-lg font-semibold text-brand-900">
              What they did
            </h2>
            <p className="mt-1 text-[1.05rem] leading-relaxed break-words whitespace-pre-line text-ink" data-testid="report-what">
              {report.whatTheyDid}
            </p>
            <h2 className="mt-5 text-lg font-semibold text-brand-900">Why it mattered</h2>
            <p className="mt-1 text-[1.05rem] leading-relaxed break-words whitespace-pre-line text-ink" data-testid="report-why">
              {report.whyItMattered}
            </p>
          </Card>
        </div>
        <aside className="min-w-0 space-y-6">
          <Card aria-labelledby="people-heading">
            <h2 id="people-heading" className="text-lg font-semibold text-ink">
              Who
            </h2>
            <dl className="mt-3 space-y-3">
              <Person label="Recognising the work of" person={report.recipient} />
              <Person label="Written by" person={report.author} />
              {report.exchange && (
                <div>
                  <dt className="text-sm text-ink-muted">In the exchange</dt>
                  <dd>
                    <Link href={`/exchanges/${report.exchange.id}`} className="font-semibold break-words text-brand-700 underline underline-offset-4">
                      {report.exchange.title}
                    </Link>
                  </dd>
                </div>
              )}
            </dl>
          </Card>
          {report.isRecipient && (
            <Card aria-labelledby="profile-heading">
              <h2 id="profile-heading" className="text-lg font-semibold text-ink">
                Your profile
              </h2>
              <div className="mt-3">
                {reason ? (
                  <p className="text-sm text-ink-muted">{reason}</p>
                ) : (
                  <ShowOnProfileForm reportId={report.id} shown={report.shownOnProfile} authorFirstName={firstName(report.author.name)} />
                )}
              </div>
            </Card>
          )}
          {report.isAuthor && !report.isRecipient && (
            <p className="text-sm text-ink-muted" data-testid="author-note">
              {report.shownOnProfile
                ? `${firstName(report.recipient.name)} shows this report on their profile.`
                : `Only you, ${firstName(report.recipient.name)} and the bank's admins can see this report unless ${firstName(report.recipient.name)} shows it on their profile.`}
            </p>
          )}
        </aside>
      </div>
    </Page>
  );
}
