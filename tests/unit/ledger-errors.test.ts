// lib/ledger/errors.ts: SQLSTATEs (from pg, from Prisma's driver adapter, or from a bare
// DriverAdapterError) become LedgerErrors with codes; transient failures are recognised for retry.
import { describe, expect, it } from "vitest";
import { databaseErrorInfo, isTransient, LedgerError, toLedgerError, type LedgerErrorCode } from "../../lib/ledger/errors";

/** An error as node-postgres throws it (pg.DatabaseError). */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: "error", code, severity: "ERROR", detail: undefined });
}

/** A Prisma 7 raw-query error through @prisma/adapter-pg: P2010 with the driver adapter's cause. */
function prismaError(originalCode: string, originalMessage: string, kind = "postgres"): Error {
  const driverAdapterError = Object.assign(new Error(kind), {
    name: "DriverAdapterError",
    cause: { originalCode, originalMessage, kind, code: originalCode, message: originalMessage },
  });
  return Object.assign(new Error(`Raw query failed. Code: \`${originalCode}\`. Message: \`${originalMessage}\``), {
    name: "PrismaClientKnownRequestError",
    code: "P2010",
    clientVersion: "7.10.0",
    meta: { driverAdapterError },
  });
}

/** The same, for the kinds whose cause has no `code` of its own (e.g. TransactionWriteConflict). */
function prismaKindError(prismaCode: string, originalCode: string, originalMessage: string, kind: string): Error {
  return Object.assign(new Error(`Database error. Code: \`${originalCode}\``), {
    name: "PrismaClientKnownRequestError",
    code: prismaCode,
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode, originalMessage, kind } } },
  });
}

const LEDGER_STATES: [string, LedgerErrorCode, string][] = [
  ["TB001", "invalid", "a reversal moves the same 30 minutes back between the same two accounts"],
  ["TB002", "below_floor", "account 7 cannot pay 701 minutes: 700 minutes available above its floor of -600 minutes"],
  ["TB003", "idempotency_conflict", "idempotency key k1 was already used for a different transfer (12)"],
  ["TB004", "already_resolved", "hold 3 was already posted"],
  ["TB005", "already_reversed", "transfer 9 was already reversed"],
  ["TB006", "append_only", "the ledger is append-only: UPDATE on ledger_entries is refused; correct a transfer by reversing it"],
  ["TB007", "not_found", "hold 99 does not exist"],
];

describe("toLedgerError", () => {
  it.each(LEDGER_STATES)("maps %s from pg to code %s, keeping the database's sentence", (state, code, message) => {
    const e = toLedgerError(pgError(state, message));
    expect(e).toBeInstanceOf(LedgerError);
    expect(e).toMatchObject({ code, message, sqlState: state, name: "LedgerError" });
  });

  it.each(LEDGER_STATES)("maps %s from a Prisma driver-adapter error (P2010) to code %s", (state, code, message) => {
    const e = toLedgerError(prismaError(state, message));
    expect(e).toBeInstanceOf(LedgerError);
    // The message is PostgreSQL's own, not Prisma's "Raw query failed ..." wrapper.
    expect(e).toMatchObject({ code, message, sqlState: state });
  });

  it("maps a bare DriverAdapterError (cause with originalCode) too", () => {
    const err = Object.assign(new Error("postgres"), {
      name: "DriverAdapterError",
      cause: { originalCode: "TB002", originalMessage: "account 1 cannot hold 5 minutes", kind: "postgres" },
    });
    expect(toLedgerError(err)).toMatchObject({ code: "below_floor", message: "account 1 cannot hold 5 minutes", sqlState: "TB002" });
  });

  it.each([
    ["22P02", 'invalid input syntax for type integer: "1.5"', "invalid"],
    ["22003", "value \"99999999999\" is out of range for type integer", "invalid"],
    ["23514", 'new row for relation "ledger_transfers" violates check constraint "ledger_transfers_amount_positive"', "invalid"],
    ["23503", 'insert or update on table "ledger_transfers" violates foreign key constraint "ledger_transfers_credit_account_id_fkey"', "not_found"],
    ["23505", 'duplicate key value violates unique constraint "ledger_transfers_idempotency_key_key"', "idempotency_conflict"],
    ["23505", 'duplicate key value violates unique constraint "ledger_transfers_reverses_transfer_id_key"', "already_reversed"],
    ["23505", 'duplicate key value violates unique constraint "ledger_transfers_hold_id_key"', "already_resolved"],
  ] as const)("maps PostgreSQL's %s (%s) to %s", (state, message, code) => {
    expect(toLedgerError(pgError(state, message))).toMatchObject({ code, sqlState: state });
    expect(toLedgerError(prismaError(state, message, state === "23505" ? "UniqueConstraintViolation" : "postgres"))).toMatchObject({ code, sqlState: state });
  });

  it("turns the floor CHECK constraint into below_floor with a sentence a member can act on", () => {
    const e = toLedgerError(pgError("23514", 'new row for relation "ledger_accounts" violates check constraint "ledger_accounts_floor"'));
    expect(e).toMatchObject({ code: "below_floor", message: "This would take the account below its floor.", sqlState: "23514" });
  });

  // Regression test for a bug these tests found (now fixed): "ledger_accounts_floor_not_positive" contains "ledger_accounts_floor",
  // so a positive floor is reported as "below its floor".
  it("maps a violation of ledger_accounts_floor_not_positive to invalid, not below_floor", () => {
    const e = toLedgerError(
      pgError("23514", 'new row for relation "ledger_accounts" violates check constraint "ledger_accounts_floor_not_positive"'),
    );
    expect(e).toMatchObject({ code: "invalid" });
  });

  it("returns a LedgerError unchanged", () => {
    const original = new LedgerError("below_floor", "no");
    expect(toLedgerError(original)).toBe(original);
  });

  it.each([
    ["a plain Error", new Error("boom")],
    ["a SQLSTATE the ledger does not own (42P01)", pgError("42P01", 'relation "nope" does not exist')],
    ["a serialization failure (left for the retry logic)", pgError("40001", "could not serialize access")],
    ["a Prisma error without a driver cause", Object.assign(new Error("x"), { code: "P2025", meta: {} })],
    ["a string", "boom"],
    ["null", null],
    ["undefined", undefined],
  ])("returns %s unchanged", (_what, err) => {
    expect(toLedgerError(err)).toBe(err);
  });

  it("ignores codes that are not SQLSTATEs", () => {
    expect(toLedgerError(Object.assign(new Error("x"), { code: "ECONNRESET" }))).not.toBeInstanceOf(LedgerError);
    expect(toLedgerError(Object.assign(new Error("x"), { code: "tb002" }))).not.toBeInstanceOf(LedgerError);
  });
});

