// An admin suspends or reactivates a member, or sets how far below zero they may go. Each is one
// transaction: the admin is re-checked, the member row locked, the change made, the member told,
// and an audit row written with what it was before.
import { writeAudit } from "../audit/write";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict, forbidden, notFound } from "../errors";
import { formatMinutes } from "../format/minutes";
import { setFloor, type LedgerDb } from "../ledger";
import { memberAccountId } from "../members/account";
import type { Tx } from "../members/guard";
import { activateMember } from "../members/internal";
import { notify } from "../notifications/notify";
import { parseInput } from "../validation";
import { lockAdmin } from "./guard";
import { memberFloorSchema, memberStatusChangeSchema } from "./schemas";

interface LockedTarget {
  id: string;
  name: string | null;
  status: "pending" | "active" | "suspended" | "closed";
  approvedAt: Date | null;
  profileDone: boolean;
}

async function lockTarget(tx: Tx, memberId: string): Promise<LockedTarget> {
  const rows = await tx.$queryRaw<{ id: string; name: string | null; status: LockedTarget["status"]; approved_at: Date | null; profile_done_at: Date | null }[]>`
    SELECT id, name, status::text AS status, approved_at, profile_done_at FROM members WHERE id = ${memberId}::uuid FOR UPDATE`;
  const m = rows[0];
  if (!m || m.status === "closed") throw notFound("That member");
  return { id: m.id, name: m.name, status: m.status, approvedAt: m.approved_at, profileDone: m.profile_done_at !== null };
}

export async function suspendMember(adminId: string, input: unknown, database: PrismaClient = db()): Promise<void> {
  const { memberId, reason } = parseInput(memberStatusChangeSchema, input);
  await transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    if (memberId === adminId) throw forbidden("You cannot suspend yourself. Ask another admin.");
    const member = await lockTarget(tx, memberId);
    if (member.status === "suspended") throw conflict("This member is already suspended.");
    if (member.status === "pending") throw conflict("This member is waiting for approval: decline them instead, with a reason.");
    await tx.user.update({ where: { id: memberId }, data: { status: "suspended", statusReason: reason } });
    await notify(tx, {
      memberId,
      kind: "member.suspended",
      title: "Your membership is suspended",
      body: `An admin has suspended your membership, so you cannot offer, ask or exchange for now. Their reason: ${reason}`,
      link: "/dashboard",
    });
    await writeAudit(tx, { actorId: adminId, action: "member.suspend", targetType: "member", targetId: memberId, details: { reason, from: member.status } });
  });
}

/**
 * Suspended → active. A member who was declined before ever being approved is approved now: their
 * account opens and the welcome grant is posted, once.
 */
export async function reactivateMember(adminId: string, input: unknown, database: PrismaClient = db()): Promise<void> {
  const { memberId, reason } = parseInput(memberStatusChangeSchema, input);
  await transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    const member = await lockTarget(tx, memberId);
    if (member.status !== "suspended") throw conflict(`This member is ${member.status}, not suspended.`);
    if (!member.profileDone) throw conflict("This member has not finished their profile yet.");
    let welcomeMinutes = 0;
    if (member.approvedAt) {
      await tx.user.update({ where: { id: memberId }, data: { status: "active", statusReason: null } });
    } else {
      ({ welcomeMinutes } = await activateMember(tx, memberId, adminId));
    }
    await notify(tx, {
      memberId,
      kind: "member.suspended",
      title: "Your membership is active again",
      body: `An admin has reactivated your membership: you can offer, ask and exchange again. Their note: ${reason}`,
      link: "/dashboard",
    });
    await writeAudit(tx, { actorId: adminId, action: "member.reactivate", targetType: "member", targetId: memberId, details: { reason, welcomeMinutes } });
  });
}

/** Sets a member's floor. Refused (by the ledger) if they already have less available than it allows. */
export async function setMemberFloor(adminId: string, input: unknown, database: PrismaClient = db()): Promise<{ floorMinutes: number }> {
  const { memberId, floorMinutesBelowZero, reason } = parseInput(memberFloorSchema, input);
  const floorMinutes = floorMinutesBelowZero === 0 ? 0 : -floorMinutesBelowZero;
  return transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    // Separation of duties: an admin's own credit is set by another admin.
    if (memberId === adminId) throw forbidden("You cannot change your own floor. Ask another admin.");
    const member = await lockTarget(tx, memberId);
    if (!member.approvedAt) throw conflict("This member has not been approved yet, so they have no hours account.");
    const accountId = await memberAccountId(tx, memberId);
    const account = await tx.ledgerAccount.findUniqueOrThrow({ where: { id: accountId }, select: { balanceMinutes: true, heldMinutes: true } });
    const available = account.balanceMinutes - account.heldMinutes;
    if (available < floorMinutes) {
      throw conflict(
        `${member.name ?? "This member"} has ${formatMinutes(available)} available (balance less held hours), which is already below that floor. Choose a floor of at least ${formatMinutes(-available)} below zero.`,
      );
    }
    const { previousFloorMinutes } = await setFloor({ accountId, floorMinutes }, tx as unknown as LedgerDb);
    await writeAudit(tx, {
      actorId: adminId,
      action: "member.set_floor",
      targetType: "member",
      targetId: memberId,
      details: { reason, fromMinutes: previousFloorMinutes, toMinutes: floorMinutes },
    });
    return { floorMinutes };
  });
}
