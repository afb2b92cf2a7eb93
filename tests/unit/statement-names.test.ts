// Which queries become prepared statements (lib/db/statements.ts): the same text always has the
// same name, different texts different names, full-text searches none, and the number of names
// is bounded.
import { describe, expect, it } from "vitest";
import { MAX_NAMED, namedStatementCount, statementName } from "../../lib/db/statements";

describe("statementName", () => {
  it("names a statement by its text, the same every time", () => {
    const a = statementName('SELECT "id" FROM "members" WHERE "id" = $1');
    expect(a).toMatch(/^tb_[A-Za-z0-9_-]{24}$/);
    expect(statementName('SELECT "id" FROM "members" WHERE "id" = $1')).toBe(a);
    expect(statementName('SELECT "id" FROM "members" WHERE "email" = $1')).not.toBe(a);
  });

  it("leaves full-text searches and very long statements unnamed", () => {
    expect(statementName("SELECT 1 FROM listings l WHERE l.search_vector @@ websearch_to_tsquery('english', $1)")).toBeUndefined();
    expect(statementName("SELECT 1 FROM listings l WHERE ts_match_vq(l.search_vector, $1)")).toBeUndefined();
    expect(statementName(`SELECT ${"1, ".repeat(10_000)}1`)).toBeUndefined();
  });

  it(`names at most ${MAX_NAMED} distinct texts, then leaves new ones unnamed but keeps the old names`, () => {
    const first = statementName("SELECT 'first'")!;
    for (let i = 0; namedStatementCount() < MAX_NAMED; i++) expect(statementName(`SELECT ${i} AS n`)).toBeDefined();
    expect(statementName("SELECT 'one too many'")).toBeUndefined();
    expect(statementName("SELECT 'first'")).toBe(first);
    expect(namedStatementCount()).toBe(MAX_NAMED);
  });
});
