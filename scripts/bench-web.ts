// npm run bench:web: the app under load on the large bank (npm run seed:large; seeded here first
// if it is missing). Starts `next start` on the bank's embedded PostgreSQL (or DATABASE_URL), then,
// one after the other, drives each page with autocannon (16 connections): search with text and a
// filter, a member's dashboard (with the first page of their statement), an offer, the admin
// ledger with a filter, an admin statement deep in the busiest member's history; and, as the
// ceilings, a trivial page rendered per request (the sign-in "check your email" page, no data)
// and a static file. Before them, on the freshly started server, a full CSV export of every
// transfer, streamed, while the server's resident memory is sampled. Prints requests per second,
// p50 and p99 for each, the CPU each request used in the server and in PostgreSQL (from /proc),
// each real page's share of the trivial page's rate, the server's peak memory, and last one JSON
// line.
//
//   BENCH_SECONDS       seconds per page (default 10, after 2 s of warm-up)
//   BENCH_CONNECTIONS   concurrent connections (default 16)
//   BENCH_SKIP_EXPORT   1: leave out the CSV export
//   BENCH_PAGES         only the real pages whose names contain one of these comma-separated
//                       words (the ceilings always run), e.g. "search,ledger"
//   BENCH_SERVER_NODE_OPTIONS   NODE_OPTIONS for `next start` only (e.g. --max-old-space-size=256)
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { LARGE_BANK_PG_SETTINGS, LARGE_DATA_DIR, LARGE_DEFAULTS, LARGE_EMBEDDED_PORT, seedLargeBank, type LargeBankSummary } from "../lib/seed/large";
import { buildIsCurrent } from "./lib/build-hash";
import { buildApp, nextBin } from "./lib/build";
import { SERVER_NODE_FLAGS } from "./lib/server-flags";
import { openAppDatabase, ROOT } from "./lib/database";
import { freePort } from "./lib/free-port";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const GOAL_P99_MS = 100;
const GOAL_SHARE = 0.5;
const GOAL_EXPORT_RSS_MB = 300;
const GOAL_SERVER_RSS_MB = 350;
const log = (line: string) => console.log(`[bench:web] ${line}`);

process.env.TIMEBANK_DATA_DIR ??= LARGE_DATA_DIR;
process.env.EMBEDDED_PG_PORT ??= LARGE_EMBEDDED_PORT;

// ---------------------------------------------------------------------------------------------
// The server's memory: the resident set of `next start` and every process under it, sampled.

function descendants(pid: number): number[] {
  const out = [pid];
  for (const task of safeList(`/proc/${pid}/task`)) {
    const children = safeRead(`/proc/${pid}/task/${task}/children`).trim();
    for (const child of children ? children.split(/\s+/).map(Number) : []) out.push(...descendants(child));
  }
  return out;
}
const safeList = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};
const safeRead = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
};
function rssMb(pid: number): number {
  let kb = 0;
  for (const p of descendants(pid)) kb += Number(/VmRSS:\s+(\d+)/.exec(safeRead(`/proc/${p}/status`))?.[1] ?? 0);
  return kb / 1024;
}

// CPU time (user + system, in ms) used so far by these processes, from /proc/<pid>/stat in clock
// ticks of 10 ms. With `children`, also the time of their children that have exited (a
// PostgreSQL backend that closes is counted in its postmaster's).
function cpuMs(pids: number[], children = false): number {
  let ticks = 0;
  for (const p of pids) {
    const stat = safeRead(`/proc/${p}/stat`);
    if (!stat) continue;
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
  }
  return ticks * 10;
}
/** The CPU used so far by every PostgreSQL process on the machine, and by those that have exited. */
const postgresCpuMs = () =>
  cpuMs(safeList("/proc").filter((p) => /^\d+$/.test(p) && safeRead(`/proc/${p}/comm`).trim() === "postgres").map(Number), true);

