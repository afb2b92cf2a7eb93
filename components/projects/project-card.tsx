// One project as a card (/projects and its sections).
import Link from "next/link";
import { formatDay, isoDay } from "@/lib/format/date";
import type { ProjectSummary } from "@/lib/projects/queries";
import { ProjectStageBadge } from "./stage-badge";

export function ProjectCard({ project, headingLevel = 3 }: { project: ProjectSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card border-brand-800" data-testid="project-card">
      <ProjectStageBadge stage={project.stage} finished={project.finishedAt !== null} />
      <Heading className="card-title">
        <Link href={`/projects/${project.id}`} className="underline-offset-4 hover:text-brand-800 hover:underline">
          {project.title}
        </Link>
      </Heading>
      <p className="card-text">{project.setting}</p>
      <div className="mt-auto pt-4">
        <dl className="card-facts">
          <dt className="text-ink-muted">Led by</dt>
          <dd className="min-w-0 break-words text-ink">{project.owner.firstName}</dd>
          <dt className="text-ink-muted">Started</dt>
          <dd className="text-ink">
            <time dateTime={isoDay(project.createdAt)}>{formatDay(project.createdAt)}</time>
          </dd>
          <dt className="text-ink-muted">PDSA cycles</dt>
          <dd className="text-ink">{project.cycles}</dd>
          <dt className="text-ink-muted">Followers</dt>
          <dd className="text-ink">{project.followers}</dd>
        </dl>
      </div>
    </article>
  );
}
