import type { Metadata } from "next";
import { ProjectCard } from "@/components/projects/project-card";
import { ButtonLink } from "@/components/ui/button";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { EmptyState, Page } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { listFollowedProjects, listMyProjects, listProjects, parseProjectParams, type ProjectSummary } from "@/lib/projects/queries";
import { PROJECT_STAGES, STAGE_LABELS } from "@/lib/projects/stages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Improvement projects" };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = parseProjectParams(await searchParams);
  const member = await currentMember();
  const [all, mine, followed] = await Promise.all([
    listProjects(filters, member?.id ?? null),
    member ? listMyProjects(member.id) : null,
    member ? listFollowedProjects(member.id) : null,
  ]);
  const canStart = member !== null && whyCannotTrade(member) === null;
  const startButton = canStart ? <ButtonLink href="/projects/new">Start a project</ButtonLink> : undefined;

  const tabs = [
    { href: "/projects", label: "All stages", current: filters.stage === null },
    ...PROJECT_STAGES.map((s, i) => ({ href: `/projects?stage=${s}`, label: `${i + 1}. ${STAGE_LABELS[s]}`, current: filters.stage === s })),
  ];

  return (
    <Page
      title="Improvement projects"
      intro="Members’ quality-improvement projects, each moving through the method step by step: identify the problem, understand it, set an aim and measures, test changes in PDSA cycles, then sustain and spread. Follow one to hear how it goes, or offer to help with its requests."
      actions={startButton}
    >
      {mine && (
        <section aria-labelledby="my-projects" className="mb-10">
          <h2 id="my-projects" className="mb-4 text-xl font-semibold text-brand-900">
            My projects
          </h2>
          {mine.length === 0 ? (
            <EmptyState title="You have not started a project yet" action={startButton}>
              Start one to keep its aim, measures and PDSA cycles in one place, and ask members for the help it needs.
            </EmptyState>
          ) : (
            <ProjectGrid projects={mine} />
          )}
        </section>
      )}

      {followed && (
        <section aria-labelledby="followed-projects" className="mb-10">
          <h2 id="followed-projects" className="mb-4 text-xl font-semibold text-brand-900">
            Projects I follow
          </h2>
          {followed.length === 0 ? (
            <EmptyState title="You do not follow any projects yet">
              Open a project below and choose “Follow this project”: you will hear when it moves to a new step or records a PDSA cycle.
            </EmptyState>
          ) : (
            <ProjectGrid projects={followed} />
          )}
        </section>
      )}

      <section aria-labelledby="all-projects">
        <h2 id="all-projects" className="mb-4 text-xl font-semibold text-brand-900">
          {filters.stage ? `Projects at “${STAGE_LABELS[filters.stage]}”` : "All projects"}
        </h2>
        <FilterTabs label="Filter by stage" tabs={tabs} wrap />
        {all.projects.length === 0 ? (
          <EmptyState
            title={filters.stage ? "No projects at this step" : all.page > 1 ? "No more projects" : "No projects yet"}
            action={filters.stage || all.page > 1 ? <ButtonLink href="/projects" variant="secondary">See all projects</ButtonLink> : startButton}
          >
            {filters.stage
              ? "No project is at this step of the method just now. Try another step, or see them all."
              : all.page > 1
                ? "This page is past the last project."
                : "When members start improvement projects they appear here. Start the first one and ask for the help it needs."}
          </EmptyState>
        ) : (
          <>
            <ProjectGrid projects={all.projects} />
            <Pagination basePath="/projects" params={{ stage: filters.stage ?? undefined }} page={all.page} hasNext={all.hasNext} label="Pages of projects" />
          </>
        )}
      </section>
    </Page>
  );
}

function ProjectGrid({ projects }: { projects: ProjectSummary[] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {projects.map((p) => (
        <li key={p.id}>
          <ProjectCard project={p} />
        </li>
      ))}
    </ul>
  );
}
