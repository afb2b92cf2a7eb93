// The owner changes a cycle's plan or records its result (what happened, what was learned) until
// it is complete; choosing a decision (adopt, adapt or abandon) completes it, and its followers
// are told. A complete cycle is the project's record and is not changed again.
import { now } from "../clock";
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { conflict, notFound } from "../errors";
import { firstName } from "../format/names";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import { CYCLE_RECORD_SELECT, type CycleRecord } from "./add-cycle";
import { lockOwnProject, notifyFollowers } from "./project";
import { DECISION_LABELS, updateCycleSchema } from "./schemas";

export const CYCLE_NOUN = "That PDSA cycle";

export async function updateCycle(actorId: string, input: unknown, database: PrismaClient = db()): Promise<CycleRecord & { replayed: boolean }> {
  const data = parseInput(updateCycleSchema, input);
  return transaction(database, async (tx) => {
    const actor = await lockActiveMember(tx, actorId);
    const found = await tx.pdsaCycle.findUnique({ where: { id: data.cycleId }, select: { projectId: true } });
    if (!found) throw notFound(CYCLE_NOUN);
    // The project first, then the cycle: the same lock order as adding a cycle.
    const project = await lockOwnProject(tx, actorId, found.projectId);
    const [cycle] = await tx.$queryRaw<{ id: string; completed_at: Date | null; title: string; plan: string; prediction: string; happened: string | null; learned: string | null; decision: string | null }[]>`
      SELECT id, completed_at, title, plan, prediction, happened, learned, decision::text AS decision
        FROM pdsa_cycles WHERE id = ${data.cycleId}::uuid FOR UPDATE`;
    if (!cycle) throw notFound(CYCLE_NOUN);
    const fields = { title: data.title, plan: data.plan, prediction: data.prediction, happened: data.happened, learned: data.learned, decision: data.decision };
    if (cycle.completed_at) {
      // The same completion sent again (a double click) is answered as done.
      const same = (Object.keys(fields) as (keyof typeof fields)[]).every((k) => cycle[k] === fields[k]);
      if (same) return { ...(await tx.pdsaCycle.findUniqueOrThrow({ where: { id: cycle.id }, select: CYCLE_RECORD_SELECT })), replayed: true };
      throw conflict("This cycle is complete, so it can no longer be changed. Start a new cycle to test the next change.");
    }
    const completing = data.decision !== null;
    const updated = await tx.pdsaCycle.update({
      where: { id: cycle.id },
      data: { ...fields, completedAt: completing ? now() : null },
      select: CYCLE_RECORD_SELECT,
    });
    if (completing) {
      await notifyFollowers(tx, project, actorId, {
        title: `${project.title}: PDSA cycle ${updated.number} complete`,
        body: `${firstName(actor.name)} recorded what cycle ${updated.number} (“${updated.title}”) found and decided to ${DECISION_LABELS[data.decision!].label.toLowerCase()} the change. Learned: ${data.learned}`,
      });
    }
    return { ...updated, replayed: false };
  });
}
