// npm run bench:ledger — the confirm path (hold, then post) through lib/ledger against pgbench's
// TPC-B on the same PostgreSQL server in the same run. Prints figures, then one JSON line.
//
//   BENCH_SECONDS   duration of each half (default 20)
//   BENCH_CLIENTS   concurrent clients (default 16)
//   DATABASE_URL    use this server (scratch databases are created and dropped); otherwise a
//                   fresh embedded PostgreSQL in a temporary folder
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "../lib/db/client";
import { makeTempDir, startEmbeddedPostgres, withDatabase, type EmbeddedServer } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { hold, openMemberAccount, postHold, reconcile, systemAccountId, transfer } from "../lib/ledger";
import { freePort } from "./lib/free-port";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const MEMBERS = 1000;
const STARTING_MINUTES = 100 * 60;

function findPgbench(): string {
  const onPath = spawnSync("sh", ["-c", "command -v pgbench"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort().reverse()) {
      const p = path.join(base, v, "bin", "pgbench");
      if (existsSync(p)) return p;
    }
  }
  throw new Error("pgbench not found: install Debian's postgresql-client (apt-get install -y postgresql-client).");
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function main() {
  const pgbench = findPgbench();
  let embedded: EmbeddedServer | undefined;
  let tmp: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    tmp = makeTempDir("timebank-bench-");
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), port: await freePort() });
    serverUrl = embedded.url("postgres");
  }
  const ledgerDb = `bench_ledger_${process.pid}`;
  const tpcbDb = `bench_pgbench_${process.pid}`;
  try {
    await admin(serverUrl, `CREATE DATABASE ${ledgerDb}`);
    await admin(serverUrl, `CREATE DATABASE ${tpcbDb}`);
    const url = withDatabase(serverUrl, ledgerDb);
    await migrate(url);
    const prisma = createPrismaClient(url, { max: CLIENTS });

    // 1,000 members, each granted 100 hours so that spending never runs dry in the run.
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    const { rows } = await setup.query<{ id: string }>(
      `INSERT INTO members (email, name, status) SELECT 'bench' || g || '@example.org', 'Bench ' || g, 'active'
       FROM generate_series(1, ${MEMBERS}) g RETURNING id`,
    );
    await setup.end();
    const issuance = await systemAccountId("issuance", prisma);
    const accounts: number[] = [];
    for (const r of rows) {
      const id = await openMemberAccount(r.id, { floorMinutes: 0 }, prisma);
      await transfer({ kind: "grant", debitAccountId: issuance, creditAccountId: id, amountMinutes: STARTING_MINUTES, idempotencyKey: `grant-${id}` }, prisma);
      accounts.push(id);
    }

    console.log(`Ledger: ${MEMBERS} member accounts, ${CLIENTS} clients, ${SECONDS} s of hold + post through lib/ledger…`);
    const latencies: number[] = [];
    let failures = 0;
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        let n = 0;
        while (Date.now() < until) {
          const payer = accounts[Math.floor(Math.random() * accounts.length)]!;
          let provider = accounts[Math.floor(Math.random() * accounts.length)]!;
          if (provider === payer) provider = accounts[(accounts.indexOf(payer) + 1) % accounts.length]!;
          const amountMinutes = 15 + Math.floor(Math.random() * 8) * 15;
          const key = `bench-${client}-${n++}`;
          const t0 = performance.now();
          try {
            const h = await hold({ debitAccountId: payer, creditAccountId: provider, amountMinutes, idempotencyKey: `${key}-hold` }, prisma);
            await postHold({ holdId: h.holdId, idempotencyKey: `${key}-post` }, prisma);
            latencies.push(performance.now() - t0);
          } catch {
            failures += 1;
          }
        }
      }),
    );
    const transfersPerS = latencies.length / SECONDS;
    latencies.sort((a, b) => a - b);
    const problems = await reconcile(prisma);
    await prisma.$disconnect();
    console.log(
      `  ${latencies.length} confirmed transfers (${failures} failed), ${transfersPerS.toFixed(0)} transfers/s, ` +
        `p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms; reconciliation problems: ${problems.length}`,
    );

    console.log(`pgbench TPC-B: scale 1, ${CLIENTS} clients, ${SECONDS} s on the same server…`);
    const u = new URL(withDatabase(serverUrl, tpcbDb));
    const env = { ...process.env, PGHOST: u.hostname, PGPORT: u.port || "5432", PGUSER: decodeURIComponent(u.username), PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: tpcbDb };
    execFileSync(pgbench, ["-i", "-q"], { env, stdio: "ignore" });
    const out = execFileSync(pgbench, ["-c", String(CLIENTS), "-j", "2", "-T", String(SECONDS), "-n"], { env, encoding: "utf8" });
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
    console.log(`  ${tps.toFixed(0)} TPC-B transactions/s`);
    const ratio = transfersPerS / tps;
    console.log(`Ratio (confirmed transfers per pgbench transaction): ${ratio.toFixed(2)} (goal >= 0.5)`);
    console.log(
      JSON.stringify({
        transfers_per_s: Math.round(transfersPerS),
        pgbench_tps: Math.round(tps),
        ratio: Number(ratio.toFixed(3)),
        p50_ms: Number(percentile(latencies, 50).toFixed(2)),
        p99_ms: Number(percentile(latencies, 99).toFixed(2)),
        clients: CLIENTS,
      }),
    );
    if (problems.length > 0 || failures > 0) process.exitCode = 1;
  } finally {
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${ledgerDb} WITH (FORCE)`).catch(() => {});
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${tpcbDb} WITH (FORCE)`).catch(() => {});
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
