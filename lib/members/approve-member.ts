// An admin, or a coordinator of the member's hub, approves a pending member (active, ledger
// account, welcome grant, told by notification) or declines them with a reason they will see.
// Both are audited; a coordinator of another hub is refused.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { conflict, notFound } from "../errors";
import { notify } from "../notifications/notify";
import { lockAdmin } from "../admin/guard";
import { hubOfMember, lockHubAuthority } from "../hubs/guard";
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

type Approver = "admin" | "hub";

/** Locks the actor: an active admin, or (for "hub") a coordinator of the member's hub or an admin. */
async function lockApprover(tx: Tx, actorId: string, memberId: string, who: Approver): Promise<Record<string, string>> {
  if (who === "admin") {
    await lockAdmin(tx, actorId);
    return {};
  }
  const hubId = await hubOfMember(tx, memberId);
  const actor = await lockHubAuthority(tx, actorId, hubId);
  return actor.as === "coordinator" && hubId ? { asCoordinatorOf: hubId } : {};
}

/** The member's hub, read again once their row is locked: they may have changed organisation since. */
async function sameHubOnceLocked(tx: Tx, memberId: string, as: Record<string, string>): Promise<void> {
  if (as.asCoordinatorOf && (await hubOfMember(tx, memberId)) !== as.asCoordinatorOf) {
    throw conflict("This member has just changed organisation and is no longer in your hub. Reload the page.");
  }
}

async function approve(actorId: string, memberId: unknown, who: Approver, database: PrismaClient): Promise<void> {
  const { memberId: id } = parseInput(memberIdSchema, { memberId });
  await transaction(database, async (tx) => {
    const as = await lockApprover(tx, actorId, id, who);
    const member = await lockPendingMember(tx, id);
    await sameHubOnceLocked(tx, id, as);
    if (!member.profile_done_at) throw conflict("This member has not finished their profile yet.");
    const { welcomeMinutes } = await activateMember(tx, id, actorId);
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
    await writeAudit(tx, { actorId, action: "member.approve", targetType: "member", targetId: id, details: { welcomeMinutes, ...as } });
  });
}

async function decline(actorId: string, input: unknown, who: Approver, database: PrismaClient): Promise<void> {
  const { memberId, reason } = parseInput(declineSchema, input);
  await transaction(database, async (tx) => {
    const as = await lockApprover(tx, actorId, memberId, who);
    await lockPendingMember(tx, memberId);
    await sameHubOnceLocked(tx, memberId, as);
    await tx.user.update({ where: { id: memberId }, data: { status: "suspended", statusReason: reason } });
    // Emailed (unless they turned it off): they should not have to sign in to learn why.
    await notify(tx, {
      memberId,
      kind: "member.declined",
      title: "Your membership was not approved",
      body: `${who === "hub" && as.asCoordinatorOf ? "A coordinator of your hub" : "An admin of the bank"} has looked at your profile and not approved it. Their reason: ${reason}`,
      link: "/dashboard",
    });
    await writeAudit(tx, { actorId, action: "member.decline", targetType: "member", targetId: memberId, details: { reason, ...as } });
  });
}

/** An admin approves a pending member. */
export function approveMember(adminId: string, memberId: unknown, database: PrismaClient = db()): Promise<void> {
  return approve(adminId, memberId, "admin", database);
}

/** An admin declines a pending member, with a reason they will see. */
export function declineMember(adminId: string, input: unknown, database: PrismaClient = db()): Promise<void> {
  return decline(adminId, input, "admin", database);
}

/** A coordinator of the member's hub (or an admin) approves a pending member of the hub. */
export function approveHubMember(actorId: string, memberId: unknown, database: PrismaClient = db()): Promise<void> {
  return approve(actorId, memberId, "hub", database);
}

/** A coordinator of the member's hub (or an admin) declines a pending member of the hub. */
export function declineHubMember(actorId: string, input: unknown, database: PrismaClient = db()): Promise<void> {
  return decline(actorId, input, "hub", database);
}
