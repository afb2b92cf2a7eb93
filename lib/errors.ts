// The one error type for the domain (lib/*). Server actions turn it into an ActionResult; the
// message is written for the member who sees it, and nothing has changed when it is thrown.
import { LedgerError } from "./ledger/errors";

export type AppErrorCode =
  | "invalid" // bad input: the fields named in fieldErrors
  | "unauthenticated" // not signed in
  | "forbidden" // signed in, but not allowed (pending, suspended, not a party, not an admin)
  | "not_found" // no such thing, or not one the caller may see
  | "conflict" // an illegal state change: the exchange is no longer in a state that allows it
  | "below_floor" // the payer's available hours do not cover it
  | "rate_limited"; // too many of these in a short time: the message says when to try again (lib/rate-limit)

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const invalid = (message: string, fieldErrors?: FieldErrors) => new AppError("invalid", message, fieldErrors);
export const forbidden = (message = "You are not allowed to do that.") => new AppError("forbidden", message);
export const notFound = (what = "That") => new AppError("not_found", `${what} was not found.`);
export const conflict = (message: string) => new AppError("conflict", message);

/** Maps a ledger refusal to words a member can act on; other errors pass through unchanged. */
export function fromLedgerError(err: unknown): unknown {
  if (!(err instanceof LedgerError)) return err;
  switch (err.code) {
    case "below_floor":
      return new AppError(
        "below_floor",
        "This would take the member who is helped below their floor: they do not have enough hours available (counting hours already held for other exchanges).",
      );
    case "invalid":
      return new AppError("invalid", err.message);
    case "not_found":
      return new AppError("not_found", "The ledger could not find that account, hold or transfer.");
    default:
      return new AppError("conflict", "The ledger refused this change; nothing was changed.");
  }
}
