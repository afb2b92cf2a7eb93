// Parsing and small shared helpers for lib/exchanges and lib/messages.
export { isUniqueViolation, isUuid, parseInput } from "../validation";
export { firstName } from "../format/names";
