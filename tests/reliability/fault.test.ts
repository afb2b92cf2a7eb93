// Faults: while 16 clients (each on its own connection) post random transfers with unique
// idempotency keys, every backend of the database is terminated several times from a separate
// admin connection, and the PostgreSQL server is restarted once. The clients reach the server
// through a small TCP proxy that, a few times, lets their next call run but throws its answer
// away and cuts the line (a commit the client never hears about). Clients retry a failed call
// with the SAME key until it succeeds or is refused for good (a LedgerError). Afterwards every
// transfer reported as done is in the ledger exactly once and as reported, nothing refused or
// abandoned got in twice, a retry of a reported key replays the original, the balances equal
// the clients' tally, and the books reconcile and verify.
//
// The restart needs a server this file owns: without DATABASE_URL it starts its own embedded
// PostgreSQL (not the global setup's, which other files share); with DATABASE_URL it only kills
// backends of its own database and skips the restart.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../lib/db/client";
import { ensureDatabase, makeTempDir, startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { LedgerError, transfer, type TransferInput } from "../../lib/ledger";
import { freePort } from "../../scripts/lib/free-port";
import { useTestDatabase } from "../helpers/db";
import {
  AnswerLosingProxy,
  describeError,
  ledgerProblems,
  openFundedAccounts,
  pickTwo,
  randInt,
  rng,
  seedFromEnv,
  sleep,
  Tally,
  terminateBackends,
} from "./helpers";

const CLIENTS = 16;
const MEMBERS = 40;
const MAX_ATTEMPTS_PER_CALL = 200;
/** Consecutive failed attempts after which a client is thrown away and created anew. */
const RECREATE_AFTER = 60;
const SEED = seedFromEnv();
const OWN_SERVER = !process.env.DATABASE_URL;

// The fault schedule, in ms from the start of the workload.
const KILLS_AT = OWN_SERVER ? [1_200, 2_600, 4_000, 7_600] : [1_200, 2_600, 4_000, 5_400];
const RESTART_AT = OWN_SERVER ? 5_400 : undefined;
const LOSE_ANSWERS_AT = OWN_SERVER ? [1_900, 3_300, 6_800] : [1_900, 3_300, 4_700];
const WORK_MS = OWN_SERVER ? 9_000 : 7_000;

let server: EmbeddedServer | undefined;
let tmp: string | undefined;
const proxy = new AnswerLosingProxy();
const prismas: PrismaClient[] = [];
// Registered first, so that a failed start still stops this file's own server.
afterAll(async () => {
  await Promise.all(prismas.map((p) => p.$disconnect().catch(() => {})));
  await proxy.stop();
  if (server) await server.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

let url: string;
if (OWN_SERVER) {
  tmp = makeTempDir("timebank-fault-");
  server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), port: await freePort() });
  await ensureDatabase(server.url("postgres"), "fault");
  url = server.url("fault");
  await migrate(url);
} else {
  url = (await useTestDatabase()).url;
}

const target = new URL(url);
await proxy.start(target.hostname, Number(target.port || 5432));
/** The clients' way to the server: through the proxy. Setup and checks connect directly. */
const clientUrl = proxy.url(url);
function newClient(connectionUrl: string, max: number): PrismaClient {
  const p = createPrismaClient(connectionUrl, { max });
  prismas.push(p);
  return p;
}
const setup = newClient(url, 2);
const clientDbs: PrismaClient[] = Array.from({ length: CLIENTS }, () => newClient(clientUrl, 1));


interface CallRecord {
  key: string;
  input: TransferInput & { debitAccountId: number; creditAccountId: number; amountMinutes: number };
  status: "pending" | "ok" | "refused" | "gave_up";
  transferId?: bigint;
  /** The success came back as a replay: an earlier attempt had committed but its answer was lost. */
  replayedOnSuccess?: boolean;
  failedAttempts: number;
  /** When the success came back (ms since the workload started). */
  doneAt?: number;
  code?: string;
  lastError?: string;
}

