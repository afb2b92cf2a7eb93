// Following a project, to be told when it moves stage or records a PDSA cycle: any active member
// but its owner, on a project they may see. Following twice changes nothing.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { conflict, notFound } from "../errors";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import { PROJECT_NOUN } from "./project";
import { followSchema } from "./schemas";

export interface FollowResult {
  projectId: string;
  following: boolean;
  /** Nothing changed: already as asked. */
  replayed: boolean;
}

export async function followProject(actorId: string, input: unknown, database: PrismaClient = db()): Promise<FollowResult> {
  const { projectId } = parseInput(followSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    // FOR SHARE: the project's owner cannot close their account halfway through.
    const [project] = await tx.$queryRaw<{ owner_id: string; owner_status: string }[]>`
      SELECT p.owner_id, m.status::text AS owner_status
        FROM projects p JOIN members m ON m.id = p.owner_id
       WHERE p.id = ${projectId}::uuid FOR SHARE OF p`;
    // A project whose owner is not active is not shown to others (as their listings are not).
    if (!project || (project.owner_status !== "active" && project.owner_id !== actorId)) throw notFound(PROJECT_NOUN);
    if (project.owner_id === actorId) throw conflict("This is your own project: you hear about it already.");
    const rows = await tx.$executeRaw`
      INSERT INTO project_followers (project_id, member_id) VALUES (${projectId}::uuid, ${actorId}::uuid) ON CONFLICT DO NOTHING`;
    return { projectId, following: true, replayed: rows === 0 };
  });
}
