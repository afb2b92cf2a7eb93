// A member closes their account. In one transaction: open exchanges that have not been delivered
// are cancelled (holds voided, the other party told), open listings closed, the profile
// anonymised, sign-in sessions deleted. Refused while an exchange is delivered or disputed,
// because hours may still have to move. The ledger account and its history stay (the books must
// still balance); after this the history is under the pseudonym.
import { firstName } from "../format/names";
import { transaction } from "../db/transaction";
import { now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { conflict } from "../errors";
import { cancelLockedExchange } from "../exchanges/cancel-exchange";
import { lockExchange } from "../exchanges/locked";
import { lockMemberForUpdate, parseInput, writeAudit } from "./internal";
import { closeAccountSchema } from "./schemas";

export const closedMemberName = (id: string) => `Former member ${id.slice(0, 6)}`;
export const closedMemberEmail = (id: string) => `closed-${id}@closed.invalid`;

export interface CloseAccountResult {
  cancelledExchanges: number;
  closedListings: number;
}

export async function closeAccount(actorId: string, input: unknown, database: PrismaClient = db()): Promise<CloseAccountResult> {
  parseInput(closeAccountSchema, input);
  return transaction(database, async (tx) => {
    const member = await lockMemberForUpdate(tx, actorId, { allowSuspended: true });

    const exchanges = await tx.$queryRaw<{ id: string; state: string; title: string }[]>`
      SELECT id, state::text AS state, title
        FROM exchanges
       WHERE (provider_id = ${actorId}::uuid OR payer_id = ${actorId}::uuid)
         AND state IN ('proposed', 'accepted', 'delivered', 'disputed')
       ORDER BY created_at
         FOR UPDATE`;
    const unsettled = exchanges.filter((e) => e.state === "delivered" || e.state === "disputed");
    if (unsettled.length > 0) {
      const titles = unsettled.map((e) => `“${e.title}” (${e.state === "delivered" ? "waiting for confirmation" : "disputed"})`).join(", ");
      throw conflict(`Please settle these exchanges before closing your account: ${titles}.`);
    }

    const at = now();
    const who = member.name ? firstName(member.name) : "The other member";
    for (const row of exchanges) {
      const ex = await lockExchange(tx, row.id);
      if (!ex) continue;
      await cancelLockedExchange(tx, ex, {
        actorId,
        otherId: ex.providerId === actorId ? ex.payerId : ex.providerId,
        at,
        title: `“${ex.title}” is cancelled`,
        body: `${who} closed their account, so this exchange is cancelled. Any hours held for it are released.`,
        note: "Cancelled because the member closed their account.",
      });
    }

    const listings = await tx.listing.updateMany({ where: { ownerId: actorId, status: { in: ["open", "paused"] } }, data: { status: "closed" } });

    await tx.memberSkill.deleteMany({ where: { memberId: actorId } });
    await tx.session.deleteMany({ where: { userId: actorId } });
    await tx.account.deleteMany({ where: { userId: actorId } });
    const { email } = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { email: true } });
    await tx.verificationToken.deleteMany({ where: { identifier: email } });
    // No email may go to an address that no longer exists.
    await tx.notification.updateMany({ where: { memberId: actorId, emailPending: true }, data: { emailPending: false } });
    await tx.user.update({
      where: { id: actorId },
      data: {
        name: closedMemberName(actorId),
        email: closedMemberEmail(actorId),
        emailVerified: null,
        image: null,
        bio: null,
        availability: null,
        profession: null,
        tags: [],
        organisationId: null,
        regionId: null,
        status: "closed",
        statusReason: null,
        closedAt: at,
      },
    });
    await writeAudit(tx, {
      actorId,
      action: "member.close",
      targetType: "member",
      targetId: actorId,
      details: { cancelledExchanges: exchanges.length, closedListings: listings.count },
    });
    return { cancelledExchanges: exchanges.length, closedListings: listings.count };
  });
}
