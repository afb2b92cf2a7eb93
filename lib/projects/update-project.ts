// Editing a project's title, aim, measures and setting: only its owner, only while active. A
// finished project may still be corrected (its stage and cycles may not change until reopened).
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import { lockOwnProject, PROJECT_RECORD_SELECT, type ProjectRecord } from "./project";
import { updateProjectSchema } from "./schemas";

export async function updateProject(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ProjectRecord> {
  const data = parseInput(updateProjectSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    const project = await lockOwnProject(tx, actorId, data.projectId);
    return tx.project.update({
      where: { id: project.id },
      data: { title: data.title, aim: data.aim, measures: data.measures, setting: data.setting },
      select: PROJECT_RECORD_SELECT,
    });
  });
}
