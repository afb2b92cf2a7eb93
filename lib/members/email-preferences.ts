// Which notifications a member wants by email. The form sends the kinds ticked; the member row
// keeps the kinds not ticked (email_opt_out), so a kind added later is emailed by default.
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { notificationKinds, type NotificationKind } from "../notifications/kinds";
import { lockMemberForUpdate, parseInput } from "./internal";
import { emailPreferencesSchema } from "./schemas";

export async function setEmailPreferences(actorId: string, input: unknown, database: PrismaClient = db()): Promise<{ optedOut: NotificationKind[] }> {
  const { kinds } = parseInput(emailPreferencesSchema, input);
  const wanted = new Set(kinds);
  const optedOut = notificationKinds.filter((k) => !wanted.has(k));
  await transaction(database, async (tx) => {
    await lockMemberForUpdate(tx, actorId, { allowSuspended: true });
    await tx.user.update({ where: { id: actorId }, data: { emailOptOut: optedOut } });
  });
  return { optedOut };
}
