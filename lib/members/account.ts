// A member's ledger account, opened (through lib/ledger) the first time it is needed, with the
// bank's default floor.
import { openMemberAccount, type LedgerDb } from "../ledger";
import type { Tx } from "./guard";

export async function memberAccountId(tx: Tx, memberId: string): Promise<number> {
  const found = await tx.ledgerAccount.findUnique({ where: { memberId }, select: { id: true } });
  if (found) return found.id;
  const settings = await tx.bankSettings.findUnique({ where: { id: 1 }, select: { defaultFloorMinutes: true } });
  return openMemberAccount(memberId, { floorMinutes: settings?.defaultFloorMinutes }, tx as unknown as LedgerDb);
}