describe("databaseErrorInfo", () => {
  it("prefers the driver adapter's originalCode and originalMessage over Prisma's wrapper", () => {
    expect(databaseErrorInfo(prismaError("TB003", "idempotency key k was already used"))).toEqual({
      sqlState: "TB003",
      message: "idempotency key k was already used",
    });
  });

  it("reads a pg error's code and message", () => {
    expect(databaseErrorInfo(pgError("23505", "duplicate key"))).toEqual({ sqlState: "23505", message: "duplicate key" });
  });

  it.each([null, undefined, 42, "TB001", {}, { code: 5 }, { code: "TB001" }])("returns undefined for %j", (value) => {
    expect(databaseErrorInfo(value)).toBeUndefined();
  });
});

describe("isTransient", () => {
  it.each(["40001", "40P01", "57P01", "57P02", "57P03", "53300", "08000", "08003", "08006"])("treats SQLSTATE %s from pg as transient", (state) => {
    expect(isTransient(pgError(state, "x"))).toBe(true);
  });

  it.each([
    ["40001", "TransactionWriteConflict"],
    ["40P01", "TransactionWriteConflict"],
    ["53300", "TooManyConnections"],
    ["57P01", "postgres"],
  ])("treats %s from a Prisma driver-adapter error (%s) as transient", (state, kind) => {
    expect(isTransient(prismaKindError("P2010", state, "deadlock detected", kind))).toBe(true);
    expect(isTransient(prismaKindError("P2034", state, "deadlock detected", kind))).toBe(true);
  });

  it.each(["TB001", "TB002", "TB003", "TB004", "TB005", "TB006", "TB007", "23505", "23514", "22P02", "42P01"])(
    "does not retry %s",
    (state) => {
      expect(isTransient(pgError(state, "x"))).toBe(false);
      expect(isTransient(prismaError(state, "x"))).toBe(false);
    },
  );

  it.each([
    "deadlock detected",
    "read ECONNRESET",
    "connect ECONNREFUSED 127.0.0.1:5432",
    "Connection terminated unexpectedly",
    "terminating connection due to administrator command",
    "the database system is starting up",
    "timeout exceeded when trying to connect",
  ])("treats an error without a SQLSTATE saying %j as transient", (message) => {
    expect(isTransient(new Error(message))).toBe(true);
  });

  it("looks at an error's cause when it has no SQLSTATE", () => {
    expect(isTransient(new Error("query failed", { cause: "Connection terminated" }))).toBe(true);
  });

  it.each([new Error("boom"), new Error("syntax error at or near SELECT"), "nope", null, undefined])("does not retry %s", (err) => {
    expect(isTransient(err)).toBe(false);
  });

  // Regression test for a bug these tests found (now fixed): ARCHITECTURE.md asks for a retry on Prisma P2034 and on a driver-adapter
  // error whose message says 40P01; without a driver cause, "P2034" / "P2010" is taken for a
  // SQLSTATE and the error is not retried.
  it("treats a Prisma P2034 (write conflict or deadlock) as transient even without a driver cause", () => {
    const err = Object.assign(new Error("Transaction failed due to a write conflict or a deadlock. Please retry your transaction"), {
      name: "PrismaClientKnownRequestError",
      code: "P2034",
      meta: {},
    });
    expect(isTransient(err)).toBe(true);
  });

  it("treats a Prisma P2010 whose message says 40P01 as transient even without a driver cause", () => {
    const err = Object.assign(new Error("Raw query failed. Code: `40P01`. Message: `deadlock detected`"), {
      name: "PrismaClientKnownRequestError",
      code: "P2010",
      meta: {},
    });
    expect(isTransient(err)).toBe(true);
  });
});
