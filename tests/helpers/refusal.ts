// One assertion for "this call is refused and nothing changed": the domain throws an AppError
// before it writes anything, so every row count, the named members' ledger balances and anything
// else the test names must read the same after the attempt as before it.
import { expect } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { AppError, type AppErrorCode } from "../../lib/errors";
import { balanceOf, snapshotCounts } from "./members";

export interface ExpectedRefusal {
  /** The AppError code the attempt must be refused with; any code when omitted. */
  code?: AppErrorCode;
  /** A pattern the refusal's message must match. */
  message?: RegExp;
  /** Members whose ledger balance, held hours and floor must be unchanged. */
  memberIds?: string[];
  /** Reads anything else that must be unchanged (compared with toEqual before and after). */
  unchanged?: () => Promise<unknown>;
}

async function snapshot(prisma: PrismaClient, { memberIds = [], unchanged }: ExpectedRefusal) {
  const [counts, balances, other] = await Promise.all([
    snapshotCounts(prisma),
    Promise.all(memberIds.map((id) => balanceOf(prisma, id))),
    unchanged?.(),
  ]);
  return { counts, balances, other };
}

/** Runs `attempt`, expects it to throw an AppError matching `expected`, proves nothing changed, and returns the error. */
export async function expectRefusal(prisma: PrismaClient, attempt: () => Promise<unknown>, expected: ExpectedRefusal = {}): Promise<AppError> {
  const before = await snapshot(prisma, expected);
  let err: unknown;
  let succeeded = false;
  try {
    await attempt();
    succeeded = true;
  } catch (e) {
    err = e;
  }
  if (succeeded) throw new Error(`expected a refusal${expected.code ? ` (${expected.code})` : ""}, but it succeeded`);
  if (!(err instanceof AppError)) throw new Error(`expected a refusal with an AppError, but it threw: ${String(err)}`, { cause: err });
  if (expected.code) expect(err.code, `refusal code (message: ${err.message})`).toBe(expected.code);
  if (expected.message) expect(err.message).toMatch(expected.message);
  expect(await snapshot(prisma, expected), "nothing may change when a call is refused").toEqual(before);
  return err;
}
