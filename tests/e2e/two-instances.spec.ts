// Two app instances on one PostgreSQL, as a deployment with more than one runs: A is Playwright's
// web server, B a second `next start` of the same build that this file starts on a free port with
// A's environment (the same DATABASE_URL, AUTH_SECRET, SMTP listener, APP_URL and limits). Every
// scenario drives both at once: exchanges confirmed 25 times on each at the same moment, sign-in
// links sent by one and redeemed on the other, rate limits split across both, and the scheduled
// auto-confirmation run by both instances' job workers at the same moment (each made to wait on a
// lock this test holds until both are in a sweep). Exact counts are asserted; the figures (calls
// per instance, successes, transfers) are printed, and no time is asserted.
import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { E2E_DATA_DIR, E2E_SERVER_ENV } from "../../playwright.config";
import { reconcile, trialBalance, verifyChain } from "../../lib/ledger";
import { rateOf } from "../../lib/rate-limit/limits";
import { connectWorld, form, member, offerBy, together, type Outcome, type World } from "../security/harness";
import { exitWithin, tail, type StartedProcess } from "./child-process";
import { BASE, outcomeOfResponse, postAction, sessionCookie, sessionSetBy } from "./http-actions";
import { E2E_DATABASE_URL, linkFrom, mails, waitForMail } from "./support";

const ROOT = path.resolve(import.meta.dirname, "../..");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const START_DEADLINE_MS = 90_000;
const EXIT_DEADLINE_MS = 30_000;
/** The limits as both instances read them: the defaults, or the e2e server's overrides. */
const LIMIT_ENV = { ...process.env, ...E2E_SERVER_ENV };

interface Instance {
  name: "A" | "B";
  base: string;
}

