// npm run bench:admin-ledger — the admin ledger review on a million transfers: a fresh embedded
// PostgreSQL, ~10,000 member accounts with a floor, then 1,000,000 transfers spread over two years
// (plus the members' starting grants and about 1% reversals). Then the median time of each
// review query, the books' three checks, and the full streamed CSV export of every transfer
// (rows/s, and the process's peak RSS while it runs). Prints figures, then one JSON line.
//
//   BENCH_MEMBERS     member accounts (default 10,000)
//   BENCH_TRANSFERS   transfers between them and the bank's accounts (default 1,000,000)
//   BENCH_RUNS        timed runs of each query; the median is reported (default 7)
//   DATABASE_URL      use this server (a scratch database is created and dropped); otherwise a
//                     fresh embedded PostgreSQL in a temporary folder
//
// The transfers are inserted into ledger_transfers directly, one INSERT ... SELECT per batch: the
// ledger's triggers still apply every rule to every row (floor, entries, balances, hash chain),
// and a direct insert can date them across two years, which lib/ledger (always "now") cannot.
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "../lib/db/client";
import { makeTempDir, startEmbeddedPostgres, withDatabase, type EmbeddedServer } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { runLedgerCheck, type LedgerCheckKind } from "../lib/ledger";
import { streamOf } from "../lib/csv";
import { transfersCsv } from "../lib/ledger-admin/csv";
import { accountStatement, listTransfers, type TransferFilters } from "../lib/ledger-admin/queries";
import { freePort } from "./lib/free-port";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** Rows per INSERT: small enough that the bank's accounts are not rewritten thousands of times in one transaction. */
const BATCH = 10_000;
/** Starting grants per INSERT: each one rewrites the issuance account's row, so keep them few. */
const GRANT_BATCH = 1_000;
const START = "2024-01-01T00:00:00Z";
const SPAN_DAYS = 730;
const STARTING_MINUTES = 1000 * 60;
const FLOOR_MINUTES = -600;

