// The one Prisma client of the app: engine-free, talking to PostgreSQL through @prisma/adapter-pg.
// Kept on globalThis so that Next's dev reloads do not open a new pool each time.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { KeepAlivePool } from "./pool";
import { statementName } from "./statements";

export type { PrismaClient } from "./generated/client";
export { Prisma } from "./generated/client";

/** Connections per app process (each instance of the app has its own pool). */
export const DEFAULT_POOL_SIZE = 10;

export function createPrismaClient(
  connectionString: string = requireDatabaseUrl(),
  options: { max?: number } = {},
): PrismaClient {
  // Every session in UTC: the driver adapter reads and writes timestamps as UTC, and the reports
  // cut months in UTC, whatever the server's or the database's default time zone is.
  const pool = new KeepAlivePool({ connectionString, max: options.max ?? DEFAULT_POOL_SIZE, options: "-c TimeZone=UTC" });
  // An idle connection dropped by the server (a restart) is discarded by the pool; don't crash.
  pool.on("error", () => {});
  // Queries become named statements, prepared once per connection (lib/db/statements.ts).
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    statementNameGenerator: (query) => statementName(query.sql) as string,
  });
  return new PrismaClient({ adapter });
}

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set. `npm start` sets it for the embedded PostgreSQL; see README.md.");
  }
  return url;
}

const globalForPrisma = globalThis as unknown as { timebankPrisma?: PrismaClient };

/** The shared client, created on first use so that importing this module never connects. */
export function db(): PrismaClient {
  globalForPrisma.timebankPrisma ??= createPrismaClient();
  return globalForPrisma.timebankPrisma;
}
