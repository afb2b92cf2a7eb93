// Adding a plan-do-study-act cycle to a project: the change to test, the plan and the prediction.
// Cycles are numbered 1, 2, ... within their project, the next number taken under the lock of the
// project row, so two cycles added at once get two numbers. Followers are told. A resubmitted
// form (same requestKey) returns the cycle the first submission made.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { conflict } from "../errors";
import { firstName } from "../format/names";
import { lockActiveMember } from "../members/guard";
import { isUniqueViolation, parseInput } from "../validation";
import { lockOwnProject, notifyFollowers, refuseIfFinished } from "./project";
import { addCycleSchema } from "./schemas";

export interface CycleRecord {
  id: string;
  projectId: string;
  number: number;
  title: string;
  completedAt: Date | null;
}

export const CYCLE_RECORD_SELECT = { id: true, projectId: true, number: true, title: true, completedAt: true } as const;

export async function addCycle(actorId: string, input: unknown, database: PrismaClient = db()): Promise<CycleRecord> {
  const data = parseInput(addCycleSchema, input);
  const existing = async (client: Pick<PrismaClient, "pdsaCycle">) => {
    if (!data.requestKey) return null;
    const found = await client.pdsaCycle.findUnique({ where: { requestKey: data.requestKey }, select: { ...CYCLE_RECORD_SELECT, authorId: true } });
    if (!found) return null;
    if (found.authorId !== actorId || found.projectId !== data.projectId) throw conflict("This form was already used. Reload the page and try again.");
    const { authorId: _authorId, ...record } = found;
    return record;
  };
  try {
    return await transaction(database, async (tx) => {
      const actor = await lockActiveMember(tx, actorId);
      const project = await lockOwnProject(tx, actorId, data.projectId);
      const first = await existing(tx);
      if (first) return first;
      refuseIfFinished(project, "no new cycles can be added");
      const [last] = await tx.$queryRaw<{ n: number }[]>`
        SELECT coalesce(max(number), 0)::int AS n FROM pdsa_cycles WHERE project_id = ${project.id}::uuid`;
      const cycle = await tx.pdsaCycle.create({
        data: {
          projectId: project.id,
          number: (last?.n ?? 0) + 1,
          title: data.title,
          plan: data.plan,
          prediction: data.prediction,
          authorId: actorId,
          requestKey: data.requestKey ?? null,
        },
        select: CYCLE_RECORD_SELECT,
      });
      await notifyFollowers(tx, project, actorId, {
        title: `${project.title}: PDSA cycle ${cycle.number} planned`,
        body: `${firstName(actor.name)} is testing a change: “${cycle.title}”. Predicted: ${data.prediction}`,
      });
      return cycle;
    });
  } catch (err) {
    // Two submissions of one form raced: the loser finds the winner's cycle.
    if (data.requestKey && isUniqueViolation(err)) {
      const first = await existing(database);
      if (first) return first;
    }
    throw err;
  }
}
