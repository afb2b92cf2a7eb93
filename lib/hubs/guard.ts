// Who may act for a hub: its coordinators (active members named by an admin) and the bank's
// admins. Checked inside the caller's own transaction, like every other permission.
import { forbidden } from "../errors";
import { lockActiveMember, type ActiveMember, type Tx } from "../members/guard";

export const ONLY_HUB_COORDINATORS = "Only this hub's coordinators (or the bank's admins) can do that.";

/** The hub a member belongs to: their organisation's, or null. */
export async function hubOfMember(tx: Pick<Tx, "$queryRaw">, memberId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ hub_id: string | null }[]>`
    SELECT o.hub_id FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id WHERE m.id = ${memberId}::uuid`;
  return rows[0]?.hub_id ?? null;
}

/** A coordinator of the hub who still belongs to it (a coordinator who moved organisation has no say there). */
export async function isCoordinatorOf(tx: Pick<Tx, "$queryRaw">, memberId: string, hubId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ ok: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM hub_coordinators c
        JOIN members m ON m.id = c.member_id
        JOIN organisations o ON o.id = m.organisation_id
       WHERE c.hub_id = ${hubId}::uuid AND c.member_id = ${memberId}::uuid AND o.hub_id = c.hub_id) AS ok`;
  return rows[0]?.ok === true;
}

/**
 * The actor is active now and an admin, or a coordinator of `hubId` (null: the thing belongs to
 * no hub, so only an admin may). A coordinator of another hub is refused (and runAction audits it).
 */
export async function lockHubAuthority(tx: Tx, actorId: string, hubId: string | null): Promise<ActiveMember & { as: "admin" | "coordinator" }> {
  const actor = await lockActiveMember(tx, actorId);
  if (actor.role === "admin") return { ...actor, as: "admin" };
  if (hubId && (await isCoordinatorOf(tx, actorId, hubId))) return { ...actor, as: "coordinator" };
  throw forbidden(ONLY_HUB_COORDINATORS);
}