async function admin(serverUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Members, their accounts (floor FLOOR_MINUTES) and one starting grant each; returns the admin's id. */
async function seedMembers(c: pg.Client): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO members (email, name, status, role, profile_done_at, approved_at)
     VALUES ('bench-admin@example.org', 'Bench Admin', 'active', 'admin', now(), now()) RETURNING id`,
  );
  await c.query(
    `INSERT INTO members (email, name, status, profile_done_at, approved_at)
     SELECT 'member' || g || '@example.org', 'Member ' || g, 'active', now(), now() FROM generate_series(1, $1::int) g`,
    [MEMBERS],
  );
  await c.query(`SELECT ledger_open_account('member', id, NULL, 'Member account', $1::int) FROM members ORDER BY email`, [FLOOR_MINUTES]);
  const { rows: range } = await c.query<{ lo: number; hi: number }>(`SELECT min(id) AS lo, max(id) AS hi FROM ledger_accounts WHERE kind = 'member'`);
  for (let lo = range[0]!.lo; lo <= range[0]!.hi; lo += GRANT_BATCH) {
    await c.query(
      `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, actor_id, memo, created_at)
       SELECT 'grant', (SELECT id FROM ledger_accounts WHERE code = 'issuance'), a.id, $1::int, 'bench-start:' || a.id, $2::uuid, 'Starting hours', $3::timestamptz
         FROM ledger_accounts a WHERE a.kind = 'member' AND a.id >= $4::int AND a.id < $5::int ORDER BY a.id`,
      [STARTING_MINUTES, rows[0]!.id, START, lo, lo + GRANT_BATCH],
    );
  }
  return rows[0]!.id;
}

/**
 * Transfers first..last: 80% exchanges, 8% donations (some with awkward memos), 6% grants, 6%
 * adjustments both ways, 15 to 240 minutes, between members picked by a multiplicative hash;
 * then a reversal of about 1% of them, an hour after each.
 */
async function insertBatch(c: pg.Client, first: number, last: number, adminId: string): Promise<void> {
  await c.query(
    `WITH m AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::bigint AS n FROM ledger_accounts WHERE kind = 'member'),
          bank AS (SELECT (SELECT id FROM ledger_accounts WHERE code = 'issuance') AS issuance,
                          (SELECT id FROM ledger_accounts WHERE code = 'adjustment') AS adjustment),
          g AS (SELECT g, g % 100 AS mix,
                       m.ids[(1 + (g * 2654435761) % m.n)::int] AS payer,
                       m.ids[(1 + ((g * 2654435761) % m.n + 1 + (g * 40503) % (m.n - 1)) % m.n)::int] AS payee,
                       15 * (1 + (g * 7) % 16) AS amount
                  FROM generate_series($1::bigint, $2::bigint) g, m)
     INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, exchange_id, actor_id, memo, created_at)
     SELECT CASE WHEN mix < 80 THEN 'exchange' WHEN mix < 88 THEN 'donation' WHEN mix < 94 THEN 'grant' ELSE 'adjustment' END::transfer_kind,
            CASE WHEN mix < 88 THEN payer WHEN mix < 94 THEN bank.issuance WHEN mix % 2 = 0 THEN bank.adjustment ELSE payer END,
            CASE WHEN mix < 88 THEN payee WHEN mix % 2 = 0 OR mix < 94 THEN payee ELSE bank.adjustment END,
            amount, 'bench:' || g,
            CASE WHEN mix < 80 THEN gen_random_uuid() END,
            CASE WHEN mix >= 88 THEN $3::uuid END,
            CASE WHEN mix = 80 THEN 'Thanks, "really", for the audit, the chart, and more' WHEN mix = 81 THEN '=SUM(A1:A9)'
                 WHEN mix >= 88 THEN 'Bench correction ' || g END,
            $4::timestamptz + (g::float8 / $5::float8) * ($6::int * interval '1 day')
       FROM g, bank`,
    [first, last, adminId, START, TRANSFERS, SPAN_DAYS],
  );
  await c.query(
    `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, reverses_transfer_id, actor_id, memo, created_at)
     SELECT 'reversal', t.credit_account_id, t.debit_account_id, t.amount_minutes, 'bench-reverse:' || t.id, t.id, $3::uuid, 'Recorded twice', t.created_at + interval '1 hour'
       FROM ledger_transfers t
      WHERE t.idempotency_key IN (SELECT 'bench:' || g FROM generate_series($1::bigint, $2::bigint) g WHERE g % 97 = 0)
      ORDER BY t.id`,
    [first, last, adminId],
  );
}

async function seed(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t0 = performance.now();
    const adminId = await seedMembers(c);
    console.log(`  ${MEMBERS.toLocaleString("en-GB")} members with accounts and starting hours in ${seconds(performance.now() - t0)}`);
    const t1 = performance.now();
    for (let first = 1; first <= TRANSFERS; first += BATCH) {
      await insertBatch(c, first, Math.min(TRANSFERS, first + BATCH - 1), adminId);
      if ((first - 1) % (BATCH * 10) === 0 && first > 1) {
        const done = first - 1;
        console.log(`  ${done.toLocaleString("en-GB")} transfers, ${Math.round(done / ((performance.now() - t1) / 1000))} a second`);
      }
    }
    console.log(`  ${TRANSFERS.toLocaleString("en-GB")} transfers (and their reversals) in ${seconds(performance.now() - t1)}`);
    await c.query("VACUUM ANALYZE");
    return adminId;
  } finally {
    await c.end();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The median of RUNS timed calls, after one untimed warm-up. */
async function timed(label: string, run: () => Promise<{ rows: unknown[] }>): Promise<number> {
  const first = await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  console.log(`  ${label.padEnd(44)} ${ms.toFixed(2).padStart(8)} ms  (${first.rows.length} rows)`);
  return Number(ms.toFixed(2));
}

interface Probes {
  memberId: string;
  oldestId: string;
  memberDeepCursor: string;
  issuance: number;
}

async function probes(prisma: PrismaClient): Promise<Probes> {
  const [busiest] = await prisma.$queryRaw<{ member_id: string; account_id: number }[]>`
    SELECT member_id, id AS account_id FROM ledger_accounts WHERE kind = 'member' ORDER BY entry_count DESC LIMIT 1`;
  const [oldest] = await prisma.$queryRaw<{ id: bigint }[]>`SELECT id FROM ledger_transfers ORDER BY id OFFSET 2000 LIMIT 1`;
  const [memberOld] = await prisma.$queryRaw<{ id: bigint }[]>`
    SELECT transfer_id AS id FROM ledger_entries WHERE account_id = ${busiest!.account_id} AND seq = 20`;
  const [issuance] = await prisma.$queryRaw<{ id: number }[]>`SELECT id FROM ledger_accounts WHERE code = 'issuance'`;
  return { memberId: busiest!.member_id, oldestId: oldest!.id.toString(), memberDeepCursor: memberOld!.id.toString(), issuance: issuance!.id };
}

async function timeQueries(prisma: PrismaClient, p: Probes): Promise<Record<string, number>> {
  const list = (filters: TransferFilters, cursor: { after?: string } = {}) => () => listTransfers(filters, cursor, prisma);
  return {
    first_page_ms: await timed("listTransfers: first page", list({})),
    deep_page_ms: await timed("listTransfers: a page 2,000 rows from the oldest", list({}, { after: p.oldestId })),
    member_ms: await timed("member filter: first page", list({ memberId: p.memberId })),
    member_deep_ms: await timed("member filter: their oldest page", list({ memberId: p.memberId }, { after: p.memberDeepCursor })),
    kind_amount_ms: await timed("kind + amount: donations of 3 h 45 min or more", list({ kind: "donation", minMinutes: 225 })),
    rare_kind_amount_ms: await timed("kind + amount: adjustments of exactly 4 h", list({ kind: "adjustment", minMinutes: 240, maxMinutes: 240 })),
    date_range_ms: await timed("date range: June 2025", list({ from: "2025-06-01", to: "2025-06-30" })),
    date_range_old_ms: await timed("date range: January 2024", list({ from: "2024-01-01", to: "2024-01-31" })),
    reversed_ms: await timed("state: reversed", list({ state: "reversed" })),
    statement_first_ms: await timed("accountStatement: issuance, newest", () => accountStatement(p.issuance, {}, prisma)),
    statement_deep_ms: await timed("accountStatement: issuance, entries 50-100", () => accountStatement(p.issuance, { after: "101" }, prisma)),
  };
}

async function timeChecks(prisma: PrismaClient, adminId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const kind of ["trial_balance", "reconcile", "verify_chain"] as LedgerCheckKind[]) {
    const run = await runLedgerCheck(kind, adminId, prisma);
    console.log(`  ${kind.padEnd(44)} ${String(run.durationMs).padStart(8)} ms  (${run.ok ? "no problems" : `${run.problemCount} problems`})`);
    if (!run.ok) process.exitCode = 1;
    out[`${kind}_ms`] = run.durationMs;
  }
  return out;
}

/** Reads the whole export as a client would, counting lines and bytes, sampling RSS meanwhile. */
async function timeExport(prisma: PrismaClient): Promise<{ rows: number; bytes: number; seconds: number; rowsPerS: number; baseRssMb: number; peakRssMb: number }> {
  global.gc?.();
  const baseRss = process.memoryUsage.rss();
  let peakRss = baseRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 25);
  const t0 = performance.now();
  const reader = streamOf(transfersCsv({}, {}, prisma)).getReader();
  let bytes = 0;
  let newlines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) newlines++;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  const elapsed = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  // No memo in this data holds a line break, so every LF ends a row; less the header's.
  const rows = newlines - 1;
  return { rows, bytes, seconds: elapsed, rowsPerS: rows / elapsed, baseRssMb: baseRss / 2 ** 20, peakRssMb: peakRss / 2 ** 20 };
}

async function main() {
  let embedded: EmbeddedServer | undefined;
  let tmp: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    tmp = makeTempDir("timebank-bench-admin-");
    // Loading settings only: the queries measured are reads, which these do not change.
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(tmp, "pg"),
      port: await freePort(),
      settings: { synchronous_commit: "off", max_wal_size: "8GB", checkpoint_timeout: "30min" },
    });
    serverUrl = embedded.url("postgres");
  }
  const dbName = `bench_admin_ledger_${process.pid}`;
  try {
    await admin(serverUrl, `CREATE DATABASE ${dbName}`);
    const url = withDatabase(serverUrl, dbName);
    await migrate(url);
    console.log(`Seeding ${MEMBERS.toLocaleString("en-GB")} members and ${TRANSFERS.toLocaleString("en-GB")} transfers over ${SPAN_DAYS} days…`);
    const adminId = await seed(url);
    const prisma = createPrismaClient(url, { max: 4 });
    const [size] = await prisma.$queryRaw<{ transfers: bigint; entries: bigint }[]>`
      SELECT (SELECT count(*) FROM ledger_transfers)::bigint AS transfers, (SELECT count(*) FROM ledger_entries)::bigint AS entries`;
    const { transfers, entries } = size!;
    console.log(`Ledger: ${transfers.toLocaleString("en-GB")} transfers, ${entries.toLocaleString("en-GB")} entries.`);

    console.log(`Review queries (median of ${RUNS} runs):`);
    const queries = await timeQueries(prisma, await probes(prisma));
    console.log("Checks of the books (one run each):");
    const checks = await timeChecks(prisma, adminId);
    console.log("CSV export of every transfer, streamed:");
    const csv = await timeExport(prisma);
    console.log(
      `  ${csv.rows.toLocaleString("en-GB")} rows, ${(csv.bytes / 2 ** 20).toFixed(0)} MiB in ${csv.seconds.toFixed(1)} s: ${Math.round(csv.rowsPerS).toLocaleString("en-GB")} rows/s; ` +
        `RSS ${csv.baseRssMb.toFixed(0)} MiB before, peak ${csv.peakRssMb.toFixed(0)} MiB during`,
    );
    if (csv.rows !== Number(transfers)) {
      console.error(`The export has ${csv.rows} rows, the ledger ${transfers} transfers.`);
      process.exitCode = 1;
    }
    await prisma.$disconnect();
    console.log(
      JSON.stringify({
        transfers: Number(transfers),
        members: MEMBERS,
        runs: RUNS,
        ...queries,
        ...checks,
        csv_rows: csv.rows,
        csv_seconds: Number(csv.seconds.toFixed(1)),
        csv_rows_per_s: Math.round(csv.rowsPerS),
        csv_base_rss_mb: Math.round(csv.baseRssMb),
        csv_peak_rss_mb: Math.round(csv.peakRssMb),
      }),
    );
  } finally {
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
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
