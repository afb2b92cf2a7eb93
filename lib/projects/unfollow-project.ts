// Unfollowing a project: any active member, on their own follow only. Unfollowing a project one
// does not follow changes nothing.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { lockActiveMember } from "../members/guard";
import { parseInput } from "../validation";
import type { FollowResult } from "./follow-project";
import { followSchema } from "./schemas";

export async function unfollowProject(actorId: string, input: unknown, database: PrismaClient = db()): Promise<FollowResult> {
  const { projectId } = parseInput(followSchema, input);
  return transaction(database, async (tx) => {
    await lockActiveMember(tx, actorId);
    const { count } = await tx.projectFollower.deleteMany({ where: { projectId, memberId: actorId } });
    return { projectId, following: false, replayed: count === 0 };
  });
}
