// The check every domain write makes inside its own transaction: the actor exists and is active
// now (not only when the page was rendered). Locks the member row for the transaction (FOR SHARE),
// so a suspension cannot commit halfway through the actor's action.
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";

export type Tx = Prisma.TransactionClient;

export interface ActiveMember {
  id: string;
  name: string | null;
  role: "member" | "admin";
}

export async function lockActiveMember(tx: Tx, memberId: string): Promise<ActiveMember> {
  const rows = await tx.$queryRaw<{ id: string; name: string | null; role: "member" | "admin"; status: string; profile_done_at: Date | null }[]>`
    SELECT id, name, role::text AS role, status::text AS status, profile_done_at
      FROM members WHERE id = ${memberId}::uuid FOR SHARE`;
  const m = rows[0];
  if (!m) throw new AppError("unauthenticated", "Please sign in first.");
  if (m.status !== "active" || !m.profile_done_at) {
    throw new AppError("forbidden", m.status === "suspended" ? "Your membership is suspended." : "Your membership is not active yet.");
  }
  return { id: m.id, name: m.name, role: m.role };
}
