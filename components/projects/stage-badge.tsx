import { Badge } from "@/components/ui/page";
import { STAGE_LABELS, type ProjectStageValue } from "@/lib/projects/stages";

/** A project's stage, or "Finished" (with the stage it finished at) once it is marked so. */
export function ProjectStageBadge({ stage, finished }: { stage: ProjectStageValue; finished: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1.5" data-testid="project-stage">
      {finished && <Badge tone="success">Finished</Badge>}
      <Badge tone="brand">{STAGE_LABELS[stage]}</Badge>
    </span>
  );
}
