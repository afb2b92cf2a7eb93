import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ListingStatusBadge } from "@/components/listings/status-badge";
import { FinishForm } from "@/components/projects/finish-form";
import { FollowButton } from "@/components/projects/follow-button";
import { ProjectTimeline } from "@/components/projects/project-timeline";
import { ProjectStageBadge } from "@/components/projects/stage-badge";
import { StageForm } from "@/components/projects/stage-form";
import { StageProgress } from "@/components/projects/stage-progress";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Flash } from "@/components/ui/flash";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { formatDay, isoDay } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import { getProjectForViewer, type ProjectDetail } from "@/lib/projects/queries";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const load = cache(async (id: string) => {
  const member = await currentMember();
  const project = await getProjectForViewer(id, member?.id ?? null);
  return { member, project };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { project } = await load((await params).id);
  return { title: project ? project.title : "Not found" };
}

const SAVED = {
  created: "Your project has started. Ask for help with it, and record each PDSA cycle as you test changes.",
  updated: "Your changes are saved.",
  cycle: "The PDSA cycle is added. Record what happened once you have tested it.",
  "cycle-updated": "The cycle is saved. Choose a decision when the test is done to complete it.",
  "cycle-complete": "The cycle is complete. Followers have been told what you learned.",
} as const;

export default async function ProjectPage({ params, searchParams }: { params: Params; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const { saved } = await searchParams;
  const { member, project } = await load(id);
  if (!project) notFound();
  const savedMessage = project.isOwner && saved && saved in SAVED ? SAVED[saved as keyof typeof SAVED] : null;
  const reason = member ? whyCannotTrade(member) : null;
  const ownerCanAct = project.isOwner && reason === null;
  const finished = project.finishedAt !== null;
  const askHref = `/listings/new?kind=request&project=${project.id}`;

  return (
    <Page
      title={project.title}
      intro={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <ProjectStageBadge stage={project.stage} finished={finished} />
          <span>
            Led by {project.owner.firstName} · started <time dateTime={isoDay(project.createdAt)}>{formatDay(project.createdAt)}</time>
          </span>
        </span>
      }
    >
      <div className="space-y-6">
        {savedMessage && <Flash message={savedMessage} />}
        {finished && (
          <Alert tone="success" title="This project is finished">
            Marked finished on <time dateTime={isoDay(project.finishedAt!)}>{formatDay(project.finishedAt!)}</time>. Its aim, help and cycles stay here for others to learn from.
          </Alert>
        )}
        {project.isOwner && !project.owner.active && <Alert tone="warning">Members cannot see this project while your membership is not active.</Alert>}

        <section aria-labelledby="stage-heading">
          <h2 id="stage-heading" className="mb-3 text-xl font-semibold text-brand-900">
            Where the project is
          </h2>
          <StageProgress stage={project.stage} finished={finished} />
        </section>

        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <div className="min-w-0 space-y-6">
            <Card aria-labelledby="about-heading">
              <h2 id="about-heading" className="sr-only">
                About the project
              </h2>
              <dl className="space-y-4">
                <div>
                  <dt className="text-sm font-semibold text-ink-muted">Aim</dt>
                  <dd className="mt-1 text-[1.05rem] leading-relaxed break-words whitespace-pre-line text-ink" data-testid="project-aim">
                    {project.aim}
                  </dd>
                </div>
                <div>
                  <dt className="text-sm font-semibold text-ink-muted">Measures</dt>
                  <dd className="mt-1 break-words whitespace-pre-line text-ink">{project.measures}</dd>
                </div>
                <div>
                  <dt className="text-sm font-semibold text-ink-muted">Setting</dt>
                  <dd className="mt-1 break-words text-ink">{project.setting}</dd>
                </div>
              </dl>
            </Card>

            <HelpAsked project={project} ownerCanAct={ownerCanAct} askHref={askHref} />
            <HelpGiven project={project} />

            <section aria-labelledby="timeline-heading">
              <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
                <h2 id="timeline-heading" className="text-xl font-semibold text-brand-900">
                  Timeline
                </h2>
                {ownerCanAct && !finished && (
                  <ButtonLink href={`/projects/${project.id}/cycles/new`} variant="secondary">
                    Add a PDSA cycle
                  </ButtonLink>
                )}
              </div>
              <p className="mb-4 text-sm text-ink-muted">
                Its moves between the method’s steps and its plan-do-study-act cycles, newest first.{" "}
                {project.cycleCount === 0
                  ? "No PDSA cycles yet."
                  : `${project.cycleCount} PDSA ${project.cycleCount === 1 ? "cycle" : "cycles"}${project.openCycles > 0 ? `, ${project.openCycles} in progress` : ""}.`}
              </p>
              <ProjectTimeline items={project.timeline} projectId={project.id} canEdit={ownerCanAct} />
            </section>
          </div>

          <aside className="min-w-0 space-y-6">
            <Card>
              <h2 className="text-lg font-semibold text-ink">Hours exchanged</h2>
              <p className="mt-2 text-3xl font-bold text-brand-800 tabular-nums" data-testid="project-hours">
                {formatMinutes(project.exchangedMinutes)}
              </p>
              <p className="mt-1 text-sm text-ink-muted">Given by members for this project’s requests, as the bank’s ledger records them.</p>
            </Card>

            <Card>
              <h2 className="text-lg font-semibold text-ink">Led by</h2>
              <p className="mt-2 text-lg font-semibold break-words">{project.owner.firstName}</p>
              {project.owner.profession && <p className="break-words text-ink-muted">{project.owner.profession}</p>}
              {project.owner.organisationName && <p className="break-words text-ink-muted">{project.owner.organisationName}</p>}
              {member && !project.isOwner && (
                <Link href={`/members/${project.owner.id}`} className="link mt-3 inline-block">
                  See {project.owner.firstName}’s profile
                </Link>
              )}
            </Card>

            <Card>
              <h2 className="text-lg font-semibold text-ink">Followers</h2>
              <p className="mt-2 text-ink" data-testid="project-followers">
                {project.followers === 0 ? "No one follows it yet." : `${project.followers} ${project.followers === 1 ? "member follows" : "members follow"} it.`}
              </p>
              <div className="mt-3">
                <FollowArea project={project} member={member} reason={reason} />
              </div>
            </Card>

            {project.isOwner && (
              <Card>
                <h2 className="text-lg font-semibold text-ink">Manage</h2>
                <div className="mt-3 space-y-5">
                  {reason ? (
                    <Alert tone="warning">{reason}</Alert>
                  ) : (
                    <>
                      <ButtonLink href={`/projects/${project.id}/edit`} variant="secondary">
                        Edit aim, measures and setting
                      </ButtonLink>
                      {!finished && <StageForm projectId={project.id} stage={project.stage} />}
                      <FinishForm projectId={project.id} finished={finished} />
                    </>
                  )}
                </div>
              </Card>
            )}
          </aside>
        </div>
      </div>
    </Page>
  );
}

function FollowArea({ project, member, reason }: { project: ProjectDetail; member: Awaited<ReturnType<typeof currentMember>>; reason: string | null }) {
  if (project.isOwner) return <p className="text-sm text-ink-muted">Followers hear when you move the project to a new step, add a cycle or complete one.</p>;
  if (!member) {
    return (
      <ButtonLink href={`/signin?callbackUrl=${encodeURIComponent(`/projects/${project.id}`)}`} variant="secondary" className="w-full sm:w-auto">
        Sign in to follow
      </ButtonLink>
    );
  }
  if (reason) return <p className="text-sm text-ink-muted">{reason}</p>;
  return <FollowButton projectId={project.id} following={project.following} />;
}

function HelpAsked({ project, ownerCanAct, askHref }: { project: ProjectDetail; ownerCanAct: boolean; askHref: string }) {
  const canAsk = ownerCanAct && project.finishedAt === null;
  return (
    <section aria-labelledby="asked-heading">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id="asked-heading" className="text-xl font-semibold text-brand-900">
          Help asked
        </h2>
        {canAsk && (
          <ButtonLink href={askHref} variant="request" data-testid="ask-for-help">
            Ask for help
          </ButtonLink>
        )}
      </div>
      {project.requests.length === 0 ? (
        <EmptyState title="No requests for help yet">
          {canAsk
            ? "Ask members for what the project needs next: a process map, a run chart, a facilitator for a workshop. The request will show here."
            : "When the project asks members for help, its requests show here."}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-line rounded-xl bg-white shadow-sm ring-1 ring-line" data-testid="project-requests">
          {project.requests.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
              <span className="min-w-0">
                {r.viewable ? (
                  <Link href={`/listings/${r.id}`} className="link break-words">
                    {r.title}
                  </Link>
                ) : (
                  <span className="font-semibold break-words text-ink">{r.title}</span>
                )}
                <span className="block text-sm text-ink-muted">
                  {r.skillName} · asked <time dateTime={isoDay(r.createdAt)}>{formatDay(r.createdAt)}</time>
                </span>
              </span>
              <ListingStatusBadge status={r.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function HelpGiven({ project }: { project: ProjectDetail }) {
  return (
    <section aria-labelledby="given-heading">
      <h2 id="given-heading" className="mb-3 text-xl font-semibold text-brand-900">
        Help given
      </h2>
      {project.help.length === 0 ? (
        <EmptyState title="No help given yet">
          When a member helps with one of the project’s requests and the help is confirmed, it shows here with the hours given.
        </EmptyState>
      ) : (
        <ul className="space-y-3" data-testid="project-help">
          {project.help.map((h) => (
            <li key={h.exchangeId} className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-line">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                <p className="min-w-0 font-semibold break-words text-ink">
                  {h.helper.firstName} <span className="font-normal text-ink-muted">helped with</span> {h.requestTitle}
                </p>
                <p className="font-semibold whitespace-nowrap text-brand-800 tabular-nums">
                  {formatMinutes(h.minutes)}
                  {h.reversed && <span className="ml-1 text-sm font-normal text-ink-muted">(corrected by an admin)</span>}
                </p>
              </div>
              <p className="text-sm text-ink-muted">
                <time dateTime={isoDay(h.at)}>{formatDay(h.at)}</time>
              </p>
              {h.thanks && (
                <blockquote className="mt-2 border-l-4 border-request-600 pl-3 break-words text-ink">
                  <span className="sr-only">Thanks: </span>“{h.thanks}”
                </blockquote>
              )}
              {h.learned && (
                <p className="mt-2 text-sm break-words text-ink-muted">
                  <span className="font-semibold">Learned:</span> {h.learned}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-ink" data-testid="project-hours-total">
        Total hours exchanged: <strong className="tabular-nums">{formatMinutes(project.exchangedMinutes)}</strong>
      </p>
    </section>
  );
}
