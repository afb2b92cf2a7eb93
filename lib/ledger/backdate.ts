// Demo and test data only: history that happened "before" the bank was loaded. The ledger stamps
// each transfer, hold and resolution with the time its row is written (the columns' default), and
// the entries and hash chain copy that time. backdateLedger changes those defaults inside the
// caller's transaction, so the rows written next carry `at` through all the ledger's rules; the
// change is undone at commit by calling it with null (and is never seen outside the transaction,
// as PostgreSQL's DDL is transactional). The app itself never calls this.
import type { Prisma } from "../db/generated/client";

type DdlDb = Pick<Prisma.TransactionClient, "$executeRawUnsafe">;

const STAMPED_TABLES = ["ledger_transfers", "ledger_holds", "ledger_hold_resolutions"] as const;

export async function backdateLedger(tx: DdlDb, at: Date | null): Promise<void> {
  // toISOString() is digits, dashes, colons and a dot: safe to put in the statement.
  const value = at ? `'${at.toISOString()}'::timestamptz` : "CURRENT_TIMESTAMP";
  for (const table of STAMPED_TABLES) {
    await tx.$executeRawUnsafe(`ALTER TABLE "${table}" ALTER COLUMN "created_at" SET DEFAULT ${value}`);
  }
}
