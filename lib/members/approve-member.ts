// An admin approves a pending member (active, ledger account, welcome grant, told by
// notification) or declines them with a reason they will see. Both are audited.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { conflict, notFound } from "../errors";
import { notify } from "../notifications/notify";
import { lockAdmin } from "../admin/guard";
import type { Tx } from "./guard";
import { activateMember, parseInput, writeAudit } from "./internal";
import { declineSchema, memberIdSchema } from "./schemas";

async function lockPendingMember(tx: Tx, memberId: string) {
  const rows = await tx.$queryRaw<{ status: string; profile_done_at: Date | null }[]>`
    SELECT status::text AS status, profile_done_at FROM members WHERE id = ${memberId}::uuid FOR UPDATE`;
  const m = rows[0];
  if (!m || m.status === "closed") throw notFound("That member");
  if (m.status !== "pending") throw conflict(`This member is already ${m.status === "active" ? "approved" : m.status}.`);
  return m;
}

export async function approveMember(adminId: string, memberId: unknown, database: PrismaClient = db()): Promise<void> {
  const { memberId: id } = parseInput(memberIdSchema, { memberId });
  await transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    const member = await lockPendingMember(tx, id);
    if (!member.profile_done_at) throw conflict("This member has not finished their profile yet.");
    const { welcomeMinutes } = await activateMember(tx, id, adminId);
    await notify(tx, {
      memberId: id,
      kind: "member.approved",
      title: "Your membership is approved",
      body:
        welcomeMinutes > 0
          ? "Welcome! You can now offer help, ask for it and exchange hours. Your welcome hours are in your account."
          : "Welcome! You can now offer help, ask for it and exchange hours.",
      link: "/dashboard",
    });
    await writeAudit(tx, { actorId: adminId, action: "member.approve", targetType: "member", targetId: id, details: { welcomeMinutes } });
  });
}

export async function declineMember(adminId: string, input: unknown, database: PrismaClient = db()): Promise<void> {
  const { memberId, reason } = parseInput(declineSchema, input);
  await transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    await lockPendingMember(tx, memberId);
    await tx.user.update({ where: { id: memberId }, data: { status: "suspended", statusReason: reason } });
    // Emailed (unless they turned it off): they should not have to sign in to learn why.
    await notify(tx, {
      memberId,
      kind: "member.declined",
      title: "Your membership was not approved",
      body: `An admin of the bank has looked at your profile and not approved it. Their reason: ${reason}`,
      link: "/dashboard",
    });
    await writeAudit(tx, { actorId: adminId, action: "member.decline", targetType: "member", targetId: memberId, details: { reason } });
  });
}