class MemoryWatch {
  peak = 0;
  private timer: NodeJS.Timeout;
  constructor(private pid: number) {
    this.peak = rssMb(pid);
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, rssMb(this.pid))), 100);
  }
  stop(): number {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, rssMb(this.pid));
    return this.peak;
  }
}

// ---------------------------------------------------------------------------------------------

interface Target {
  name: string;
  path: string;
  cookie?: string;
  /** A ceiling, not a page with data: not held to the share goal. */
  ceiling?: "dynamic" | "static";
}

interface Measured {
  name: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Mean response size in kilobytes (body and headers, as autocannon counts them). */
  kb: number;
  /** CPU used per request: by the server (next start and its children) and by PostgreSQL. */
  serverCpuMs: number;
  postgresCpuMs: number;
  share?: number;
}

async function drive(base: string, target: Target, serverPid: number): Promise<Measured> {
  const options = { url: base + target.path, connections: CONNECTIONS, headers: target.cookie ? { cookie: target.cookie } : {} };
  await autocannon({ ...options, duration: 2 });
  const server0 = cpuMs(descendants(serverPid), true);
  const postgres0 = postgresCpuMs();
  const r = await autocannon({ ...options, duration: SECONDS });
  const n = Math.max(1, r.requests.total);
  const serverCpuMs = (cpuMs(descendants(serverPid), true) - server0) / n;
  const postgresCpu = (postgresCpuMs() - postgres0) / n;
  // A page that answered nothing (the server gone) counts as failing, not as fast.
  const errors = r.errors + r.timeouts + r.non2xx + (r.requests.total === 0 ? 1 : 0);
  const kb = r.requests.total > 0 ? r.throughput.total / r.requests.total / 1024 : 0;
  return { name: target.name, path: target.path, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors, kb, serverCpuMs, postgresCpuMs: postgresCpu };
}

async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