const A: Instance = { name: "A", base: BASE };
let B: Instance;
let instanceB: StartedProcess | undefined;
let world: World;
const figures: Record<string, unknown> = {};

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `next start` of this build with A's environment, as scripts/start.ts hands it to A. */
async function startInstanceB(): Promise<void> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...E2E_SERVER_ENV,
    DATABASE_URL: E2E_DATABASE_URL,
    PORT: String(port),
    APP_ENV: "development",
    // Links in email point at A (APP_URL), as they do for A itself.
    AUTH_URL: E2E_SERVER_ENV.APP_URL,
    AUTH_SECRET: readFileSync(path.resolve(ROOT, E2E_DATA_DIR, "auth-secret"), "utf8").trim(),
    NODE_ENV: "production",
  };
  delete env.NODE_OPTIONS; // the test runner's loaders are not the app's
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { cwd: ROOT, detached: true, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  instanceB = { child, output: () => out };
  B = { name: "B", base: `http://localhost:${port}` };
  const deadline = Date.now() + START_DEADLINE_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Instance B exited (${child.exitCode}):\n${tail(out)}`);
    if (Date.now() > deadline) throw new Error(`Instance B was not serving with its jobs after ${START_DEADLINE_MS / 1000} s:\n${tail(out)}`);
    // Serving, and its job workers are running (lib/server-start.ts says so once they are).
    if (out.includes("[jobs] started") && (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test.beforeAll(async () => {
  world = await connectWorld(E2E_DATABASE_URL, { pool: 8 });
  await startInstanceB();
});

test.afterAll(async () => {
  if (B) await Promise.all([A, B].map((i) => moveClock(i, { reset: true }).catch(() => undefined)));
  if (instanceB) {
    process.kill(-instanceB.child.pid!, "SIGTERM");
    await exitWithin(instanceB, EXIT_DEADLINE_MS, "instance B had not exited, after SIGTERM,");
  }
  console.log(`[two-instances] figures ${JSON.stringify(figures)}`);
  await world?.close();
});

// ---------------------------------------------------------------------------------------------

interface Party {
  id: string;
  email: string;
  name: string;
  cookie: string;
}

/** A fresh active member with 600 minutes; the first word of the name is theirs alone. */
function person(first: string) {
  return member(world, { name: `${first}${randomUUID().slice(0, 6)} Twoinstances` });
}

/** A fresh member with a session made in the database, for calling actions as them. */
async function party(first: string): Promise<Party> {
  const m = await person(first);
  return { ...m, cookie: (await sessionCookie(world.prisma, m.id))! };
}

const EX = "app/exchanges/actions.ts#";
const SIGN_IN = "app/signin/actions.ts#requestSignInLink";

function call(on: Instance, action: string, fields: Record<string, string>, options: { as?: Party; ip?: string } = {}): Promise<Outcome> {
  return postAction(action, form(fields), { base: on.base, cookie: options.as?.cookie, ip: options.ip }).then(outcomeOfResponse);
}

/** The outcome, which must be of this kind. */
function expectKind(outcome: Outcome, kind: Outcome["kind"], what: string): Outcome {
  expect(outcome.kind, `${what}: ${JSON.stringify(outcome)}`).toBe(kind);
  return outcome;
}

/** Proposed through `first`, accepted through `second`, delivered through `first` again. */
async function deliveredExchange(provider: Party, payer: Party, minutes: number, first: Instance, second: Instance): Promise<string> {
  const offer = await offerBy(world, provider.id);
  const proposed = expectKind(
    await call(first, `${EX}proposeExchangeAction`, { listingId: offer.id, hours: "0", mins: String(minutes), requestKey: randomUUID() }, { as: payer }),
    "redirect",
    `propose on ${first.name}`,
  ) as { to: string };
  const id = proposed.to.split("/").pop()!;
  expectKind(await call(second, `${EX}acceptExchangeAction`, { exchangeId: id }, { as: provider }), "ok", `accept on ${second.name}`);
  expectKind(await call(first, `${EX}deliverExchangeAction`, { exchangeId: id, hours: "0", mins: String(minutes) }, { as: provider }), "ok", `deliver on ${first.name}`);
  return id;
}

async function accountOf(memberId: string) {
  const a = await world.prisma.ledgerAccount.findUniqueOrThrow({ where: { memberId }, select: { balanceMinutes: true, heldMinutes: true } });
  return { balance: a.balanceMinutes, held: a.heldMinutes };
}

/** The ledger's own checks over the whole bank: reconciliation, the hash chains, the trial balance. */
async function expectLedgerSound(): Promise<void> {
  expect(await reconcile(world.prisma)).toEqual([]);
  expect(await verifyChain(world.prisma)).toEqual([]);
  expect((await trialBalance(world.prisma)).totalMinutes).toBe(0);
}

/** Each exchange's transfers (exactly one expected), with who paid whom. */
async function transfersOf(exchangeId: string) {
  const r = await world.pg.query<{ amount_minutes: number; debit: string; credit: string; actor_id: string | null }>(
    `SELECT t.amount_minutes, d.member_id AS debit, c.member_id AS credit, t.actor_id FROM ledger_transfers t
       JOIN ledger_accounts d ON d.id = t.debit_account_id JOIN ledger_accounts c ON c.id = t.credit_account_id
      WHERE t.exchange_id = $1`,
    [exchangeId],
  );
  return r.rows;
}

async function moveClock(on: Instance, body: { advanceDays?: number; reset?: boolean }): Promise<{ offsetDays: number; result?: { confirmed: number; reminded: number } }> {
  const res = await fetch(`${on.base}/api/test/clock`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  expect(res.status, `clock on ${on.name}: ${text}`).toBe(200);
  return JSON.parse(text);
}

/** A transaction of the test's own that holds rows until released: what the app's sweeps wait on. */
async function holdRows(sql: string, params: unknown[]): Promise<{ pid: number; release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query(sql, params);
  const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
  let released = false;
  return {
    pid,
    async release() {
      if (released) return;
      released = true;
      await client.query("ROLLBACK");
      await client.end();
    },
  };
}

/**
 * How many database sessions wait, directly or behind another waiter, for a lock session `pid`
 * holds (the second to wait for a row waits behind the first, not for the holder).
 */
async function waitingOn(pid: number): Promise<number> {
  const r = await world.pg.query<{ n: number }>(
    `WITH RECURSIVE waiting(pid) AS (
       SELECT pid FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))
       UNION
       SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY(pg_blocking_pids(a.pid)))
     SELECT count(*)::int AS n FROM waiting`,
    [pid],
  );
  return r.rows[0]!.n;
}

/** `n` calls, alternating A and B, each told its index and instance. */
function split<T>(n: number, make: (on: Instance, i: number) => Promise<T>): (() => Promise<T>)[] {
  return Array.from({ length: n }, (_, i) => () => make(i % 2 === 0 ? A : B, i));
}

/** Per instance: how many calls, and how many of them `counted`. */
function perInstance<T>(results: T[], counted: (r: T) => boolean): Record<"A" | "B", { calls: number; through: number }> {
  const out = { A: { calls: 0, through: 0 }, B: { calls: 0, through: 0 } };
  results.forEach((r, i) => {
    const side = out[i % 2 === 0 ? "A" : "B"];
    side.calls++;
    if (counted(r)) side.through++;
  });
  return out;
}

const isLimited = (o: Outcome) => o.kind === "rule" && o.code === "rate_limited";

// ---------------------------------------------------------------------------------------------

test("exchanges: steps taken through A and B in turn; the payer's 25 confirmations on each at the same moment post exactly one transfer", async () => {
  await expectLedgerSound();
  const pairs = await Promise.all([0, 1].map(async () => ({ provider: await party("Provider"), payer: await party("Payer") })));
  const minutes = [75, 50];
  // Exchange 0: proposed on A, accepted on B, delivered on A; exchange 1 the other way round.
  const ids = await Promise.all(pairs.map((p, i) => deliveredExchange(p.provider, p.payer, minutes[i]!, i === 0 ? A : B, i === 0 ? B : A)));
  for (const [i, p] of pairs.entries()) expect(await accountOf(p.payer.id)).toEqual({ balance: 600, held: minutes[i] });

  const PER_INSTANCE = 25;
  const calls = ids.flatMap((id, i) => split(2 * PER_INSTANCE, (on) => call(on, `${EX}confirmExchangeAction`, { exchangeId: id }, { as: pairs[i]!.payer })));
  const outcomes = await together(calls);

  const results = ids.map((id, i) => {
    const mine = outcomes.slice(i * 2 * PER_INSTANCE, (i + 1) * 2 * PER_INSTANCE);
    const replayed = (o: Outcome) => o.kind === "ok" && (o.data as { replayed: boolean }).replayed;
    return {
      id,
      fresh: mine.filter((o) => o.kind === "ok" && !replayed(o)).length,
      replayed: mine.filter(replayed).length,
      other: mine.filter((o) => o.kind !== "ok").map((o) => JSON.stringify(o)),
      perInstance: perInstance(mine, (o) => o.kind === "ok" && !replayed(o)),
    };
  });
  for (const r of results) expect({ fresh: r.fresh, replayed: r.replayed, other: r.other }).toEqual({ fresh: 1, replayed: 2 * PER_INSTANCE - 1, other: [] });

  const transfers = await Promise.all(ids.map(transfersOf));
  for (const [i, p] of pairs.entries()) {
    expect(transfers[i]).toEqual([{ amount_minutes: minutes[i], debit: p.payer.id, credit: p.provider.id, actor_id: p.payer.id }]);
    expect(await accountOf(p.payer.id)).toEqual({ balance: 600 - minutes[i]!, held: 0 });
    expect(await accountOf(p.provider.id)).toEqual({ balance: 600 + minutes[i]!, held: 0 });
    const events = await world.prisma.exchangeEvent.count({ where: { exchangeId: ids[i], toState: "confirmed" } });
    expect(events).toBe(1);
  }
  await expectLedgerSound();
  figures.exchanges = results.map((r) => ({ confirmCalls: 2 * PER_INSTANCE, fresh: r.fresh, replayed: r.replayed, freshBy: r.perInstance, transfers: 1 }));
  console.log(`[two-instances] exchanges ${JSON.stringify(figures.exchanges)}`);
});

test("sign-ins: a link sent by one instance signs in on the other, the session works on both, and a link signs in once", async () => {
  const people = await Promise.all([0, 1, 2, 3].map(() => person("Signin")));
  const asked = Date.now();
  // Asked for through A and B in turn; each is redeemed on the other instance.
  const requested = await together(split(people.length, (on, i) => call(on, SIGN_IN, { email: people[i]!.email }, { ip: `198.51.100.${40 + i}` })));
  requested.forEach((o, i) => expect(o, `sign-in request ${i}`).toEqual({ kind: "redirect", to: expect.stringContaining("/signin/check-email") }));
  const links = await Promise.all(
    people.map(async (p) => linkFrom(await waitForMail((m) => m.to.includes(p.email) && /sign-in link/i.test(m.subject), { after: asked }), "/api/auth/callback/nodemailer")),
  );
  // The emailed link is A's address (APP_URL); the same path and token, asked of either instance.
  const on = (link: string, inst: Instance) => `${inst.base}${new URL(link).pathname}${new URL(link).search}`;
  const sentBy = (i: number) => (i % 2 === 0 ? A : B);
  const redeemedOn = (i: number) => (i % 2 === 0 ? B : A);
  const redeemed = await Promise.all(links.map((link, i) => fetch(on(link, redeemedOn(i)), { redirect: "manual" })));
  const cookies = redeemed.map((r) => sessionSetBy(r));
  cookies.forEach((c, i) => expect(c, `the link sent by ${sentBy(i).name}, redeemed on ${redeemedOn(i).name}`).toBeDefined());

  const pages = await Promise.all(
    people.flatMap((p, i) =>
      [A, B].map(async (inst) => {
        const res = await fetch(`${inst.base}/dashboard`, { headers: { Cookie: cookies[i]! }, redirect: "manual" });
        return { who: i, on: inst.name, status: res.status, hello: (await res.text()).includes(`Hello, ${p.name.split(" ")[0]}`) };
      }),
    ),
  );
  for (const page of pages) expect(page, JSON.stringify(page)).toMatchObject({ status: 200, hello: true });

  // Each link again, on the instance that sent it: refused, no second session.
  const again = await Promise.all(links.map((link, i) => fetch(on(link, sentBy(i)), { redirect: "manual" })));
  expect(again.map((r) => sessionSetBy(r))).toEqual(people.map(() => undefined));
  for (const p of people) expect(await world.prisma.session.count({ where: { userId: p.id } })).toBe(1);

  // One link raced by 10 requests on A and 10 on B: exactly one session.
  const racer = await person("Racer");
  const raceAsked = Date.now();
  expect(await call(B, SIGN_IN, { email: racer.email }, { ip: "198.51.100.60" })).toMatchObject({ kind: "redirect" });
  const raceLink = linkFrom(await waitForMail((m) => m.to.includes(racer.email), { after: raceAsked }), "/api/auth/callback/nodemailer");
  const race = await Promise.all(split(20, (inst) => fetch(on(raceLink, inst), { redirect: "manual" })).map((f) => f()));
  const raceSessions = perInstance(race, (r) => sessionSetBy(r) !== undefined);
  expect(raceSessions.A.through + raceSessions.B.through).toBe(1);
  expect(await world.prisma.session.count({ where: { userId: racer.id } })).toBe(1);

  figures.signIns = { crossInstanceSignIns: people.length, dashboards: pages.length, reusedLinksRefused: again.length, linkRace: { requests: race.length, sessions: raceSessions } };
  console.log(`[two-instances] sign-ins ${JSON.stringify(figures.signIns)}`);
});

test("rate limits are shared: sign-in emails, proposals and messages split across A and B let exactly one limit through", async () => {
  // Sign-in emails to one address, from many client addresses (the per-client limit is not what is measured).
  const signInLimit = rateOf("signInPerAddress", LIMIT_ENV).count;
  const address = `two-instances-${randomUUID().slice(0, 8)}@nhs.test`;
  const asked = Date.now();
  const signIns = await together(split(4 * signInLimit, (on, i) => call(on, SIGN_IN, { email: address }, { ip: `203.0.113.${100 + i}` })));
  const sent = signIns.filter((o) => o.kind === "redirect").length;
  const refused = signIns.filter(isLimited).length;
  for (let n = 0; n < sent; n++) await waitForMail((m) => m.to.includes(address), { after: asked });
  await new Promise((r) => setTimeout(r, 1500));
  const delivered = mails().filter((m) => m.at >= asked && m.to.includes(address)).length;
  expect({ sent, refused, delivered }).toEqual({ sent: signInLimit, refused: 3 * signInLimit, delivered: signInLimit });

  // Proposals by one member, on one offer.
  const proposalLimit = rateOf("proposals", LIMIT_ENV).count;
  const provider = await party("Offering");
  const proposer = await party("Proposing");
  const offer = await offerBy(world, provider.id);
  const proposals = await together(
    split(proposalLimit + 10, (on) => call(on, `${EX}proposeExchangeAction`, { listingId: offer.id, hours: "0", mins: "15", requestKey: randomUUID() }, { as: proposer })),
  );
  const proposed = proposals.filter((o) => o.kind === "redirect").length;
  const stored = await world.prisma.exchange.count({ where: { proposedById: proposer.id } });
  expect({ proposed, refused: proposals.filter(isLimited).length, stored }).toEqual({ proposed: proposalLimit, refused: 10, stored: proposalLimit });

  // Messages by one member, on one of those exchanges.
  const messageLimit = rateOf("messages", LIMIT_ENV).count;
  const exchange = await world.prisma.exchange.findFirstOrThrow({ where: { proposedById: proposer.id }, select: { id: true } });
  const messages = await together(
    split(messageLimit + 10, (on, i) => call(on, `${EX}sendMessageAction`, { exchangeId: exchange.id, body: `Message ${i} about Tuesday`, requestKey: randomUUID() }, { as: proposer })),
  );
  const messagesSent = messages.filter((o) => o.kind === "ok").length;
  const messagesStored = await world.prisma.message.count({ where: { senderId: proposer.id } });
  expect({ sent: messagesSent, refused: messages.filter(isLimited).length, stored: messagesStored }).toEqual({ sent: messageLimit, refused: 10, stored: messageLimit });

  figures.rateLimits = {
    signInPerAddress: { limit: signInLimit, requests: signIns.length, through: perInstance(signIns, (o) => o.kind === "redirect"), emails: delivered },
    proposals: { limit: proposalLimit, requests: proposals.length, through: perInstance(proposals, (o) => o.kind === "redirect"), stored },
    messages: { limit: messageLimit, requests: messages.length, through: perInstance(messages, (o) => o.kind === "ok"), stored: messagesStored },
  };
  console.log(`[two-instances] rate limits ${JSON.stringify(figures.rateLimits)}`);
});

test("scheduled work runs once: auto-confirmation by both instances' job workers confirms each exchange once and emails each notice once", async () => {
  await Promise.all([A, B].map((i) => moveClock(i, { reset: true })));
  const pairs = await Promise.all([0, 1, 2, 3].map(async () => ({ provider: await party("Helper"), payer: await party("Helped") })));
  // Two exchanges a pair, one started on each instance.
  const made = await Promise.all(
    pairs.flatMap((p, i) =>
      [0, 1].map(async (k) => {
        const minutes = 30 + 15 * ((2 * i + k) % 4);
        const id = await deliveredExchange(p.provider, p.payer, minutes, k === 0 ? A : B, k === 0 ? B : A);
        return { id, minutes, pair: i };
      }),
    ),
  );
  const since = (await world.pg.query<{ t: Date }>("SELECT clock_timestamp() AS t")).rows[0]!.t;

  const memberIds = pairs.flatMap((p) => [p.provider.id, p.payer.id]);
  const exchangeIds = made.map((m) => m.id);

  // Past the 14 auto-confirm days on both instances: A a little less far than B, so the time each
  // confirmation carries says which instance's worker made it. Each clock call queues a sweep and
  // waits for it. While the clocks move, this test holds the exchanges' rows, so those sweeps
  // (which may run on a worker whose clock has not moved yet) pass them by (SKIP LOCKED).
  const A_DAYS = 15;
  const B_DAYS = 15.25;
  let sweepsQueued: ReturnType<typeof moveClock>[] = [];
  let moveSweeps: Awaited<ReturnType<typeof moveClock>>["result"][] = [];
  let waitingAtOnce = 0;
  const exchangesHeld = await holdRows("SELECT id FROM exchanges WHERE id = ANY($1::uuid[]) FOR UPDATE", [exchangeIds]);
  let accountsHeld: Awaited<ReturnType<typeof holdRows>> | undefined;
  try {
    const moved = await Promise.all([moveClock(A, { advanceDays: A_DAYS }), moveClock(B, { advanceDays: B_DAYS })]);
    moveSweeps = moved.map((m) => m.result);
    expect(await world.prisma.exchange.count({ where: { id: { in: exchangeIds }, state: "delivered" } })).toBe(made.length);
    // Then the members' accounts are held instead and the exchanges let go: sweeps queued through
    // both instances each pick one of these exchanges and wait inside its transaction. A worker
    // runs one job at a time, so two sweeps waiting at once are both instances' workers.
    accountsHeld = await holdRows("SELECT id FROM ledger_accounts WHERE member_id = ANY($1::uuid[]) FOR UPDATE", [memberIds]);
    await exchangesHeld.release();
    sweepsQueued = [A, B, A, B].map((i) => moveClock(i, { advanceDays: 0 }));
    await expect.poll(() => waitingOn(accountsHeld!.pid), { timeout: 20_000 }).toBe(2);
    waitingAtOnce = await waitingOn(accountsHeld.pid);
    await accountsHeld.release();
  } finally {
    await exchangesHeld.release();
    await accountsHeld?.release();
  }
  const sweptThrough = await Promise.all(sweepsQueued);
  await expect
    .poll(async () => world.prisma.exchange.count({ where: { id: { in: exchangeIds }, state: "confirmed" } }), { timeout: 90_000 })
    .toBe(made.length);
  // Every sweep queued since has finished (the per-minute schedule adds its own).
  await expect
    .poll(async () => Number((await world.pg.query(`SELECT count(*) FROM pgboss.job WHERE name = 'exchange-sweep' AND state IN ('created', 'retry', 'active')`)).rows[0].count), { timeout: 90_000 })
    .toBe(0);

  const byInstance = { A: 0, B: 0 };
  for (const m of made) {
    const ex = await world.prisma.exchange.findUniqueOrThrow({ where: { id: m.id }, select: { state: true, confirmedAt: true } });
    const p = pairs[m.pair]!;
    expect(await transfersOf(m.id)).toEqual([{ amount_minutes: m.minutes, debit: p.payer.id, credit: p.provider.id, actor_id: null }]);
    expect(await world.prisma.exchangeEvent.count({ where: { exchangeId: m.id, toState: "confirmed" } })).toBe(1);
    const aheadDays = (ex.confirmedAt!.getTime() - Date.now()) / 86_400_000;
    byInstance[aheadDays > (A_DAYS + B_DAYS) / 2 ? "B" : "A"]++;
  }
  // Each of the two sweeps that waited confirmed the exchange it was holding, once let go.
  expect(byInstance.A, JSON.stringify(byInstance)).toBeGreaterThanOrEqual(1);
  expect(byInstance.B, JSON.stringify(byInstance)).toBeGreaterThanOrEqual(1);
  for (const [i, p] of pairs.entries()) {
    const paid = made.filter((m) => m.pair === i).reduce((s, m) => s + m.minutes, 0);
    expect(await accountOf(p.payer.id)).toEqual({ balance: 600 - paid, held: 0 });
    expect(await accountOf(p.provider.id)).toEqual({ balance: 600 + paid, held: 0 });
  }

  // What the sweeps say they did, against what the ledger holds: no sweep counted one twice.
  const sweeps = await world.pg.query<{ state: string; output: { confirmed?: number } | null }>(
    `SELECT state::text, output FROM pgboss.job WHERE name = 'exchange-sweep' AND completed_on >= $1`,
    [since],
  );
  const autoTransfers = Number(
    (await world.pg.query(`SELECT count(*) FROM ledger_transfers WHERE exchange_id IS NOT NULL AND actor_id IS NULL AND created_at >= $1`, [since])).rows[0].count,
  );
  expect(sweeps.rows.filter((s) => s.state !== "completed")).toEqual([]);
  const sweptTotal = sweeps.rows.reduce((s, r) => s + (r.output?.confirmed ?? 0), 0);
  expect(sweptTotal).toBe(autoTransfers);

  // The notices: each notification emailed once, by one outbox, whichever instance ran it.
  await expect.poll(() => world.prisma.notification.count({ where: { memberId: { in: memberIds }, emailPending: true } }), { timeout: 60_000 }).toBe(0);
  await new Promise((r) => setTimeout(r, 1500));
  const notices = await world.prisma.notification.findMany({ where: { memberId: { in: memberIds } }, select: { emailAttempts: true, emailedAt: true } });
  expect(notices.filter((n) => n.emailAttempts !== 1 || n.emailedAt === null)).toEqual([]);
  const addresses = new Set(pairs.flatMap((p) => [p.provider.email, p.payer.email]));
  const received = mails().filter((m) => m.to.some((t) => addresses.has(t)));
  expect(received.length).toBe(notices.length);
  for (const m of made) {
    const p = pairs[m.pair]!;
    const confirmedMail = received.filter((r) => /^Confirmed automatically/.test(r.subject) && r.text.includes(`/exchanges/${m.id}`));
    expect(confirmedMail.map((r) => r.to.join()).sort()).toEqual([p.provider.email, p.payer.email].sort());
  }
  await Promise.all([A, B].map((i) => moveClock(i, { reset: true })));
  await expectLedgerSound();

  figures.scheduled = {
    exchanges: made.length,
    confirmedBy: byInstance,
    transfers: made.length,
    sweepsRun: sweeps.rows.length,
    sweptTotal,
    autoConfirmTransfersSince: autoTransfers,
    sweepsWaitingAtOnce: waitingAtOnce,
    clockMoveSweeps: { A: moveSweeps[0], B: moveSweeps[1] },
    sweepsQueuedThrough: { A: [sweptThrough[0]!.result, sweptThrough[2]!.result], B: [sweptThrough[1]!.result, sweptThrough[3]!.result] },
    notifications: notices.length,
    emails: received.length,
  };
  console.log(`[two-instances] scheduled work ${JSON.stringify(figures.scheduled)}`);
});
