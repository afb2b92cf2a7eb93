// Faults: while 16 clients (each on its own connection) work the ledger like a bank's users do,
// with unique idempotency keys, every backend of the database is terminated several times from a
// separate admin connection, and the PostgreSQL server is restarted once. Each client mixes
// direct transfers (grants, donations), holds that it then posts or voids, and reversals of
// transfers it earlier saw succeed. The clients reach the server through a small TCP proxy that,
// a few times, lets their next call run but throws its answer away and cuts the line (a commit
// the client never hears about). Clients retry a failed call with the SAME key until it succeeds
// or is refused for good (a LedgerError). Afterwards every call reported as done is in the ledger
// exactly once and as asked (transfers, posts and reversals in ledger_transfers, holds in
// ledger_holds, voids and posts in ledger_hold_resolutions), every posted hold has its one
// resolution and its transfer, every reversal its original, nothing refused or abandoned got in
// twice, a retry of a reported key replays the original, the balances and holds equal the
// clients' tally, and the books reconcile and verify.
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
import { hold, LedgerError, postHold, reverse, transfer, voidHold, type LedgerErrorCode } from "../../lib/ledger";
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


type Op = "transfer" | "hold" | "post" | "void" | "reverse";
const OPS: readonly Op[] = ["transfer", "hold", "post", "void", "reverse"];
/** The refusals that are right for each kind of call; any other refusal is a finding. */
const ALLOWED_REFUSALS: Record<Op, readonly LedgerErrorCode[]> = {
  transfer: ["below_floor"],
  hold: ["below_floor"],
  // Only the client that placed a hold resolves it, once; a post releases what it moves.
  post: [],
  void: [],
  // The original's payee may have spent the minutes since. Only its own client reverses it, once.
  reverse: ["below_floor"],
};

interface CallRecord {
  op: Op;
  key: string;
  /** A direct transfer's kind. */
  kind?: "grant" | "donation";
  /**
   * The minutes the call is about: a transfer's or a hold's own; a post's and a void's are its
   * hold's; a reversal's run from the original's payee back to its payer.
   */
  debit: number;
  credit: number;
  amount: number;
  /** The hold a post or a void resolves. */
  hold?: CallRecord;
  /** The transfer or post a reversal reverses. */
  original?: CallRecord;
  status: "pending" | "ok" | "refused" | "gave_up";
  /** The transfer's (transfer, post, reverse) or the hold's (hold, void) id, as reported. */
  id?: bigint;
  /** The success came back as a replay: an earlier attempt had committed but its answer was lost. */
  replayedOnSuccess?: boolean;
  failedAttempts: number;
  /** When the success came back (ms since the workload started). */
  doneAt?: number;
  code?: string;
  lastError?: string;
}

/** The ledger call a record asks for, made with its key: the same every time it is retried. */
async function call(rec: CallRecord, db: PrismaClient): Promise<{ id: bigint; replayed: boolean }> {
  const idempotencyKey = rec.key;
  switch (rec.op) {
    case "transfer": {
      const t = { kind: rec.kind!, debitAccountId: rec.debit, creditAccountId: rec.credit, amountMinutes: rec.amount, idempotencyKey };
      const res = await transfer(t, db);
      return { id: res.transferId, replayed: res.replayed };
    }
    case "hold": {
      const res = await hold({ debitAccountId: rec.debit, creditAccountId: rec.credit, amountMinutes: rec.amount, idempotencyKey }, db);
      return { id: res.holdId, replayed: res.replayed };
    }
    case "post": {
      const res = await postHold({ holdId: rec.hold!.id!, idempotencyKey }, db);
      return { id: res.transferId, replayed: res.replayed };
    }
    case "void": {
      const res = await voidHold({ holdId: rec.hold!.id!, idempotencyKey }, db);
      return { id: res.holdId, replayed: res.replayed };
    }
    case "reverse": {
      const res = await reverse({ transferId: rec.original!.id!, idempotencyKey }, db);
      return { id: res.transferId, replayed: res.replayed };
    }
  }
}

