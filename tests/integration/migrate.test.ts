import { execFile } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { checksumOf, migrate, MigrationError, MIGRATIONS_DIR, readMigrations } from "../../lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const files = readMigrations();
const scratch: string[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  scratch.forEach((d) => rmSync(d, { recursive: true, force: true }));
  await Promise.all(databases.map((d) => d.drop()));
});

async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ empty: true });
  databases.push(database);
  return database;
}

/** A copy of the migrations folder that a test may change. */
function copyMigrations(): string {
  const dir = path.join(os.tmpdir(), `timebank-migrations-${process.pid}-${scratch.length}`);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  scratch.push(dir);
  return dir;
}

async function recorded(client: import("pg").Client) {
  const { rows } = await client.query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    applied_steps_count: number;
    rolled_back_at: Date | null;
    logs: string | null;
    id: string;
  }>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
  return rows;
}

describe("the migration runner", () => {
  it("applies every migration to an empty database and records each as prisma migrate deploy does", async () => {
    const database = await emptyDatabase();
    const result = await migrate(database.url);
    expect(result.applied).toEqual(files.map((f) => f.name));
    const client = await database.pgClient();
    const rows = await recorded(client);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(checksumOf(files[i]!.sql));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
    // The table itself has Prisma's columns and types.
    const { rows: columns } = await client.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
      "id character varying NO",
      "checksum character varying NO",
      "finished_at timestamp with time zone YES",
      "migration_name character varying NO",
      "logs text YES",
      "rolled_back_at timestamp with time zone YES",
      "started_at timestamp with time zone NO",
      "applied_steps_count integer NO",
    ]);
  });

  it("applies nothing the second time", async () => {
    const database = await emptyDatabase();
    await migrate(database.url);
    const again = await migrate(database.url);
    expect(again).toEqual({ applied: [], alreadyApplied: files.length });
    expect(await recorded(await database.pgClient())).toHaveLength(files.length);
  });

  it("applies each migration once when several processes start together", async () => {
    const database = await emptyDatabase();
    const results = await Promise.all(Array.from({ length: 4 }, () => migrate(database.url)));
    expect(results.reduce((n, r) => n + r.applied.length, 0)).toBe(files.length);
    expect(await recorded(await database.pgClient())).toHaveLength(files.length);
  });

  it("stops with a message naming an applied migration whose file has changed", async () => {
    const database = await emptyDatabase();
    await migrate(database.url);
    const dir = copyMigrations();
    const changed = files[0]!.name;
    writeFileSync(path.join(dir, changed, "migration.sql"), files[0]!.sql + "\n-- edited afterwards\n");
    const err = await migrate(database.url, { dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).migrationName).toBe(changed);
    expect((err as Error).message).toContain(`Migration ${changed} was changed after it was applied`);
  });

  it("rolls back a failing migration, records nothing for it, and names it", async () => {
    const database = await emptyDatabase();
    const dir = copyMigrations();
    const name = "29991231000000_broken";
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n");
    const err = await migrate(database.url, { dir }).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`Migration ${name} failed and was rolled back`);
    const client = await database.pgClient();
    expect((await recorded(client)).map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    const { rows } = await client.query(`SELECT to_regclass('half_done') AS t`);
    expect(rows[0].t).toBeNull();
  });

  it("refuses to go on after a migration that started and never finished", async () => {
    const database = await emptyDatabase();
    await migrate(database.url);
    const client = await database.pgClient();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ('00000000-0000-0000-0000-000000000001', repeat('0', 64), '29990101000000_interrupted', now(), 0)`,
    );
    await expect(migrate(database.url)).rejects.toThrow(/29990101000000_interrupted started but did not finish/);
  });

  it("npm run db:migrate exits non-zero and names the changed migration", async () => {
    const database = await emptyDatabase();
    await migrate(database.url);
    const client = await database.pgClient();
    await client.query(`UPDATE "_prisma_migrations" SET checksum = repeat('a', 64) WHERE migration_name = $1`, [files[1]!.name]);
    const result = await run(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url },
    }).then(
      (ok) => ({ code: 0, stderr: ok.stderr, stdout: ok.stdout }),
      (e: { code: number; stderr: string; stdout: string }) => ({ code: e.code, stderr: e.stderr, stdout: e.stdout }),
    );
    expect(result, result.stdout).toMatchObject({ code: 1 });
    expect(result.stderr).toContain(`Migration ${files[1]!.name} was changed after it was applied`);
  });
});
