/** The largest single transfer or hold, in minutes (also a CHECK in the database). */
export const MAX_TRANSFER_MINUTES = 1_000_000;
/** Idempotency keys are caller-chosen strings of at most this many characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** Attempts for one ledger call when PostgreSQL reports a transient failure. */
export const MAX_ATTEMPTS = 6;
/** Backoff before attempt n is up to BASE * 2^n milliseconds, with full jitter. */
export const RETRY_BASE_MS = 20;
/** A member's default floor: how far below zero their balance may go, counting holds. */
export const DEFAULT_FLOOR_MINUTES = -600;
/** The lowest floor an account may have (also a CHECK in the database): 1,000 hours below zero. */
export const MIN_FLOOR_MINUTES = -60_000;
