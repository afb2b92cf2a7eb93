// lib/ledger validates every input with zod before it touches the database: a bad input is a
// LedgerError "invalid" and no query is sent. The database here is a stub whose $queryRaw records
// the call and throws, so "no query was made" is checked, not assumed.
import { describe, expect, it, vi } from "vitest";
import {
  hold,
  LedgerError,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  MAX_TRANSFER_MINUTES,
  openMemberAccount,
  openPoolAccount,
  postHold,
  reverse,
  transfer,
  voidHold,
  type LedgerDb,
} from "../../lib/ledger";

function stubDb() {
  const $queryRaw = vi.fn(() => {
    throw new Error("no query expected");
  });
  return { db: { $queryRaw } as unknown as LedgerDb, $queryRaw };
}

/** Asserts the call is refused as invalid without any query; returns the message. */
async function expectInvalid(call: (db: LedgerDb) => Promise<unknown>, message?: RegExp): Promise<string> {
  const { db, $queryRaw } = stubDb();
  const err = await call(db).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LedgerError);
  expect((err as LedgerError).code).toBe("invalid");
  if (message) expect((err as LedgerError).message).toMatch(message);
  expect($queryRaw).not.toHaveBeenCalled();
  return (err as LedgerError).message;
}

const MEMBER = "0d3b0c4e-7f59-4a8e-9d7c-2f1e5b6a7c8d";
const goodTransfer = { kind: "donation" as const, debitAccountId: 3, creditAccountId: 4, amountMinutes: 60, idempotencyKey: "k-1" };
const goodHold = { debitAccountId: 3, creditAccountId: 4, amountMinutes: 60, idempotencyKey: "h-1" };

describe("the stub proves a valid input does reach the database", () => {
  it.each([
    ["transfer", (db: LedgerDb) => transfer(goodTransfer, db)],
    ["hold", (db: LedgerDb) => hold(goodHold, db)],
    ["postHold", (db: LedgerDb) => postHold({ holdId: 1n, idempotencyKey: "p" }, db)],
    ["voidHold", (db: LedgerDb) => voidHold({ holdId: 1n, idempotencyKey: "v" }, db)],
    ["reverse", (db: LedgerDb) => reverse({ transferId: 1n, idempotencyKey: "r" }, db)],
    ["openMemberAccount", (db: LedgerDb) => openMemberAccount(MEMBER, {}, db)],
  ])("%s with valid input queries once", async (_name, call) => {
    const { db, $queryRaw } = stubDb();
    await expect(call(db)).rejects.toThrow("no query expected");
    expect($queryRaw).toHaveBeenCalledTimes(1);
  });
});

describe("transfer() refuses bad input before any query", () => {
  it.each([
    ["a zero amount", { amountMinutes: 0 }, /more than zero/],
    ["a negative amount", { amountMinutes: -5 }, /more than zero/],
    ["a fractional amount", { amountMinutes: 1.5 }, /whole number/],
    ["NaN", { amountMinutes: Number.NaN }, /number/],
    ["Infinity", { amountMinutes: Number.POSITIVE_INFINITY }, /./],
    ["an amount given as a string", { amountMinutes: "60" }, /number of minutes/],
    ["an amount above the maximum", { amountMinutes: MAX_TRANSFER_MINUTES + 1 }, new RegExp(`at most ${MAX_TRANSFER_MINUTES}`)],
    ["the same account twice", { creditAccountId: 3 }, /two different accounts/],
    ["an exchange kind (exchanges go through holds)", { kind: "exchange" }, /./],
    ["a reversal kind (reversals go through reverse())", { kind: "reversal" }, /./],
    ["an empty key", { idempotencyKey: "" }, /idempotency key is required/],
    ["a blank key", { idempotencyKey: "   " }, /idempotency key is required/],
    ["a key that is too long", { idempotencyKey: "k".repeat(MAX_IDEMPOTENCY_KEY_LENGTH + 1) }, /at most 200 characters/],
    ["account id 0", { debitAccountId: 0 }, /Unknown account/],
    ["a negative account id", { creditAccountId: -4 }, /Unknown account/],
    ["a fractional account id", { debitAccountId: 3.5 }, /./],
    ["an actor that is not a uuid", { actorId: "admin" }, /Unknown member/],
    ["a memo over 1000 characters", { memo: "m".repeat(1001) }, /memo has at most 1000/],
  ])("refuses %s", async (_what, change, message) => {
    await expectInvalid((db) => transfer({ ...goodTransfer, ...change } as Parameters<typeof transfer>[0], db), message);
  });

  it("accepts exactly the maximum amount and a key of the maximum length", async () => {
    const { db, $queryRaw } = stubDb();
    await expect(
      transfer({ ...goodTransfer, amountMinutes: MAX_TRANSFER_MINUTES, idempotencyKey: "k".repeat(MAX_IDEMPOTENCY_KEY_LENGTH) }, db),
    ).rejects.toThrow("no query expected");
    expect($queryRaw).toHaveBeenCalledTimes(1);
  });

  it("reports every problem of an input at once", async () => {
    const message = await expectInvalid((db) => transfer({ ...goodTransfer, amountMinutes: 0, idempotencyKey: "" }, db));
    expect(message).toMatch(/more than zero/);
    expect(message).toMatch(/idempotency key is required/);
  });
});

