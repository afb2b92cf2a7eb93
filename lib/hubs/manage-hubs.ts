// An admin creates and edits hubs (name, description, the organisations in it) and names or
// removes their coordinators. A member belongs to the hub of their organisation, so moving an
// organisation moves its members; an organisation is in one hub at most, and a coordinator must
// belong to the hub they coordinate. Every change is audited.
import { lockAdmin } from "../admin/guard";
import { writeAudit } from "../audit/write";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict, invalid, notFound } from "../errors";
import type { Tx } from "../members/guard";
import { isUniqueViolation, parseInput } from "../validation";
import { addCoordinatorSchema, createHubSchema, removeCoordinatorSchema, updateHubSchema } from "./schemas";

const NAME_TAKEN = "Another hub already has this name.";

/** Locks the hub's row, or refuses: not found. */
async function lockHub(tx: Tx, hubId: string): Promise<{ id: string; name: string }> {
  const rows = await tx.$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM hubs WHERE id = ${hubId}::uuid FOR UPDATE`;
  if (!rows[0]) throw notFound("That hub");
  return rows[0];
}

/** Every organisation exists and is in no other hub; locked, so two admins cannot both take one. */
async function checkOrganisations(tx: Tx, organisationIds: string[], hubId: string | null): Promise<void> {
  if (organisationIds.length === 0) return;
  const rows = await tx.$queryRaw<{ id: string; name: string; hub_id: string | null; hub_name: string | null }[]>`
    SELECT o.id, o.name, o.hub_id, h.name AS hub_name
      FROM organisations o LEFT JOIN hubs h ON h.id = o.hub_id
     WHERE o.id = ANY(${organisationIds}::uuid[])
       FOR UPDATE OF o`;
  if (rows.length !== organisationIds.length) throw invalid("Please check the highlighted fields.", { organisationIds: ["Choose organisations from the list."] });
  const taken = rows.filter((r) => r.hub_id !== null && r.hub_id !== hubId);
  if (taken.length > 0) {
    const list = taken.map((r) => `${r.name} (in ${r.hub_name})`).join(", ");
    throw invalid("Please check the highlighted fields.", { organisationIds: [`An organisation is in one hub at most. Take these out of their hub first: ${list}.`] });
  }
}

export async function createHub(adminId: string, input: unknown, database: PrismaClient = db()): Promise<{ id: string }> {
  const data = parseInput(createHubSchema, input);
  try {
    return await transaction(database, async (tx) => {
      await lockAdmin(tx, adminId);
      await checkOrganisations(tx, data.organisationIds, null);
      const hub = await tx.hub.create({ data: { name: data.name, description: data.description }, select: { id: true } });
      await tx.organisation.updateMany({ where: { id: { in: data.organisationIds } }, data: { hubId: hub.id } });
      await writeAudit(tx, { actorId: adminId, action: "hub.create", targetType: "hub", targetId: hub.id, details: { name: data.name, organisations: data.organisationIds.length } });
      return hub;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid("Please check the highlighted fields.", { name: [NAME_TAKEN] });
    throw err;
  }
}

export async function updateHub(adminId: string, input: unknown, database: PrismaClient = db()): Promise<{ id: string }> {
  const data = parseInput(updateHubSchema, input);
  try {
    return await transaction(database, async (tx) => {
      await lockAdmin(tx, adminId);
      await lockHub(tx, data.hubId);
      await checkOrganisations(tx, data.organisationIds, data.hubId);
      // A coordinator must stay in the hub: an organisation of one of them cannot be taken out.
      const stranded = await tx.$queryRaw<{ name: string | null }[]>`
        SELECT m.name FROM hub_coordinators c JOIN members m ON m.id = c.member_id
         WHERE c.hub_id = ${data.hubId}::uuid
           AND (m.organisation_id IS NULL OR NOT (m.organisation_id = ANY(${data.organisationIds}::uuid[])))`;
      if (stranded.length > 0) {
        throw invalid("Please check the highlighted fields.", {
          organisationIds: [`Coordinators must belong to the hub: remove ${stranded.map((s) => s.name ?? "a coordinator").join(", ")} as coordinator first, or keep their organisation.`],
        });
      }
      await tx.hub.update({ where: { id: data.hubId }, data: { name: data.name, description: data.description } });
      await tx.organisation.updateMany({ where: { hubId: data.hubId, id: { notIn: data.organisationIds } }, data: { hubId: null } });
      await tx.organisation.updateMany({ where: { id: { in: data.organisationIds } }, data: { hubId: data.hubId } });
      await writeAudit(tx, { actorId: adminId, action: "hub.update", targetType: "hub", targetId: data.hubId, details: { name: data.name, organisations: data.organisationIds.length } });
      return { id: data.hubId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid("Please check the highlighted fields.", { name: [NAME_TAKEN] });
    throw err;
  }
}

export async function addCoordinator(adminId: string, input: unknown, database: PrismaClient = db()): Promise<{ memberId: string; name: string | null }> {
  const { hubId, email } = parseInput(addCoordinatorSchema, input);
  return transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    const hub = await lockHub(tx, hubId);
    const rows = await tx.$queryRaw<{ id: string; name: string | null; status: string; hub_id: string | null }[]>`
      SELECT m.id, m.name, m.status::text AS status, o.hub_id
        FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id
       WHERE lower(m.email) = ${email} FOR SHARE OF m`;
    const member = rows[0];
    if (!member) throw invalid("Please check the highlighted fields.", { email: ["No member has this email address."] });
    if (member.status !== "active") throw invalid("Please check the highlighted fields.", { email: ["Only an active member can coordinate a hub."] });
    if (member.hub_id !== hubId) {
      throw invalid("Please check the highlighted fields.", { email: [`${member.name ?? "This member"} does not belong to ${hub.name}: their organisation is not in it.`] });
    }
    const added = await tx.hubCoordinator.createMany({ data: [{ hubId, memberId: member.id }], skipDuplicates: true });
    if (added.count === 0) throw conflict(`${member.name ?? "This member"} already coordinates ${hub.name}.`);
    await writeAudit(tx, { actorId: adminId, action: "hub.add_coordinator", targetType: "member", targetId: member.id, details: { hubId, hub: hub.name } });
    return { memberId: member.id, name: member.name };
  });
}

export async function removeCoordinator(adminId: string, input: unknown, database: PrismaClient = db()): Promise<void> {
  const { hubId, memberId } = parseInput(removeCoordinatorSchema, input);
  await transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    const hub = await lockHub(tx, hubId);
    const removed = await tx.hubCoordinator.deleteMany({ where: { hubId, memberId } });
    if (removed.count === 0) throw notFound("That coordinator");
    await writeAudit(tx, { actorId: adminId, action: "hub.remove_coordinator", targetType: "member", targetId: memberId, details: { hubId, hub: hub.name } });
  });
}
