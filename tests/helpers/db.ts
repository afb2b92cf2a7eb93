// A fresh database for one test file: CREATE DATABASE ... TEMPLATE <migrated template>, dropped
// when the file ends. Never shared, never truncated.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../lib/db/client";
import { withDatabase } from "../../lib/db/embedded";

export interface TestDatabase {
  name: string;
  url: string;
  /** A Prisma client on this database (closed when the file ends). */
  prisma(options?: { max?: number }): PrismaClient;
  /** A plain pg client on this database, connected (closed when the file ends). */
  pgClient(): Promise<pg.Client>;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  return inject("serverUrl");
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl(), "postgres") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Creates a database; migrated (from the template) unless `empty` is set. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  await adminQuery(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${inject("templateDb")}`);
  const url = withDatabase(serverUrl(), name);
  const prismas: PrismaClient[] = [];
  const clients: pg.Client[] = [];
  let dropped = false;
  const database: TestDatabase = {
    name,
    url,
    prisma(opts) {
      const p = createPrismaClient(url, { max: opts?.max ?? 4 });
      prismas.push(p);
      return p;
    },
    async pgClient() {
      const c = new pg.Client({ connectionString: url });
      c.on("error", () => {});
      await c.connect();
      clients.push(c);
      return c;
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      await Promise.all(prismas.map((p) => p.$disconnect().catch(() => {})));
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
  return database;
}

/** For a test file: a fresh migrated database, dropped after the file's tests. */
export async function useTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const database = await createTestDatabase(options);
  afterAll(() => database.drop());
  return database;
}
