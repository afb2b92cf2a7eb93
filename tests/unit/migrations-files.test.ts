import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checksumOf, MIGRATIONS_DIR, readMigrations } from "../../lib/db/migrate";

describe("migration files", () => {
  const files = readMigrations();

  it("are in Prisma's layout, <timestamp>_<name>/migration.sql, in order", () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect(f.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
  });

  it("are checksummed as Prisma does: SHA-256 of the file, in hex", () => {
    for (const f of files) {
      const bytes = readFileSync(path.join(MIGRATIONS_DIR, f.name, "migration.sql"));
      expect(f.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
    expect(checksumOf("a")).not.toBe(checksumOf("a\n"));
  });
});
