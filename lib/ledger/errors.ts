// One error type for the ledger. PostgreSQL raises the ledger's own SQLSTATEs (class TB, see
// the ledger migration); this maps them, and the constraint violations behind them, to codes
// and sentences a member or an admin can act on.

export type LedgerErrorCode =
  | "invalid" // bad input: amount, key, accounts, a reversal of a reversal
  | "below_floor" // invariant 4
  | "idempotency_conflict" // invariant 6
  | "already_resolved" // a hold posts or voids once
  | "already_reversed" // invariant 5: reversed at most once
  | "append_only" // invariant 5: no UPDATE or DELETE, and nothing behind the ledger's back
  | "not_found";

const SQLSTATE_TO_CODE: Record<string, LedgerErrorCode> = {
  TB001: "invalid",
  TB002: "below_floor",
  TB003: "idempotency_conflict",
  TB004: "already_resolved",
  TB005: "already_reversed",
  TB006: "append_only",
  TB007: "not_found",
  "22P02": "invalid", // not a whole number
  "22003": "invalid", // out of range for integer
  "23514": "invalid", // a CHECK constraint (the floor check is mapped below)
  "23503": "not_found", // a foreign key: no such account, hold or transfer
  "23505": "idempotency_conflict", // a unique key: resolved or reversed already, or a key race
};

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly sqlState?: string,
  ) {
    super(message);
    this.name = "LedgerError";
  }
}

export interface DatabaseErrorInfo {
  sqlState: string;
  message: string;
}

/** Reads the SQLSTATE and message from a pg error or a Prisma (driver adapter) error. */
export function databaseErrorInfo(err: unknown): DatabaseErrorInfo | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as Record<string, unknown>;
  const meta = e.meta as { driverAdapterError?: { cause?: { originalCode?: string; code?: string; originalMessage?: string; message?: string } } } | undefined;
  const cause = meta?.driverAdapterError?.cause ?? (e.cause as Record<string, string> | undefined);
  const state = cause?.originalCode ?? cause?.code;
  if (isSqlState(state)) {
    return { sqlState: state, message: String(cause?.originalMessage ?? cause?.message ?? "") };
  }
  if (isSqlState(e.code) && typeof e.message === "string") {
    return { sqlState: e.code, message: e.message };
  }
  return undefined;
}

/** A PostgreSQL SQLSTATE: five digits or capitals, and not one of Prisma's own codes (P2034…). */
function isSqlState(code: unknown): code is string {
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^P\d{4}$/.test(code);
}

export function toLedgerError(err: unknown): unknown {
  if (err instanceof LedgerError) return err;
  const info = databaseErrorInfo(err);
  if (!info) return err;
  let code = SQLSTATE_TO_CODE[info.sqlState];
  if (!code) return err;
  let message = info.message;
  if (info.sqlState === "23514" && message.includes('"ledger_accounts_floor"')) {
    code = "below_floor";
    message = "This would take the account below its floor.";
  } else if (info.sqlState === "23505") {
    if (message.includes("reverses_transfer_id")) code = "already_reversed";
    else if (message.includes("hold_id")) code = "already_resolved";
  }
  return new LedgerError(code, message, info.sqlState);
}

/** Errors after which the same call, with the same idempotency key, may safely be tried again. */
export function isTransient(err: unknown): boolean {
  // Prisma's own code for a write conflict or deadlock.
  if (typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2034") return true;
  const info = databaseErrorInfo(err);
  if (info) {
    // serialization failure, deadlock, connection exceptions, shutdown / terminated backend
    return ["40001", "40P01", "57P01", "57P02", "57P03", "53300"].includes(info.sqlState) || info.sqlState.startsWith("08");
  }
  const text = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? "")}` : String(err);
  return /40P01|40001|deadlock|ECONNRESET|ECONNREFUSED|EPIPE|Connection terminated|connection (is )?closed|terminating connection|Client has encountered a connection error|the database system is (starting up|shutting down)|socket hang up|timeout exceeded when trying to connect/i.test(
    text,
  );
}
