// Every domain write runs in one transaction through here: a deadlock or serialization failure
// (two members acting on the same rows at once) is retried a bounded number of times with
// jitter, from the start, so the member sees the result instead of "something went wrong". Only
// transient database errors are retried; a refusal (AppError, LedgerError) is thrown at once.
import { isTransient } from "../ledger/errors";
import type { Prisma, PrismaClient } from "./client";

export const MAX_TRANSACTION_ATTEMPTS = 5;
const RETRY_BASE_MS = 15;
/** How long one domain transaction may take (Prisma's default of 5 s is short on a busy machine). */
export const TRANSACTION_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function transaction<T>(database: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.$transaction(work, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS });
    } catch (err) {
      if (attempt >= MAX_TRANSACTION_ATTEMPTS || !isTransient(err)) throw err;
      await sleep(Math.random() * RETRY_BASE_MS * 2 ** attempt);
    }
  }
}
