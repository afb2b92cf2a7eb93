// Marking a project finished (its record is kept: no stage moves or new cycles) and reopening it.
// Asking for what it already is (a double click) changes nothing.
import { now } from "../clock";
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import { lockOwnProject, PROJECT_RECORD_SELECT, type ProjectRecord } from "./project";
import { setProjectFinishedSchema } from "./schemas";

export async function setProjectFinished(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ProjectRecord & { replayed: boolean }> {
  const data = parseInput(setProjectFinishedSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    const project = await lockOwnProject(tx, actorId, data.projectId);
    const finish = data.finished === "yes";
    if (Boolean(project.finishedAt) === finish) {
      return { ...(await tx.project.findUniqueOrThrow({ where: { id: project.id }, select: PROJECT_RECORD_SELECT })), replayed: true };
    }
    const updated = await tx.project.update({ where: { id: project.id }, data: { finishedAt: finish ? now() : null }, select: PROJECT_RECORD_SELECT });
    return { ...updated, replayed: false };
  });
}