/** What a call that went through did to the books. */
function applyToTally(rec: CallRecord, tally: Tally): void {
  switch (rec.op) {
    case "transfer":
    case "reverse":
      tally.move(rec.debit, rec.credit, rec.amount);
      break;
    case "hold":
      tally.hold(rec.debit, rec.amount);
      break;
    case "post":
      tally.release(rec.debit, rec.amount);
      tally.move(rec.debit, rec.credit, rec.amount);
      break;
    case "void":
      tally.release(rec.debit, rec.amount);
      break;
  }
}

interface TransferRow {
  idempotency_key: string;
  id: bigint;
  kind: string;
  debit_account_id: number;
  credit_account_id: number;
  amount_minutes: number;
  hold_id: bigint | null;
  reverses_transfer_id: bigint | null;
}
interface HoldRow {
  idempotency_key: string;
  id: bigint;
  debit_account_id: number;
  credit_account_id: number;
  amount_minutes: number;
}
interface ResolutionRow {
  idempotency_key: string;
  hold_id: bigint;
  outcome: string;
  transfer_id: bigint | null;
}

function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K | null): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    if (k !== null) out.set(k, [...(out.get(k) ?? []), row]);
  }
  return out;
}

const show = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? String(v) : v));

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
      let n = 0;
      /** This client's transfers and posts reported ok that it has not tried to reverse yet. */
      const reversible: CallRecord[] = [];

      const newCall = (op: Op, fields: Omit<CallRecord, "op" | "key" | "status" | "failedAttempts">): CallRecord => {
        n += 1;
        const rec: CallRecord = { op, key: `fault-c${i}-${n}-${op}`, status: "pending", failedAttempts: 0, ...fields };
        records.push(rec);
        return rec;
      };
      /** Makes the call, retried with the same key until it succeeds or is refused for good. */
      const run = async (rec: CallRecord): Promise<CallRecord> => {
        while (rec.status === "pending") {
          try {
            const res = await call(rec, clientDbs[i]!);
            rec.status = "ok";
            rec.id = res.id;
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
        return rec;
      };

      while (!stopWork) {
        const roll = r();
        if (roll < 0.75 && roll >= 0.35) {
          // An exchange: a hold, then (by the same client) its post or its void.
          const [a, b] = pickTwo(r, accounts);
          const h = await run(newCall("hold", { debit: a, credit: b, amount: randInt(r, 15, 240) }));
          if (h.status !== "ok") continue;
          const outcome: Op = r() < 0.65 ? "post" : "void";
          const res = await run(newCall(outcome, { debit: h.debit, credit: h.credit, amount: h.amount, hold: h }));
          if (res.op === "post" && res.status === "ok") reversible.push(res);
        } else if (roll >= 0.75 && reversible.length > 0) {
          // A reversal of one of this client's own successes, tried once (with retries).
          const [original] = reversible.splice(Math.floor(r() * reversible.length), 1);
          await run(newCall("reverse", { debit: original!.credit, credit: original!.debit, amount: original!.amount, original }));
        } else {
          const [a, b] = pickTwo(r, accounts);
          const grant = r() < 0.25;
          const rec = await run(
            grant
              ? newCall("transfer", { kind: "grant", debit: issuance, credit: b, amount: randInt(r, 30, 120) })
              : newCall("transfer", { kind: "donation", debit: a, credit: b, amount: randInt(r, 10, 400) }),
          );
          if (rec.status === "ok") reversible.push(rec);
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

    // What the ledger holds: this database is the test's own, so everything in it.
    const transferRows = await setup.$queryRaw<TransferRow[]>`
      SELECT idempotency_key, id, kind::text AS kind, debit_account_id, credit_account_id, amount_minutes, hold_id, reverses_transfer_id
        FROM ledger_transfers`;
    const holdRows = await setup.$queryRaw<HoldRow[]>`
      SELECT idempotency_key, id, debit_account_id, credit_account_id, amount_minutes FROM ledger_holds`;
    const resolutionRows = await setup.$queryRaw<ResolutionRow[]>`
      SELECT idempotency_key, hold_id, outcome::text AS outcome, transfer_id FROM ledger_hold_resolutions`;
    const transfersByKey = groupBy(transferRows, (x) => x.idempotency_key);
    const transfersByHold = groupBy(transferRows, (x) => x.hold_id);
    const reversalsOf = groupBy(transferRows, (x) => x.reverses_transfer_id);
    const holdsByKey = groupBy(holdRows, (x) => x.idempotency_key);
    const resolutionsByKey = groupBy(resolutionRows, (x) => x.idempotency_key);
    const resolutionsByHold = groupBy(resolutionRows, (x) => x.hold_id);

    /** The rows a record's key has in its own table. */
    const rowsOf = (rec: CallRecord): unknown[] =>
      (rec.op === "hold" ? holdsByKey : rec.op === "void" ? resolutionsByKey : transfersByKey).get(rec.key) ?? [];

    /** How the ledger differs from what a call reported as done (undefined when it agrees). */
    const mismatch = (rec: CallRecord): string | undefined => {
      const [t] = transfersByKey.get(rec.key) ?? [];
      const [res] = resolutionsByKey.get(rec.key) ?? [];
      const movedAsAsked = (row: TransferRow) =>
        row.id === rec.id && row.debit_account_id === rec.debit && row.credit_account_id === rec.credit && row.amount_minutes === rec.amount;
      switch (rec.op) {
        case "transfer":
          if (!t) return "not in ledger_transfers";
          if (!movedAsAsked(t) || t.kind !== rec.kind || t.hold_id !== null || t.reverses_transfer_id !== null) return `ledger_transfers has ${show(t)}`;
          return undefined;
        case "hold": {
          const [row] = holdsByKey.get(rec.key) ?? [];
          if (!row) return "not in ledger_holds";
          if (row.id !== rec.id || row.debit_account_id !== rec.debit || row.credit_account_id !== rec.credit || row.amount_minutes !== rec.amount) {
            return `ledger_holds has ${show(row)}`;
          }
          return undefined;
        }
        case "post": {
          const holdId = rec.hold!.id!;
          if (!t) return "not in ledger_transfers";
          if (!movedAsAsked(t) || t.kind !== "grant" || t.hold_id !== holdId || t.reverses_transfer_id !== null) return `ledger_transfers has ${show(t)}`;
          if (!res || res.hold_id !== holdId || res.outcome !== "posted" || res.transfer_id !== rec.id) {
            return `its key's resolution is ${show(res ?? null)}, not hold ${holdId} posted as transfer ${rec.id}`;
          }
          const resolutions = resolutionsByHold.get(holdId) ?? [];
          const posts = transfersByHold.get(holdId) ?? [];
          if (resolutions.length !== 1 || posts.length !== 1 || posts[0]!.id !== rec.id) {
            return `hold ${holdId} has resolutions ${show(resolutions)} and transfers ${show(posts.map((x) => x.id))}`;
          }
          return undefined;
        }
        case "void": {
          const holdId = rec.hold!.id!;
          if (rec.id !== holdId) return `the void of hold ${holdId} reported hold ${rec.id}`;
          if (!res) return "not in ledger_hold_resolutions";
          if (res.hold_id !== holdId || res.outcome !== "voided" || res.transfer_id !== null) return `ledger_hold_resolutions has ${show(res)}`;
          const resolutions = resolutionsByHold.get(holdId) ?? [];
          const posts = transfersByHold.get(holdId) ?? [];
          if (resolutions.length !== 1 || posts.length !== 0) {
            return `hold ${holdId} has resolutions ${show(resolutions)} and transfers ${show(posts.map((x) => x.id))}`;
          }
          return undefined;
        }
        case "reverse": {
          const originalId = rec.original!.id!;
          if (!t) return "not in ledger_transfers";
          if (!movedAsAsked(t) || t.kind !== "reversal" || t.reverses_transfer_id !== originalId || t.hold_id !== null) {
            return `ledger_transfers has ${show(t)}, not the reversal of transfer ${originalId}`;
          }
          const reversals = reversalsOf.get(originalId) ?? [];
          if (reversals.length !== 1) return `transfer ${originalId} has reversals ${show(reversals.map((x) => x.id))}`;
          return undefined;
        }
      }
    };

    const ok = records.filter((x) => x.status === "ok");
    const refused = records.filter((x) => x.status === "refused");
    const gaveUp = records.filter((x) => x.status === "gave_up");
    const lost: string[] = [];
    const doubled: string[] = [];
    const phantom: string[] = [];
    for (const rec of records) {
      const found = rowsOf(rec);
      if (found.length > 1) doubled.push(`${rec.key} (${rec.op}): ${found.length} rows`);
      // A post's key is also its resolution's.
      const resolutions = rec.op === "post" ? (resolutionsByKey.get(rec.key) ?? []) : [];
      if (resolutions.length > 1) doubled.push(`${rec.key} (post): ${resolutions.length} resolutions`);
      if (rec.status === "ok") {
        const problem = mismatch(rec);
        if (problem) lost.push(`${rec.key}: reported as ${rec.op} ${rec.id}, but ${problem}`);
        applyToTally(rec, tally);
      } else if (rec.status === "refused" && found.length + resolutions.length > 0) {
        phantom.push(`${rec.key}: refused (${rec.code}) but in the ledger: ${show([...found, ...resolutions])}`);
      } else if (rec.status === "gave_up" && found.length === 1) {
        applyToTally(rec, tally);
      }
    }
    const strangeRefusals = refused
      .filter((x) => !ALLOWED_REFUSALS[x.op].includes(x.code as LedgerErrorCode))
      .map((x) => `${x.key} (${x.op}): ${x.code}`);

    // A retry of every reported key returns the original transfer or hold, marked as a replay.
    const badReplays: string[] = [];
    const queue = [...ok];
    await Promise.all(
      clientDbs.map(async (_, i) => {
        for (let rec = queue.pop(); rec; rec = queue.pop()) {
          try {
            const res = await call(rec, clientDbs[i]!);
            if (!res.replayed || res.id !== rec.id) {
              badReplays.push(`${rec.key} (${rec.op}): replayed=${res.replayed}, id ${res.id} instead of ${rec.id}`);
            }
          } catch (err) {
            badReplays.push(`${rec.key} (${rec.op}): ${describeError(err)}`);
          }
        }
      }),
    );

    const tallyProblems = await tally.compare(setup);
    const problems = await ledgerProblems(setup);
    const retries = records.reduce((n, x) => n + x.failedAttempts, 0);
    const recovered = ok.filter((x) => x.replayedOnSuccess);
    const okByOp = countBy(ok.map((x) => x.op));
    const callsByOp = countBy(records.map((x) => x.op));

    for (const line of faultLog) console.log(`  ${line}`);
    console.log(
      `fault: ${kills} kills, ${restarts} restarts, ${ok.length} transfers reported ok, ${lost.length} lost, ${doubled.length} doubled` +
        ` (ok by kind: ${OPS.map((op) => `${okByOp[op] ?? 0} ${op}`).join(", ")})` +
        ` [seed ${SEED}; ${CLIENTS} clients, ${records.length} calls (${OPS.map((op) => `${callsByOp[op] ?? 0} ${op}`).join(", ")}): ` +
        `${refused.length} refused (${JSON.stringify(countBy(refused.map((x) => `${x.op} ${x.code ?? "?"}`)))}), ` +
        `${gaveUp.length} given up; ${killedBackends} backends terminated; ${retries} failed attempts retried; ` +
        `${answersLost} connections set to lose an answer, ${recovered.length} successes were replays of an attempt whose answer was lost ` +
        `(${JSON.stringify(countBy(recovered.map((x) => x.op)))}); ` +
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
    // Every kind of call really went through.
    for (const op of OPS) expect(okByOp[op] ?? 0, `${op} calls reported ok`).toBeGreaterThan(0);
    // The faults really happened and really hit the clients.
    expect(kills).toBe(KILLS_AT.length);
    expect(killsHit.every((n) => n > 0), `backends terminated per kill: ${killsHit.join(", ")}`).toBe(true);
    expect(restarts).toBe(OWN_SERVER ? 1 : 0);
    // A lost answer to a call that had committed came back, on retry, as a replay of it.
    expect(answersLost).toBeGreaterThan(0);
    expect(recovered.length).toBeGreaterThan(0);
    // ...and the clients got going again after the last of them.
    expect(ok.filter((x) => (x.doneAt ?? 0) > lastFaultAt).length).toBeGreaterThan(0);
  });
});

function countBy(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) out[x] = (out[x] ?? 0) + 1;
  return out;
}
