// npm run seed:large: a national-scale bank (lib/seed/large.ts) for `npm run bench:web` and for
// trying the app on a long history. By default in its own embedded PostgreSQL under .data-large/
// (port 54331), apart from the demo bank; with DATABASE_URL, into that database, which must have
// no members yet.
//
//   --fresh            start again: delete the embedded large bank first (never a DATABASE_URL one)
//   LARGE_MEMBERS      members (default 100,000)
//   LARGE_LISTINGS     offers and requests (default 300,000)
//   LARGE_TRANSFERS    posted transfers (default 1,000,000)
//
// Prints each stage's time and the total, and keeps a summary in <data folder>/large-bank.json
// (which members to use in benchmarks). Exits 1, with nothing kept, if the load fails a check.
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { LARGE_BANK_PG_SETTINGS, LARGE_DATA_DIR, LARGE_DEFAULTS, LARGE_EMBEDDED_PORT, seedLargeBank } from "../lib/seed/large";
import { openAppDatabase, ROOT } from "./lib/database";

const log = (line: string) => console.log(`[seed:large] ${line}`);
const count = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 10) throw new Error(`${name} must be a whole number of at least 10, not ${raw}.`);
  return n;
};

let exitCode = 0;
const embedded = !process.env.DATABASE_URL;
process.env.TIMEBANK_DATA_DIR ??= LARGE_DATA_DIR;
process.env.EMBEDDED_PG_PORT ??= LARGE_EMBEDDED_PORT;
const dir = path.resolve(ROOT, process.env.TIMEBANK_DATA_DIR);
if (process.argv.includes("--fresh") && embedded && existsSync(dir)) {
  log(`Deleting the large bank in ${dir} (--fresh).`);
  rmSync(dir, { recursive: true, force: true });
}
const started = performance.now();
const database = await openAppDatabase(log, { settings: LARGE_BANK_PG_SETTINGS });
const client = new pg.Client({ connectionString: database.url });
try {
  const members = count("LARGE_MEMBERS", LARGE_DEFAULTS.members);
  const listings = count("LARGE_LISTINGS", LARGE_DEFAULTS.listings);
  const transfers = count("LARGE_TRANSFERS", LARGE_DEFAULTS.transfers);
  await migrate(database.url, { log });
  await client.connect();
  log(`Seeding ${members.toLocaleString("en-GB")} members, ${listings.toLocaleString("en-GB")} offers and requests and ${transfers.toLocaleString("en-GB")} transfers…`);
  const summary = await seedLargeBank(client, { members, listings, transfers, log });
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  log(
    `Done in ${seconds(performance.now() - started)} (seeding ${seconds(summary.ms.total)}: members ${seconds(summary.ms.members)}, listings ${seconds(summary.ms.listings)}, ` +
      `ledger and exchanges ${seconds(summary.ms.ledger)}, the database's checks ${seconds(summary.ms.checks)}).`,
  );
  if (database.dataDir) writeFileSync(path.join(database.dataDir, "large-bank.json"), JSON.stringify(summary, null, 2) + "\n");
  console.log(JSON.stringify({ seedLarge: { ...summary, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) } }));
} catch (err) {
  console.error(`[seed:large] ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  await client.end().catch(() => {});
  await database.embedded?.stop();
}
process.exit(exitCode);