describe("faults", () => {
  it("loses and doubles nothing when backends are killed and the server restarts", async () => {
    const tally = new Tally();
    const floors = [0, -120, -600];
    const { issuance, accounts } = await openFundedAccounts(setup, {
      n: MEMBERS,
      label: "fault",
      grantMinutes: 600,
      floorOf: (i) => floors[i % floors.length]!,
      tally,
    });

    const records: CallRecord[] = [];
    const workStart = Date.now();
    let lastFaultAt = 0;
    let stopWork = false;
    let recreated = 0;
    const faultLog: string[] = [];

    const client = async (i: number) => {
      const r = rng(SEED + i * 104_729);
      let consecutiveFailures = 0;
      for (let n = 1; !stopWork; n++) {
        const [a, b] = pickTwo(r, accounts);
        const grant = r() < 0.2;
        const rec: CallRecord = {
          key: `fault-c${i}-${n}`,
          input: grant
            ? { kind: "grant", debitAccountId: issuance, creditAccountId: b, amountMinutes: randInt(r, 30, 120), idempotencyKey: "" }
            : { kind: "donation", debitAccountId: a, creditAccountId: b, amountMinutes: randInt(r, 10, 400), idempotencyKey: "" },
          status: "pending",
          failedAttempts: 0,
        };
        rec.input.idempotencyKey = rec.key;
        records.push(rec);
        while (rec.status === "pending") {
          try {
            const res = await transfer(rec.input, clientDbs[i]!);
            rec.status = "ok";
            rec.transferId = res.transferId;
            rec.replayedOnSuccess = res.replayed;
            rec.doneAt = Date.now() - workStart;
            consecutiveFailures = 0;
          } catch (err) {
            if (err instanceof LedgerError) {
              rec.status = "refused";
              rec.code = err.code;
              consecutiveFailures = 0;
              break;
            }
            rec.failedAttempts += 1;
            rec.lastError = describeError(err);
            consecutiveFailures += 1;
            if (rec.failedAttempts >= MAX_ATTEMPTS_PER_CALL) {
              rec.status = "gave_up";
              break;
            }
            if (consecutiveFailures % RECREATE_AFTER === 0) {
              // The pool did not recover by itself: start over with a new client.
              recreated += 1;
              faultLog.push(`client ${i} recreated after ${consecutiveFailures} failures: ${rec.lastError}`);
              clientDbs[i] = newClient(clientUrl, 1);
            }
            await sleep(20 + r() * 60);
          }
        }
      }
    };

    let kills = 0;
    let killedBackends = 0;
    const killsHit: number[] = [];
    let restarts = 0;
    let answersLost = 0;
    const faults = async () => {
      const start = workStart;
      const at = async (ms: number) => sleep(Math.max(0, start + ms - Date.now()));
      const events = [
        ...KILLS_AT.map((ms) => ({ ms, kind: "kill" as const })),
        ...(RESTART_AT === undefined ? [] : [{ ms: RESTART_AT, kind: "restart" as const }]),
        ...LOSE_ANSWERS_AT.map((ms) => ({ ms, kind: "lose" as const })),
      ].sort((x, y) => x.ms - y.ms);
      for (const e of events) {
        await at(e.ms);
        if (e.kind === "kill") {
          // Right after a restart every client may be between connections: try again shortly,
          // so that each kill lands on live sessions.
          let n = await terminateBackends(url);
          for (let tries = 0; n === 0 && tries < 50; tries++) {
            await sleep(100);
            n = await terminateBackends(url);
          }
          kills += 1;
          killedBackends += n;
          killsHit.push(n);
          lastFaultAt = Date.now() - start;
          faultLog.push(`kill ${kills} at ${lastFaultAt} ms: ${n} backends terminated`);
        } else if (e.kind === "lose") {
          const n = proxy.loseNextAnswers();
          answersLost += n;
          lastFaultAt = Date.now() - start;
          faultLog.push(`answers lost at ${lastFaultAt} ms: the next answer on ${n} connections`);
        } else if (server) {
          const { dataDir, port } = server;
          const t0 = Date.now();
          await server.stop();
          server = await startEmbeddedPostgres({ dataDir, port });
          restarts += 1;
          lastFaultAt = Date.now() - start;
          faultLog.push(`restart at ${t0 - start} ms: the server was down for ${Date.now() - t0} ms`);
        }
      }
      await at(WORK_MS);
      stopWork = true;
    };
    if (!OWN_SERVER) {
      console.log("fault: the server restart is skipped: DATABASE_URL names a server this test does not own (backends are still killed)");
    }

    await Promise.all([faults(), ...clientDbs.map((_, i) => client(i))]);

    // What the ledger holds for every key the clients used.
    const rows = await setup.$queryRaw<
      { idempotency_key: string; id: bigint; kind: string; debit_account_id: number; credit_account_id: number; amount_minutes: number }[]
    >`SELECT idempotency_key, id, kind::text AS kind, debit_account_id, credit_account_id, amount_minutes
        FROM ledger_transfers WHERE idempotency_key LIKE 'fault-c%'`;
    const byKey = new Map<string, typeof rows>();
    for (const row of rows) byKey.set(row.idempotency_key, [...(byKey.get(row.idempotency_key) ?? []), row]);

    const ok = records.filter((x) => x.status === "ok");
    const refused = records.filter((x) => x.status === "refused");
    const gaveUp = records.filter((x) => x.status === "gave_up");
    const lost: string[] = [];
    const doubled: string[] = [];
    const phantom: string[] = [];
    for (const rec of records) {
      const found = byKey.get(rec.key) ?? [];
      if (found.length > 1) doubled.push(`${rec.key}: ${found.length} transfers`);
      if (rec.status === "ok") {
        const row = found[0];
        if (!row) {
          lost.push(`${rec.key}: reported as transfer ${rec.transferId}, not in the ledger`);
        } else if (
          row.id !== rec.transferId ||
          row.kind !== rec.input.kind ||
          row.debit_account_id !== rec.input.debitAccountId ||
          row.credit_account_id !== rec.input.creditAccountId ||
          row.amount_minutes !== rec.input.amountMinutes
        ) {
          lost.push(`${rec.key}: reported as transfer ${rec.transferId}, the ledger has ${JSON.stringify(row, (_, v) => (typeof v === "bigint" ? String(v) : v))}`);
        }
        tally.move(rec.input.debitAccountId, rec.input.creditAccountId, rec.input.amountMinutes);
      } else if (rec.status === "refused" && found.length > 0) {
        phantom.push(`${rec.key}: refused (${rec.code}) but in the ledger as transfer ${found[0]!.id}`);
      } else if (rec.status === "gave_up" && found.length === 1) {
        tally.move(rec.input.debitAccountId, rec.input.creditAccountId, rec.input.amountMinutes);
      }
    }
    const strangeRefusals = refused.filter((x) => x.code !== "below_floor").map((x) => `${x.key}: ${x.code}`);

    // A retry of every reported key returns the original transfer, marked as a replay.
    const badReplays: string[] = [];
    const queue = [...ok];
    await Promise.all(
      clientDbs.map(async (_, i) => {
        for (let rec = queue.pop(); rec; rec = queue.pop()) {
          try {
            const res = await transfer(rec.input, clientDbs[i]!);
            if (!res.replayed || res.transferId !== rec.transferId) {
              badReplays.push(`${rec.key}: replayed=${res.replayed}, transfer ${res.transferId} instead of ${rec.transferId}`);
            }
          } catch (err) {
            badReplays.push(`${rec.key}: ${describeError(err)}`);
          }
        }
      }),
    );

    const tallyProblems = await tally.compare(setup);
    const problems = await ledgerProblems(setup);
    const retries = records.reduce((n, x) => n + x.failedAttempts, 0);
    const recovered = ok.filter((x) => x.replayedOnSuccess).length;

    for (const line of faultLog) console.log(`  ${line}`);
    console.log(
      `fault: ${kills} kills, ${restarts} restarts, ${ok.length} transfers reported ok, ${lost.length} lost, ${doubled.length} doubled` +
        ` [seed ${SEED}; ${CLIENTS} clients, ${records.length} calls: ${refused.length} refused (${JSON.stringify(countBy(refused.map((x) => x.code ?? "?")))}), ` +
        `${gaveUp.length} given up; ${killedBackends} backends terminated; ${retries} failed attempts retried; ` +
        `${answersLost} connections set to lose an answer, ${recovered} successes were replays of an attempt whose answer was lost; ` +
        `${recreated} clients recreated; ` +
        `${ok.length - badReplays.length}/${ok.length} keys replayed correctly; ` +
        `${ok.filter((x) => (x.doneAt ?? 0) > lastFaultAt).length} successes after the last fault]`,
    );
    const errorsSeen = countBy(records.filter((x) => x.lastError).map((x) => x.lastError!.replace(/\d+/g, "#").slice(0, 120)));
    if (Object.keys(errorsSeen).length > 0) console.log(`  transient errors seen (last per call): ${JSON.stringify(errorsSeen, null, 1)}`);

    expect(lost.slice(0, 10)).toEqual([]);
    expect(doubled.slice(0, 10)).toEqual([]);
    expect(phantom.slice(0, 10)).toEqual([]);
    expect(strangeRefusals.slice(0, 10)).toEqual([]);
    expect(badReplays.slice(0, 10)).toEqual([]);
    expect(gaveUp.map((x) => `${x.key}: ${x.lastError}`).slice(0, 10)).toEqual([]);
    expect(tallyProblems.slice(0, 10)).toEqual([]);
    expect(problems).toEqual([]);
    // The faults really happened and really hit the clients.
    expect(kills).toBe(KILLS_AT.length);
    expect(killsHit.every((n) => n > 0), `backends terminated per kill: ${killsHit.join(", ")}`).toBe(true);
    expect(restarts).toBe(OWN_SERVER ? 1 : 0);
    // A lost answer to a call that had committed came back, on retry, as a replay of it.
    expect(answersLost).toBeGreaterThan(0);
    expect(recovered).toBeGreaterThan(0);
    // ...and the clients got going again after the last of them.
    expect(ok.filter((x) => (x.doneAt ?? 0) > lastFaultAt).length).toBeGreaterThan(0);
  });
});

function countBy(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) out[x] = (out[x] ?? 0) + 1;
  return out;
}
