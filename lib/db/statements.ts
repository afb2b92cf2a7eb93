// Named (prepared) statements for the queries every page repeats. PostgreSQL plans an unnamed
// statement every time it runs; a statement prepared on a connection is parsed once there, and
// after five runs PostgreSQL keeps a generic plan when it costs no more than the custom ones.
// Measured with pg_stat_statements on the large bank: the dashboard spent about 2.6 ms of its
// 3.6 ms of PostgreSQL time per request planning (docs/SCALING.md).
//
// Not named, and so planned each time as before:
// - full-text searches, whose best plan depends on how common the words are (a generic plan
//   cannot know);
// - very long statements, and any beyond the first MAX_NAMED distinct texts (a statement with an
//   `IN (...)` list has a text per list length): prepared statements live as long as the
//   connection, so their number must stay bounded.
import { createHash } from "node:crypto";

/** Distinct statement texts given a name in this process, at most. */
export const MAX_NAMED = 300;
const MAX_NAMED_SQL_CHARS = 20_000;
const names = new Map<string, string>();

/** The prepared statement's name for this SQL, or undefined to leave it unnamed. */
export function statementName(sql: string): string | undefined {
  const known = names.get(sql);
  if (known) return known;
  if (names.size >= MAX_NAMED || sql.length > MAX_NAMED_SQL_CHARS || /tsquery|ts_match_vq/.test(sql)) return undefined;
  const name = `tb_${createHash("sha256").update(sql).digest("base64url").slice(0, 24)}`;
  names.set(sql, name);
  return name;
}

/** How many statement texts have a name (for tests). */
export function namedStatementCount(): number {
  return names.size;
}
