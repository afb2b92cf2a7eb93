// Starting an improvement project: the project and the first row of its stage history (from no
// stage to the one it starts at), in one transaction. A resubmitted form (same requestKey)
// returns the project the first submission made instead of making a second.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { conflict } from "../errors";
import { lockActiveMember } from "../members/guard";
import { isUniqueViolation, parseInput } from "../validation";
import { PROJECT_RECORD_SELECT as RECORD, type ProjectRecord } from "./project";
import { createProjectSchema } from "./schemas";

export async function createProject(actorId: string, input: unknown, database: PrismaClient = db()): Promise<ProjectRecord> {
  const data = parseInput(createProjectSchema, input);
  const existing = async (client: Pick<PrismaClient, "project">) => {
    if (!data.requestKey) return null;
    const found = await client.project.findUnique({ where: { requestKey: data.requestKey }, select: RECORD });
    if (found && found.ownerId !== actorId) throw conflict("This form was already used. Reload the page and try again.");
    return found;
  };
  try {
    return await transaction(database, async (tx) => {
      await lockActiveMember(tx, actorId);
      const first = await existing(tx);
      if (first) return first;
      const project = await tx.project.create({
        data: {
          ownerId: actorId,
          title: data.title,
          aim: data.aim,
          measures: data.measures,
          setting: data.setting,
          stage: data.stage,
          requestKey: data.requestKey ?? null,
        },
        select: { ...RECORD, createdAt: true },
      });
      await tx.projectStageChange.create({
        data: { projectId: project.id, fromStage: null, toStage: data.stage, changedById: actorId, createdAt: project.createdAt },
      });
      const { createdAt: _createdAt, ...record } = project;
      return record;
    });
  } catch (err) {
    // Two submissions of one form raced: the loser finds the winner's project.
    if (data.requestKey && isUniqueViolation(err)) {
      const first = await existing(database);
      if (first) return first;
    }
    throw err;
  }
}
