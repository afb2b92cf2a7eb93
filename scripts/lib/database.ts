// Where the app's PostgreSQL is: DATABASE_URL when set, otherwise the embedded server under
// .data/ (started here). Shared by `npm start`, `npm run db:migrate` and `npm run db:seed`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import {
  checkNotInUse,
  EMBEDDED_PASSWORD,
  EMBEDDED_USER,
  EmbeddedInUseError,
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from "../../lib/db/embedded";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DEFAULT_EMBEDDED_PORT = 54329;
export const EMBEDDED_DATABASE = "timebank";

export interface AppDatabase {
  url: string;
  embedded?: EmbeddedServer;
  dataDir?: string;
}

export function dataDir(): string {
  return path.resolve(ROOT, process.env.TIMEBANK_DATA_DIR ?? ".data");
}

/**
 * `settings`: PostgreSQL settings for the embedded server (the large bank's is given more memory).
 * `share`: when `npm start` is already running on this data folder, use its server (for
 * db:migrate and db:seed) instead of refusing (as a second `npm start` does).
 */
export async function openAppDatabase(
  log: (line: string) => void,
  options: { share?: boolean; settings?: Record<string, string | number> } = {},
): Promise<AppDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const dir = dataDir();
  mkdirSync(dir, { recursive: true });
  const port = Number(process.env.EMBEDDED_PG_PORT || DEFAULT_EMBEDDED_PORT);
  const pgDir = path.join(dir, "postgres");
  try {
    checkNotInUse(pgDir);
  } catch (err) {
    if (!(err instanceof EmbeddedInUseError)) throw err;
    if (!options.share) {
      throw new Error(
        `npm start is already running on ${dir} (process ${err.ownerPid}). Stop it first, or give a second bank its own TIMEBANK_DATA_DIR and EMBEDDED_PG_PORT.`,
      );
    }
    log(`Using the PostgreSQL of the running npm start (process ${err.ownerPid}, port ${err.port}).`);
    return { url: `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${err.port}/${EMBEDDED_DATABASE}`, dataDir: dir };
  }
  const fresh = !existsSync(path.join(pgDir, "PG_VERSION"));
  log(fresh ? `Creating the embedded PostgreSQL in ${pgDir} (first run)…` : `Starting the embedded PostgreSQL (port ${port})…`);
  const embedded = await startEmbeddedPostgres({ dataDir: pgDir, port, settings: options.settings });
  await ensureDatabase(embedded.url("postgres"), EMBEDDED_DATABASE);
  return { url: embedded.url(EMBEDDED_DATABASE), embedded, dataDir: dir };
}

/** A development AUTH_SECRET kept under .data/, made on first use. Never used with DATABASE_URL. */
export function localAuthSecret(dir: string): string {
  const file = path.join(dir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}
