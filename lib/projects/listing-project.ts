// The rule for a request that belongs to a project: only a request (the listings_project_requests_only
// CHECK says so too), only to one of its owner's own projects, and only while that project runs.
// A request keeps a project it already has even once that project is finished.
import type { Tx } from "../members/guard";
import { invalid } from "../errors";
import type { ListingKindValue } from "../listings/schemas";

const CHECK = "Please check the highlighted fields.";

export async function checkListingProject(
  tx: Tx,
  ownerId: string,
  kind: ListingKindValue,
  projectId: string | null,
  unchanged: string | null = null,
): Promise<string | null> {
  if (projectId === null) return null;
  if (kind !== "request") throw invalid(CHECK, { projectId: ["Only requests for help can be part of a project: leave it blank for an offer."] });
  if (projectId === unchanged) return projectId;
  // FOR SHARE: the project cannot be finished halfway through this.
  const [project] = await tx.$queryRaw<{ owner_id: string; finished_at: Date | null }[]>`
    SELECT owner_id, finished_at FROM projects WHERE id = ${projectId}::uuid FOR SHARE`;
  if (!project || project.owner_id !== ownerId) throw invalid(CHECK, { projectId: ["Choose one of your own projects: a request can only be part of a project you started."] });
  if (project.finished_at) throw invalid(CHECK, { projectId: ["That project is marked finished. Reopen it first, or choose another."] });
  return projectId;
}