async function ensureBank(url: string, dataDir: string | undefined): Promise<LargeBankSummary> {
  const file = dataDir ? path.join(dataDir, "large-bank.json") : null;
  // A bank seeded by an older commit gains the migrations added since (an index, say).
  const { applied } = await migrate(url, { log });
  if (file && existsSync(file)) {
    if (applied.length > 0) await analyze(url);
    return JSON.parse(readFileSync(file, "utf8")) as LargeBankSummary;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM members`);
    if (rows[0]!.n !== "0") throw new Error("This database has members but no large-bank.json: seed it with npm run seed:large (it must be empty).");
    log("No large bank yet: seeding one (npm run seed:large)…");
    return await seedLargeBank(client, { ...LARGE_DEFAULTS, log });
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const database = await openAppDatabase(log, { settings: LARGE_BANK_PG_SETTINGS });
  let app: ChildProcess | undefined;
  const client = new pg.Client({ connectionString: database.url });
  try {
    const bank = await ensureBank(database.url, database.dataDir);
    await client.connect();
    const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
      const { rows } = await client.query<T>(sql, params);
      if (!rows[0]) throw new Error(`Nothing found for: ${sql}`);
      return rows[0];
    };
    const counts = await one<{ members: string; transfers: string }>(`SELECT (SELECT count(*) FROM members) AS members, (SELECT count(*) FROM ledger_transfers) AS transfers`);
    log(`The bank: ${Number(counts.members).toLocaleString("en-GB")} members, ${Number(counts.transfers).toLocaleString("en-GB")} transfers.`);

    // Sessions as next-auth keeps them (database sessions), for a typical member and the admin.
    const session = async (memberId: string) => {
      const token = randomBytes(24).toString("hex");
      await client.query(`INSERT INTO auth_sessions (id, session_token, user_id, expires) VALUES (gen_random_uuid(), $1, $2, now() + interval '1 day')`, [token, memberId]);
      return `authjs.session-token=${token}`;
    };
    const admin = await one<{ id: string }>(`SELECT id FROM members WHERE email = $1`, [bank.adminEmail]);
    const memberCookie = await session(bank.typicalMemberId);
    const adminCookie = await session(admin.id);
    const offer = await one<{ id: string }>(
      `SELECT l.id FROM listings l JOIN members m ON m.id = l.owner_id WHERE l.kind = 'offer' AND l.status = 'open' AND m.status = 'active' ORDER BY l.created_at DESC LIMIT 1`,
    );
    const skill = await one<{ id: string }>(`SELECT id FROM skills WHERE slug = 'process-mapping'`);
    const busiest = await one<{ id: number; entry_count: number }>(`SELECT id, entry_count FROM ledger_accounts WHERE member_id = $1`, [bank.busiestMemberId]);
    const deep = Math.max(2, Math.floor(busiest.entry_count / 10));

    if (buildIsCurrent(ROOT)) log("The production build is up to date.");
    else {
      log("Building the app…");
      buildApp(ROOT);
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    app = spawn(process.execPath, [...SERVER_NODE_FLAGS, nextBin, "start", "-p", String(port)], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        APP_ENV: "development",
        DATABASE_URL: database.url,
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        APP_URL: `http://localhost:${port}`,
        AUTH_URL: `http://localhost:${port}`,
        PORT: String(port),
        // Node options for the server only (a heap limit, say), not for the build.
        ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
      },
    });
    for (let i = 0; ; i++) {
      if (app.exitCode !== null) throw new Error(`next start exited (${app.exitCode})`);
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 600) throw new Error("next start did not answer within a minute");
      await new Promise((r) => setTimeout(r, 100));
    }
    const idleMb = rssMb(app.pid!);
    log(`next start is serving on port ${port} (${idleMb.toFixed(0)} MB resident). ${CONNECTIONS} connections, ${SECONDS} s a page after 2 s of warm-up.`);

    const targets: Target[] = [
      { name: "search: text and a filter", path: `/browse?q=${encodeURIComponent("process mapping")}&kind=offer&skill=${skill.id}`, cookie: memberCookie },
      { name: "member dashboard (first statement page)", path: "/dashboard", cookie: memberCookie },
      { name: "an offer", path: `/listings/${offer.id}`, cookie: memberCookie },
      { name: "admin ledger, filtered", path: "/admin/ledger?kind=exchange&min=180", cookie: adminCookie },
      { name: `admin statement, entry ${deep.toLocaleString("en-GB")} of ${busiest.entry_count.toLocaleString("en-GB")}`, path: `/admin/ledger/accounts/${busiest.id}?before=${deep}`, cookie: adminCookie },
      { name: "trivial dynamic page (ceiling)", path: "/signin/check-email", ceiling: "dynamic" },
      { name: "static file (ceiling)", path: "/icon.svg", ceiling: "static" },
    ];
    const only = process.env.BENCH_PAGES?.split(",").map((w) => w.trim().toLowerCase()).filter(Boolean);
    if (only?.length) {
      targets.splice(0, targets.length, ...targets.filter((t) => t.ceiling || only.some((w) => t.name.toLowerCase().includes(w))));
      if (targets.every((t) => t.ceiling)) throw new Error(`BENCH_PAGES=${process.env.BENCH_PAGES} names none of the pages`);
    }
    for (const t of targets) {
      const res = await fetch(base + t.path, { headers: t.cookie ? { cookie: t.cookie } : {}, redirect: "manual" });
      if (res.status !== 200) throw new Error(`${t.path} answered ${res.status}, not 200: check the bank and the sessions`);
    }
    let exportFigures: { rows: number; megabytes: number; seconds: number; peakRssMb: number } | null = null;
    if (process.env.BENCH_SKIP_EXPORT !== "1") {
      log("Exporting every transfer as CSV (first, on the freshly started server)…");
      const exportWatch = new MemoryWatch(app.pid!);
      const t0 = performance.now();
      const res = await fetch(`${base}/admin/ledger/export`, { headers: { cookie: adminCookie } });
      if (!res.ok || !res.body) throw new Error(`the export answered ${res.status}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        for (const b of chunk) if (b === 10) lines++;
      }
      exportFigures = { rows: lines - 1, megabytes: bytes / 1048576, seconds: (performance.now() - t0) / 1000, peakRssMb: exportWatch.stop() };
      log(`CSV export: ${exportFigures.rows.toLocaleString("en-GB")} rows, ${exportFigures.megabytes.toFixed(0)} MiB in ${exportFigures.seconds.toFixed(1)} s; server peak ${exportFigures.peakRssMb.toFixed(0)} MB resident`);
    }

    const watch = new MemoryWatch(app.pid!);
    const results: Measured[] = [];
    for (const t of targets) {
      const m = await drive(base, t, app.pid!);
      results.push(m);
      log(`${t.name}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.kb.toFixed(0)} KB, CPU per request ${m.serverCpuMs.toFixed(1)} ms server + ${m.postgresCpuMs.toFixed(1)} ms PostgreSQL${m.errors ? `, ${m.errors} errors` : ""}`);
    }
    const serverPeakMb = watch.stop();
    const trivial = results.find((r, i) => targets[i]!.ceiling === "dynamic")!;
    for (const [i, r] of results.entries()) if (!targets[i]!.ceiling) r.share = r.rps / trivial.rps;

    console.log("");
    console.log(`| page | req/s | p50 ms | p99 ms | KB | CPU ms per request: server, PostgreSQL | share of trivial page |`);
    console.log(`|---|---|---|---|---|---|---|`);
    for (const r of results) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.kb.toFixed(0)} | ${r.serverCpuMs.toFixed(1)}, ${r.postgresCpuMs.toFixed(1)} | ${r.share === undefined ? "" : r.share.toFixed(2)} |`);
    console.log("");
    const real = results.filter((r) => r.share !== undefined);
    const goals = {
      p99: results.every((r) => r.errors === 0 && r.p99 <= GOAL_P99_MS),
      share: real.every((r) => r.share! >= GOAL_SHARE),
      errors: results.every((r) => r.errors === 0),
      serverRss: serverPeakMb < GOAL_SERVER_RSS_MB,
      exportRss: exportFigures === null ? null : exportFigures.peakRssMb < GOAL_EXPORT_RSS_MB,
    };
    log(`Server memory under the bench: ${idleMb.toFixed(0)} MB idle, ${serverPeakMb.toFixed(0)} MB peak (goal under ${GOAL_SERVER_RSS_MB}).`);
    log(`Goals: p99 ≤ ${GOAL_P99_MS} ms ${goals.p99 ? "met" : "NOT met"}; every page ≥ ${GOAL_SHARE} of the trivial page ${goals.share ? "met" : "NOT met"}; memory ${goals.serverRss && goals.exportRss !== false ? "met" : "NOT met"}.`);
    console.log(
      JSON.stringify({
        benchWeb: {
          connections: CONNECTIONS,
          seconds: SECONDS,
          ...(only?.length ? { onlyPages: only } : {}),
          bank: { members: Number(counts.members), transfers: Number(counts.transfers) },
          pages: results.map((r) => ({ name: r.name, path: r.path, rps: Math.round(r.rps), p50: r.p50, p99: r.p99, kb: Math.round(r.kb), cpuMs: { server: Number(r.serverCpuMs.toFixed(1)), postgres: Number(r.postgresCpuMs.toFixed(1)) }, share: r.share === undefined ? null : Number(r.share.toFixed(2)), errors: r.errors })),
          serverRssMb: { idle: Math.round(idleMb), peak: Math.round(serverPeakMb) },
          export: exportFigures && { ...exportFigures, megabytes: Math.round(exportFigures.megabytes), seconds: Number(exportFigures.seconds.toFixed(1)), peakRssMb: Math.round(exportFigures.peakRssMb) },
          goals,
        },
      }),
    );
  } finally {
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((r) => app!.once("exit", r));
    }
    await client.end().catch(() => {});
    await database.embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[bench:web] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
