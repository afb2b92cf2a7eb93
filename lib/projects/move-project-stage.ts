// Moving a project to another stage of the method, forward or back (a team that learns its aim
// was wrong goes back to it), with an optional note: a row in its stage history, and a
// notification for each follower. Asking for the stage it is already at changes nothing.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import { firstName } from "../format/names";
import { lockOwnProject, notifyFollowers, PROJECT_RECORD_SELECT, refuseIfFinished, type ProjectRecord } from "./project";
import { moveStageSchema } from "./schemas";
import { STAGE_LABELS } from "./stages";

export async function moveProjectStage(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ProjectRecord & { replayed: boolean }> {
  const data = parseInput(moveStageSchema, input);
  return transaction(database, async (tx) => {
    const actor = await lockActiveMember(tx, actorId);
    const project = await lockOwnProject(tx, actorId, data.projectId);
    if (project.stage === data.stage) {
      return { ...(await tx.project.findUniqueOrThrow({ where: { id: project.id }, select: PROJECT_RECORD_SELECT })), replayed: true };
    }
    refuseIfFinished(project, "its stage cannot be changed");
    await tx.projectStageChange.create({
      data: { projectId: project.id, fromStage: project.stage, toStage: data.stage, note: data.note, changedById: actorId },
    });
    const updated = await tx.project.update({ where: { id: project.id }, data: { stage: data.stage }, select: PROJECT_RECORD_SELECT });
    const who = firstName(actor.name);
    await notifyFollowers(tx, project, actorId, {
      title: `${project.title}: now at “${STAGE_LABELS[data.stage]}”`,
      body: `${who} moved the project from “${STAGE_LABELS[project.stage]}” to “${STAGE_LABELS[data.stage]}”.${data.note ? ` ${who} wrote: ${data.note}` : ""}`,
    });
    return { ...updated, replayed: false };
  });
}
