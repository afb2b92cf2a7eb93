// Parsing and small shared helpers for lib/exchanges and lib/messages.
export { isUniqueViolation, parseInput } from "../validation";
export { firstName } from "../format/names";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs are checked before they reach a uuid column (which would refuse them loudly). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
