// Every admin operation re-checks, inside its own transaction, that the actor is an active admin
// now: the page that showed the button proves nothing, and a demotion or suspension that commits
// first wins.
import { forbidden } from "../errors";
import { lockActiveMember, type ActiveMember, type Tx } from "../members/guard";

export const ONLY_ADMINS = "Only the bank's admins can do that.";

export async function lockAdmin(tx: Tx, adminId: string): Promise<ActiveMember> {
  const admin = await lockActiveMember(tx, adminId);
  if (admin.role !== "admin") throw forbidden(ONLY_ADMINS);
  return admin;
}