describe("hold() refuses bad input before any query", () => {
  it.each([
    ["a zero amount", { amountMinutes: 0 }],
    ["a negative amount", { amountMinutes: -1 }],
    ["a fractional amount", { amountMinutes: 0.5 }],
    ["the same account twice", { creditAccountId: 3 }],
    ["an exchange id that is not a uuid", { exchangeId: "exchange-1" }],
    ["a missing key", { idempotencyKey: undefined }],
  ])("refuses %s", async (_what, change) => {
    await expectInvalid((db) => hold({ ...goodHold, ...change } as Parameters<typeof hold>[0], db));
  });
});

describe("postHold(), voidHold() and reverse() refuse bad input before any query", () => {
  it.each([
    ["a hold id given as a number", { holdId: 1 }],
    ["hold id 0", { holdId: 0n }],
    ["a negative hold id", { holdId: -3n }],
    ["a zero amount", { holdId: 1n, amountMinutes: 0 }],
    ["a fractional amount", { holdId: 1n, amountMinutes: 2.5 }],
    ["an empty key", { holdId: 1n, idempotencyKey: "" }],
  ])("postHold refuses %s", async (_what, input) => {
    await expectInvalid((db) => postHold({ idempotencyKey: "p", ...input } as Parameters<typeof postHold>[0], db));
  });

  it.each([
    ["hold id 0", { holdId: 0n }],
    ["a hold id given as a string", { holdId: "1" }],
    ["an empty key", { holdId: 1n, idempotencyKey: "" }],
    ["an actor that is not a uuid", { holdId: 1n, actorId: "x" }],
  ])("voidHold refuses %s", async (_what, input) => {
    await expectInvalid((db) => voidHold({ idempotencyKey: "v", ...input } as Parameters<typeof voidHold>[0], db));
  });

  it.each([
    ["transfer id 0", { transferId: 0n }],
    ["a negative transfer id", { transferId: -1n }],
    ["a transfer id given as a number", { transferId: 5 }],
    ["a key that is too long", { transferId: 1n, idempotencyKey: "r".repeat(201) }],
  ])("reverse refuses %s", async (_what, input) => {
    await expectInvalid((db) => reverse({ idempotencyKey: "r", ...input } as Parameters<typeof reverse>[0], db));
  });
});

describe("opening accounts refuses bad input before any query", () => {
  it("refuses a member id that is not a uuid", async () => {
    await expectInvalid((db) => openMemberAccount("member-1", {}, db), /Unknown member/);
  });

  it("refuses a positive floor", async () => {
    await expectInvalid((db) => openMemberAccount(MEMBER, { floorMinutes: 10 }, db), /zero or below/);
  });

  it("refuses a fractional floor", async () => {
    await expectInvalid((db) => openMemberAccount(MEMBER, { floorMinutes: -1.5 }, db));
  });

  it("refuses a pool without a code", async () => {
    await expectInvalid((db) => openPoolAccount("", "Pool", db));
  });
});
