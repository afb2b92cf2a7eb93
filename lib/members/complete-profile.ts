// Joining: after the first sign-in a member (pending, no profile) tells the bank who they are.
// In open joining the member is active at once, with the welcome grant; in approval joining they
// wait for an admin (lib/members/approve-member.ts).
import { transaction } from "../db/transaction";
import { now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { activateMember, lockMemberForUpdate, parseInput } from "./internal";
import { saveProfileFields } from "./save-profile";
import { profileSchema } from "./schemas";

/** A member who has not finished their profile yet: the layout sends them to /join. */
export function needsProfile(member: { profileDone?: boolean; profileDoneAt?: Date | null; status?: string }): boolean {
  if (member.status === "closed") return false;
  if ("profileDone" in member && member.profileDone !== undefined) return !member.profileDone;
  return !member.profileDoneAt;
}

export interface CompleteProfileResult {
  status: "pending" | "active" | "suspended";
}

export async function completeProfile(actorId: string, input: unknown, database: PrismaClient = db()): Promise<CompleteProfileResult> {
  const profile = parseInput(profileSchema, input);
  return transaction(database, async (tx) => {
    const member = await lockMemberForUpdate(tx, actorId, { allowSuspended: false });
    await saveProfileFields(tx, actorId, profile, { profileDoneAt: member.profileDoneAt ?? now() });
    if (member.status !== "pending") return { status: member.status as "active" };
    const settings = await tx.bankSettings.findUnique({ where: { id: 1 }, select: { joiningMode: true } });
    if (settings?.joiningMode !== "open") return { status: "pending" };
    await activateMember(tx, actorId, actorId);
    return { status: "active" };
  });
}
