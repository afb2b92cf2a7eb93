// Voids an exchange's hold (cancel, decline) inside the step's transaction: exactly once, by key.
import { fromLedgerError } from "../errors";
import { voidHold, type LedgerDb } from "../ledger";
import type { Tx } from "../members/guard";
import type { LockedExchange } from "./locked";

export async function releaseHold(tx: Tx, ex: LockedExchange, actorId: string | null): Promise<void> {
  if (ex.holdId === null) return;
  try {
    await voidHold({ holdId: ex.holdId, idempotencyKey: `exchange:${ex.id}:void`, actorId, memo: `Exchange: ${ex.title}`.slice(0, 200) }, tx as unknown as LedgerDb);
  } catch (err) {
    throw fromLedgerError(err);
  }
}
