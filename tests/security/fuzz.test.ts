// Property-based fuzzing of every server action's input (and the route handlers that read a query
// string or a path segment): fast-check draws adversarial forms from tests/security/fuzz-models.ts
// and each is sent to the real action on a real database. Every call must:
// - return an answer (never throw, other than Next's redirect), never "internal";
// - show no internals (stack traces, Prisma or SQL text) in its message or any field error;
// - change nothing when it refuses (every table but the audit log and rate-limit counters);
// - leave Object.prototype and the other built-in prototypes untouched (no prototype pollution);
// - on success, leave the caller's role as it was (no mass assignment through extra keys).
// Admin-only actions are called as an active admin (as anyone else they stop at the caller check,
// which tests/security/matrix.test.ts covers), the rest as the active member the form is about.
//
// "Changed nothing" is checked on every call with a row-level change log (a trigger on every table
// the fingerprint covers appends to fuzz.changes whenever a row is inserted, deleted or updated to
// different contents, and only committed rows count), so a check costs one index lookup however
// large the database grows; a sample of calls (every FINGERPRINT_EVERY-th, while that costs under
// FINGERPRINT_SHARE of the time) is also fingerprinted before and after with harness.fingerprint,
// which must agree with the change log.
//
// Runs per action: TIMEBANK_FUZZ_RUNS (100 by default; the benchmark run sets 10000), split into
// `it`s of at most TIMEBANK_FUZZ_CHUNK runs; per route at most TIMEBANK_FUZZ_ROUTE_RUNS (1000).
// TIMEBANK_FUZZ_SEED fixes the seed; TIMEBANK_FUZZ_ONLY (comma-separated parts of matrix ids) runs
// only some actions and routes. Figures: .test-reports/security/fuzz.json (recordSummary).
import { randomUUID } from "node:crypto";
import { systemAccountId, transfer } from "../../lib/ledger";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCaller } from "./caller";
import {
  callAction,
  exchangeAt,
  fingerprint,
  form,
  looksLikeInternals,
  member,
  offerBy,
  RECORD_TABLES,
  type ActionFn,
  type Outcome,
  type RouteFn,
  type World,
} from "./harness";
import type { TestMember } from "../helpers/members";
import { MATRIX, type ActionEntry, type RouteEntry } from "./matrix";
import {
  ACTION_MODELS,
  applyTweak,
  inputArbitrary,
  isBig,
  isRef,
  ROUTE_MODELS,
  routeArbitrary,
  type Entry,
  type FuzzInput,
  type RefName,
  type RouteInput,
  type Val,
  wellFormed,
} from "./fuzz-models";
import { recordSummary } from "./summary";
import { useWorld } from "./use-world";

const RUNS = Number(process.env.TIMEBANK_FUZZ_RUNS ?? 100);
/**
 * Runs per route: each export reads every row (and is itself audited), so a call costs more as the
 * tables grow; the routes take no amounts and write nothing, and a thousand runs cover their inputs.
 */
const ROUTE_RUNS = Math.min(RUNS, Number(process.env.TIMEBANK_FUZZ_ROUTE_RUNS ?? 1000));
const CHUNK = Number(process.env.TIMEBANK_FUZZ_CHUNK ?? 2500);
const SEED = process.env.TIMEBANK_FUZZ_SEED ? Number(process.env.TIMEBANK_FUZZ_SEED) : undefined;
const ONLY = (process.env.TIMEBANK_FUZZ_ONLY ?? "").split(",").map((s) => s.trim()).filter(Boolean);
/**
 * Every this many calls, the full fingerprint is taken before and after as well, while that has
 * taken at most FINGERPRINT_SHARE of the time so far (it hashes every row: it slows as tables grow).
 */
const FINGERPRINT_EVERY = 97;
const FINGERPRINT_SHARE = 0.05;
/** How many valid forms are made at once for an action whose success uses its form up. */
const SETUP_BATCH = Number(process.env.TIMEBANK_FUZZ_SETUP_BATCH ?? 6);
/**
 * The party's starting balance: enough for any one run of any action, and small enough that the
 * issuance account (an integer column of minutes) does not overflow over the thousands of parties
 * a 10,000-run bench makes.
 */
const PARTY_BALANCE_MINUTES = 100_000;
/** How many violations the summary keeps (each with its counterexample). */
const MAX_VIOLATIONS_KEPT = 20;
const BASE = "http://localhost:3000";

const world = await useWorld();
const selected = (id: string) => ONLY.length === 0 || ONLY.some((part) => id.includes(part));

// ---------------------------------------------------------------------------------------------
// The change log

async function installChangeLog(w: World): Promise<string[]> {
  const tables = (
    await w.pg.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows
    .map((r) => r.table_name)
    .filter((t) => !RECORD_TABLES.has(t));
  await w.pg.query(`
    CREATE SCHEMA fuzz;
    CREATE TABLE fuzz.changes (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL);
    CREATE FUNCTION fuzz.log_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- The fingerprint hashes each row as text: an update to the same text is no change.
      IF TG_OP = 'UPDATE' AND OLD::text IS NOT DISTINCT FROM NEW::text THEN RETURN NULL; END IF;
      INSERT INTO fuzz.changes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
      RETURN NULL;
    END $$;`);
  for (const t of tables) {
    await w.pg.query(`
      CREATE TRIGGER fuzz_change_log AFTER INSERT OR UPDATE OR DELETE ON public."${t}" FOR EACH ROW EXECUTE FUNCTION fuzz.log_change();
      CREATE TRIGGER fuzz_change_log_truncate AFTER TRUNCATE ON public."${t}" FOR EACH STATEMENT EXECUTE FUNCTION fuzz.log_change();`);
  }
  return tables;
}

/** The last committed change's number. */
async function changeMark(): Promise<string> {
  const r = await world.pg.query<{ m: string }>(`SELECT coalesce(max(id), 0)::text AS m FROM fuzz.changes`);
  return r.rows[0]!.m;
}

async function changesSince(mark: string): Promise<string[]> {
  const r = await world.pg.query<{ tbl: string; op: string; n: string }>(
    `SELECT tbl, op, count(*)::text AS n FROM fuzz.changes WHERE id > $1::bigint GROUP BY tbl, op ORDER BY tbl, op`,
    [mark],
  );
  return r.rows.map((row) => `${row.op} ${row.tbl} ×${row.n}`);
}

// ---------------------------------------------------------------------------------------------
// Prototype pollution

const PROTOTYPES: [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
  ["Number.prototype", Number.prototype],
  ["Promise.prototype", Promise.prototype],
  ["FormData.prototype", FormData.prototype],
];
type ProtoSnapshot = Map<PropertyKey, PropertyDescriptor>[];

function protoSnapshot(): ProtoSnapshot {
  return PROTOTYPES.map(([, p]) => new Map(Reflect.ownKeys(p).map((k) => [k, Object.getOwnPropertyDescriptor(p, k)!])));
}

const sameDescriptor = (a: PropertyDescriptor, b: PropertyDescriptor) =>
  a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;

/** What changed on the built-in prototypes since `snapshot`; restores them so later runs start clean. */
function protoChanges(snapshot: ProtoSnapshot): string[] {
  const changes: string[] = [];
  PROTOTYPES.forEach(([name, proto], i) => {
    const before = snapshot[i]!;
    for (const key of Reflect.ownKeys(proto)) {
      const now = Object.getOwnPropertyDescriptor(proto, key)!;
      const was = before.get(key);
      if (!was) {
        changes.push(`${name}.${String(key)} was added`);
        Reflect.deleteProperty(proto, key);
      } else if (!sameDescriptor(was, now)) {
        changes.push(`${name}.${String(key)} was changed`);
        Object.defineProperty(proto, key, was);
      }
    }
    for (const [key, was] of before) {
      if (!Object.prototype.hasOwnProperty.call(proto, key)) {
        changes.push(`${name}.${String(key)} was deleted`);
        Object.defineProperty(proto, key, was);
      }
    }
  });
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || probe.isAdmin !== undefined || probe.role !== undefined) changes.push("({}) has inherited properties");
  return changes;
}

const PRISTINE = protoSnapshot();

// ---------------------------------------------------------------------------------------------
// The ids others own, prepared once

type Ids = Partial<Record<RefName, string[]>>;

let others: Ids = {};
async function prepareOthers(): Promise<Ids> {
  const otherMember = await member(world);
  const otherPayer = await member(world, { balanceMinutes: PARTY_BALANCE_MINUTES });
  const pending = await member(world, { status: "pending", balanceMinutes: 0 });
  const suspended = await member(world, { status: "suspended" });
  const admin = await member(world, { role: "admin" });
  const listing = await offerBy(world, otherMember.id);
  const request = await offerBy(world, otherPayer.id, "request");
  const exchange = async (stage: Parameters<typeof exchangeAt>[1]) => exchangeAt(world, stage, otherMember, otherPayer);
  const notification = await world.prisma.notification.create({
    data: { memberId: otherMember.id, kind: "exchange.proposed", title: "A proposal", body: "Someone proposed an exchange." },
  });
  const transfers = await world.prisma.ledgerTransfer.findMany({ where: { creditAccountId: { in: [otherMember.accountId, otherPayer.accountId] } }, select: { id: true } });
  return {
    "other.member": [otherMember.id, otherPayer.id],
    "other.pending": [pending.id],
    "other.suspended": [suspended.id],
    "other.admin": [admin.id],
    "other.listing": [listing.id, request.id],
    "other.exchange.proposed": [await exchange("proposed")],
    "other.exchange.accepted": [await exchange("accepted")],
    "other.exchange.delivered": [await exchange("delivered")],
    "other.exchange.confirmed": [await exchange("confirmed")],
    "other.exchange.disputed": [await exchange("disputed")],
    "other.notification": [notification.id],
    "other.transfer": transfers.map((t) => String(t.id)),
    "other.account": [String(otherMember.accountId), String(otherPayer.accountId)],
    skill: [world.skillId],
    region: [world.regionId],
  };
}

/**
 * Things of the party's own: a listing, an exchange in each state, a notification, a transfer.
 * `settled`: no exchange waiting for confirmation or disputed (such a member can close their account).
 */
async function prepareOwn(party: TestMember, settled = false): Promise<Ids> {
  // Counterparts of its own: the shared others may have been suspended by an admin action's fuzzing.
  const provider = await member(world);
  const payer = await member(world, { balanceMinutes: PARTY_BALANCE_MINUTES });
  const listing = await offerBy(world, party.id);
  const asProvider = async (stage: Parameters<typeof exchangeAt>[1]) => exchangeAt(world, stage, party, payer);
  const asPayer = async (stage: Parameters<typeof exchangeAt>[1]) => exchangeAt(world, stage, provider, party);
  const notification = await world.prisma.notification.create({
    data: { memberId: party.id, kind: "exchange.proposed", title: "A proposal", body: "Someone proposed an exchange." },
  });
  const grant = await world.prisma.ledgerTransfer.findFirst({ where: { creditAccountId: party.accountId }, select: { id: true } });
  return {
    "own.listing": [listing.id],
    "own.exchange.proposed": [await asProvider("proposed")],
    "own.exchange.accepted": [await asProvider("accepted")],
    "own.exchange.delivered": settled ? [] : [await asPayer("delivered")],
    "own.exchange.confirmed": [await asPayer("confirmed")],
    "own.exchange.disputed": settled ? [] : [await asPayer("disputed")],
    "own.notification": [notification.id],
    "own.transfer": grant ? [String(grant.id)] : [],
    "own.account": [String(party.accountId)],
  };
}

// ---------------------------------------------------------------------------------------------
// Per-action state, made once per action (not per run)

interface Stats {
  calls: number;
  validInputs: number;
  outcomes: Record<string, number>;
  ruleCodes: Record<string, number>;
  setups: number;
  fingerprinted: number;
  /** Time in the action itself, in making valid forms, in full fingerprints, and in all (ms). */
  ms: number;
  setupMs: number;
  fingerprintMs: number;
  wallMs: number;
}

const newStats = (): Stats => ({ calls: 0, validInputs: 0, outcomes: {}, ruleCodes: {}, setups: 0, fingerprinted: 0, ms: 0, setupMs: 0, fingerprintMs: 0, wallMs: 0 });

interface Subject {
  id: string;
  caller: "party" | "admin";
  /** A success leaves the valid form valid. */
  keepsSetup: boolean;
  /** Each valid form is about a new member (an admin action that uses its member up). */
  freshParty: boolean;
  callerId: string;
  callerRole: string;
  /** The active member the action is about (the caller, unless the caller is an admin). */
  party: TestMember;
  own: Ids;
  /** The current valid form and the member it is about; null once a success may have used it up. */
  setup: Setup | null;
  /** Valid forms made ahead, in batches (made in parallel: a form's making takes up to five domain calls). */
  queue: Setup[];
  makeSetup: (party: TestMember) => Promise<Map<string, string[]>>;
  stats: Stats;
}

interface Setup {
  party: TestMember;
  fields: Map<string, string[]>;
}

const stats = new Map<string, Stats>();
const violations: string[] = [];
let totalCalls = 0;
let fingerprintMsTotal = 0;
const fuzzStarted = performance.now();
const sampleFingerprint = () => totalCalls % FINGERPRINT_EVERY === 0 && fingerprintMsTotal <= FINGERPRINT_SHARE * (performance.now() - fuzzStarted);
/** The change log's mark after the last call; null when test code has written since. */
let lastMark: string | null = null;

function formFields(fd: FormData): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of fd.entries()) out.set(key, [...(out.get(key) ?? []), typeof value === "string" ? value : value.name]);
  return out;
}

async function newParty(): Promise<TestMember> {
  return member(world, { balanceMinutes: PARTY_BALANCE_MINUTES });
}

interface SubjectOptions {
  caller: "party" | "admin";
  keepsSetup?: boolean;
  settledParty?: boolean;
  freshParty?: boolean;
}

async function subjectFor(id: string, { caller, keepsSetup = false, settledParty = false, freshParty = false }: SubjectOptions, makeSetup: Subject["makeSetup"]): Promise<Subject> {
  lastMark = null;
  const party = await newParty();
  const callerId = caller === "admin" ? (await member(world, { role: "admin" })).id : party.id;
  const s = newStats();
  stats.set(id, s);
  const own = await prepareOwn(party, settledParty);
  return { id, caller, keepsSetup, freshParty, callerId, callerRole: caller === "admin" ? "admin" : "member", party, own, setup: null, queue: [], makeSetup, stats: s };
}

/** The values a token stands for (a "setup" token: every value the valid form has for that key). */
function resolve(subject: Subject, key: string, v: Val): string[] {
  if (typeof v === "string") return [v];
  if (isBig(v)) return [v.repeat.repeat(Math.ceil(v.times / v.repeat.length))];
  if (v.ref === "setup") {
    // A valid form's one-time key is used once: each valid use gets a new one.
    const fields = subject.setup?.fields;
    const values = key === "requestKey" && fields?.has(key) ? [randomUUID()] : (fields?.get(key) ?? []);
    return values.map((x) => applyTweak(x, v.tweak));
  }
  const values =
    v.ref === "self" ? [subject.callerId] : v.ref === "party" ? [(subject.setup?.party ?? subject.party).id] : (subject.own[v.ref] ?? others[v.ref] ?? []);
  if (values.length === 0) return [];
  return [applyTweak(values[v.i % values.length]!, v.tweak)];
}

async function ensureSetup(subject: Subject, entries: Entry[]): Promise<boolean> {
  const uses = entries.some(([, v]) => isRef(v) && v.ref === "setup");
  if (uses && !subject.setup) {
    if (subject.queue.length === 0) {
      // Forgotten before the writes, not after: a making that throws must not leave its rows to be
      // blamed on the next call.
      lastMark = null;
      const started = performance.now();
      const batch = subject.keepsSetup ? 1 : SETUP_BATCH;
      // Settled, not Promise.all: a form still being made must not write during the next call.
      const made = await Promise.allSettled(
        Array.from({ length: batch }, async () => {
          const party = subject.freshParty ? await member(world) : subject.party;
          return { party, fields: await subject.makeSetup(party) };
        }),
      );
      subject.queue = made.flatMap((m) => (m.status === "fulfilled" ? [m.value] : []));
      subject.stats.setups += subject.queue.length;
      subject.stats.setupMs += performance.now() - started;
      const failed = made.find((m): m is PromiseRejectedResult => m.status === "rejected");
      if (failed) throw new Error(`making a valid form failed (the test's own setup, not the action): ${String(failed.reason)}`);
    }
    subject.setup = subject.queue.shift()!;
  }
  return uses;
}

/** After a success: the caller's role is as it was; a caller no longer active is replaced. */
async function afterSuccess(subject: Subject): Promise<string[]> {
  const problems: string[] = [];
  const row = await world.prisma.user.findUnique({ where: { id: subject.callerId }, select: { role: true, status: true } });
  if (row && row.role !== subject.callerRole) problems.push(`the caller's role became ${row.role}`);
  if (!row || row.status !== "active") {
    // Forgotten before the writes: if making the new caller throws (it once did, when grants took
    // the issuance account past PostgreSQL's integer range), its half-made member must be reported
    // with that error, not as a change made by the next call.
    lastMark = null;
    if (subject.caller === "admin") subject.callerId = (await member(world, { role: "admin" })).id;
    else {
      subject.party = await newParty();
      subject.callerId = subject.party.id;
      subject.setup = null;
      subject.queue = [];
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// One call and its checks

function shownTexts(outcome: Outcome): string[] {
  const texts: string[] = [];
  if ("message" in outcome && outcome.message) texts.push(outcome.message);
  if (outcome.kind === "invalid" && outcome.fieldErrors) {
    for (const [field, messages] of Object.entries(outcome.fieldErrors)) {
      texts.push(field);
      for (const m of messages) texts.push(typeof m === "string" ? m : JSON.stringify(m));
    }
  }
  return texts;
}

const REJECTED = new Set(["invalid", "refused", "rule"]);

/** The problems with one answer (empty when it is as it must be). */
function outcomeProblems(outcome: Outcome): string[] {
  const problems: string[] = [];
  if (outcome.kind === "internal") problems.push(`internal error: ${outcome.message}`);
  if (outcome.kind === "threw") problems.push(`threw: ${outcome.error.slice(0, 300)}`);
  for (const t of shownTexts(outcome)) if (looksLikeInternals(t)) problems.push(`shows internals: ${t.slice(0, 300)}`);
  return problems;
}

/**
 * Calls `perform` and checks its answer, the database and the prototypes. Returns the problems
 * (the property fails on any).
 */
async function checkedCall(subject: Subject, withFingerprint: boolean, perform: () => Promise<Outcome>): Promise<{ outcome: Outcome; problems: string[] }> {
  const mark = lastMark ?? (await changeMark());
  const fingerprintStarted = performance.now();
  const before = withFingerprint ? await fingerprint(world) : null;
  const started = performance.now();
  const fingerprintBefore = started - fingerprintStarted;
  const outcome = await perform();
  subject.stats.ms += performance.now() - started;
  subject.stats.calls++;
  totalCalls++;
  subject.stats.outcomes[outcome.kind] = (subject.stats.outcomes[outcome.kind] ?? 0) + 1;
  if (outcome.kind === "rule" || outcome.kind === "refused") subject.stats.ruleCodes[outcome.code] = (subject.stats.ruleCodes[outcome.code] ?? 0) + 1;
  const problems = outcomeProblems(outcome);
  const rejected = REJECTED.has(outcome.kind) || outcome.kind === "internal" || outcome.kind === "threw";
  const after = await changeMark();
  lastMark = after;
  if (rejected && after !== mark) problems.push(`refused (${outcome.kind}) but changed: ${(await changesSince(mark)).join(", ")}`);
  if (before) {
    const fingerprintAfterStarted = performance.now();
    subject.stats.fingerprinted++;
    const now = await fingerprint(world);
    const ms = fingerprintBefore + performance.now() - fingerprintAfterStarted;
    subject.stats.fingerprintMs += ms;
    fingerprintMsTotal += ms;
    const changed = Object.keys(before).filter((t) => before[t] !== now[t]);
    if (rejected && changed.length > 0) problems.push(`refused (${outcome.kind}) but the fingerprint changed: ${changed.join(", ")}`);
    if (after === mark && changed.length > 0) problems.push(`the change log missed a change to ${changed.join(", ")}`);
  }
  problems.push(...protoChanges(PRISTINE).map((c) => `prototype pollution: ${c}`));
  return { outcome, problems };
}

/** Keeps a failed property's report (counterexample, seed, error) without the test's own stack lines. */
function record(id: string, report: string): void {
  const text = report
    .split("\n")
    .filter((line) => !/^\s+at /.test(line))
    .join("\n");
  if (violations.length < MAX_VIOLATIONS_KEPT) violations.push(`${id}: ${text.slice(0, 3000)}`);
}

/** Runs a property, records its counterexample as a violation and fails the test with fast-check's report. */
async function assertProperty<T>(subject: Subject, property: fc.IAsyncPropertyWithHooks<[T]>, numRuns: number, examples: T[] = []): Promise<void> {
  const started = performance.now();
  const details = await fc.check(property, { numRuns, seed: SEED, includeErrorInReport: true, examples: examples.map((e): [T] => [e]) });
  subject.stats.wallMs += performance.now() - started;
  const id = subject.id;
  if (details.failed) {
    const report = (await fc.asyncDefaultReportMessage(details)) ?? "failed";
    record(id, report);
    throw new Error(report);
  }
}

function chunks(runs: number): number[] {
  const out: number[] = [];
  for (let left = runs; left > 0; left -= CHUNK) out.push(Math.min(CHUNK, left));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Actions

async function callWith(subject: Subject, fn: ActionFn, input: FuzzInput): Promise<void> {
  const usesSetup = await ensureSetup(subject, input.entries);
  if (input.mode === "valid") subject.stats.validInputs++;
  const fd = new FormData();
  for (const [key, v] of input.entries) for (const value of resolve(subject, key, v)) fd.append(key, value);
  const { outcome, problems } = await checkedCall(subject, sampleFingerprint(), () => callAction(fn, subject.callerId, fd));
  if (outcome.kind === "ok" || outcome.kind === "redirect") {
    if (usesSetup && !subject.keepsSetup) subject.setup = null;
    problems.push(...(await afterSuccess(subject)));
  }
  if (problems.length > 0) throw new Error(`${problems.join("\n")}\noutcome: ${JSON.stringify(outcome).slice(0, 500)}`);
}

const EX = "app/exchanges/actions.ts";

/**
 * The exchange steps' valid forms as tests/security/matrix.ts makes them, but with one counterpart
 * per action instead of a new member per form: half the time a form takes, and these are made
 * after every success. (The first test checks that they have the matrix forms' fields.)
 */
const QUICK_SETUPS: Record<string, (party: TestMember, counterpart: TestMember) => Promise<FormData>> = {
  [`${EX}#acceptExchangeAction`]: async (party, other) => form({ exchangeId: await exchangeAt(world, "proposed", party, other) }),
  [`${EX}#declineExchangeAction`]: async (party, other) => form({ exchangeId: await exchangeAt(world, "proposed", party, other), reason: "Not this month" }),
  [`${EX}#cancelExchangeAction`]: async (party, other) => form({ exchangeId: await exchangeAt(world, "proposed", party, other) }),
  [`${EX}#deliverExchangeAction`]: async (party, other) => form({ exchangeId: await exchangeAt(world, "accepted", party, other), hours: "1", mins: "0" }),
  [`${EX}#confirmExchangeAction`]: async (party, other) => form({ exchangeId: await exchangeAt(world, "delivered", other, party) }),
  [`${EX}#disputeExchangeAction`]: async (party, other) =>
    form({ exchangeId: await exchangeAt(world, "delivered", other, party), reason: "We never met for the session." }),
  [`${EX}#thankExchangeAction`]: async (party, other) =>
    form({ exchangeId: await exchangeAt(world, "confirmed", other, party), thanks: "Thank you, that helped." }),
  "app/admin/disputes/actions.ts#resolveDisputeAction": async (party, other) =>
    form({ exchangeId: await exchangeAt(world, "disputed", other, party), outcome: "void", note: "Neither of you could confirm the session." }),
};

/** Below this many minutes available, a member that valid forms are made for is given more. */
const TOP_UP_BELOW = 10_000;

/**
 * Gives the member another PARTY_BALANCE_MINUTES from the issuance account when they are running
 * low: at 10,000 runs an action makes thousands of valid forms, and each exchange in them holds or
 * moves the payer's hours (the first full bench ran the counterparts dry after about 1,700 forms).
 */
async function topUp(m: TestMember): Promise<void> {
  const a = await world.prisma.ledgerAccount.findUnique({ where: { memberId: m.id }, select: { id: true, balanceMinutes: true, heldMinutes: true, floorMinutes: true } });
  if (!a || a.balanceMinutes - a.heldMinutes - (a.floorMinutes ?? 0) >= TOP_UP_BELOW) return;
  const issuance = await systemAccountId("issuance", world.prisma);
  await transfer({ kind: "grant", debitAccountId: issuance, creditAccountId: a.id, amountMinutes: PARTY_BALANCE_MINUTES, idempotencyKey: `fuzz-top-up:${randomUUID()}` }, world.prisma);
}

/** How an action's valid forms are made: quickly, or as the matrix makes them. */
async function setupMaker(entry: ActionEntry): Promise<Subject["makeSetup"]> {
  const quick = QUICK_SETUPS[entry.id];
  if (!quick) {
    return async (party) => {
      await topUp(party);
      return formFields(await entry.setup(world, party));
    };
  }
  const counterpart = await member(world, { balanceMinutes: PARTY_BALANCE_MINUTES });
  return async (party) => {
    await Promise.all([topUp(party), topUp(counterpart)]);
    return formFields(await quick(party, counterpart));
  };
}

const actionEntries = MATRIX.filter((e): e is ActionEntry => e.kind === "action");
const routeEntries = MATRIX.filter((e): e is RouteEntry => e.kind === "route" && e.id in ROUTE_MODELS);

/**
 * The per-member limits (proposals, messages, exports, sign-in links) raised to one a millisecond
 * while this file runs: thousands of valid inputs per action are the point here, and the test's
 * own setup proposes hundreds of exchanges; tests/security/rate-limits.test.ts tests the limits.
 */
const RAISED_LIMITS = ["PROPOSALS", "MESSAGES", "ADMIN_EXPORTS", "SIGN_IN_PER_ADDRESS", "SIGN_IN_PER_CLIENT"].map((n) => `TIMEBANK_RATE_LIMIT_${n}`);
const savedLimits = RAISED_LIMITS.map((name) => [name, process.env[name]] as const);

beforeAll(async () => {
  for (const name of RAISED_LIMITS) process.env[name] = "1000000/1000s";
  await installChangeLog(world);
  others = await prepareOthers();
});

afterAll(() => {
  for (const [name, value] of savedLimits) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("every action and fuzzed route has an input model", () => {
  it("models every server action in the matrix, and nothing else", () => {
    expect(Object.keys(ACTION_MODELS).sort()).toEqual(actionEntries.map((e) => e.id).sort());
    for (const id of Object.keys(ROUTE_MODELS)) expect(MATRIX.some((e) => e.kind === "route" && e.id === id), id).toBe(true);
  });

  it("makes the exchange steps' valid forms with the matrix forms' fields", async () => {
    const party = await member(world, { balanceMinutes: PARTY_BALANCE_MINUTES });
    const counterpart = await member(world, { balanceMinutes: PARTY_BALANCE_MINUTES });
    for (const [id, quick] of Object.entries(QUICK_SETUPS)) {
      const entry = actionEntries.find((e) => e.id === id);
      expect(entry, id).toBeDefined();
      const keys = (fd: FormData) => [...new Set(fd.keys())].sort();
      expect(keys(await quick(party, counterpart)), id).toEqual(keys(await entry!.setup(world, party)));
    }
    lastMark = null;
  });
});

// ---------------------------------------------------------------------------------------------
// Routes (reads: nothing may change, whatever the answer)

async function callRouteFuzz(handler: RouteFn, callerId: string, url: string, params: Record<string, string>): Promise<Outcome> {
  try {
    const response = await asCaller(callerId, () => handler(new Request(url), { params: Promise.resolve(params) }));
    const body = await response.text();
    if (response.status >= 200 && response.status < 300) return { kind: "ok", data: body.length };
    if (response.status >= 400 && response.status < 500) {
      let message = body.slice(0, 2000);
      try {
        message = JSON.stringify(JSON.parse(body));
      } catch {
        // not JSON: the text as it is
      }
      return { kind: "rule", code: String(response.status), message };
    }
    return { kind: "internal", message: `${response.status} ${body.slice(0, 300)}` };
  } catch (err) {
    return { kind: "threw", error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

async function callRouteWith(subject: Subject, entry: RouteEntry, handler: RouteFn, input: RouteInput): Promise<void> {
  await ensureSetup(subject, [...input.params, ...input.query]);
  if (input.mode === "valid") subject.stats.validInputs++;
  const model = ROUTE_MODELS[entry.id]!;
  const params: Record<string, string> = {};
  for (const [key, v] of input.params) {
    const value = resolve(subject, key, v)[0];
    if (value !== undefined) params[key] = wellFormed(value);
  }
  const url = new URL(model.path(params), BASE);
  for (const [key, v] of input.query) for (const value of resolve(subject, key, v)) url.searchParams.append(key, value);
  const { outcome, problems } = await checkedCall(subject, sampleFingerprint(), () => callRouteFuzz(handler, subject.callerId, url.toString(), params));
  if (problems.length > 0) throw new Error(`${problems.join("\n")}\noutcome: ${JSON.stringify(outcome).slice(0, 500)}`);
}

// The routes first: an export reads every row, and the actions' successes add thousands.
for (const entry of routeEntries.filter((e) => selected(e.id))) {
  const model = ROUTE_MODELS[entry.id]!;
  describe(`fuzzing ${entry.id}`, () => {
    let subject: Subject | null = null;
    const parts = chunks(ROUTE_RUNS);
    parts.forEach((runs, i) => {
      const name = parts.length === 1 ? `${runs} adversarial query strings and paths` : `${runs} adversarial query strings and paths (part ${i + 1} of ${parts.length})`;
      it(name, async () => {
        subject ??= await subjectFor(entry.id, { caller: model.caller, keepsSetup: true }, async (party) => {
          const target = await entry.setup(world, party);
          return new Map([...Object.entries(target.params ?? {}).map(([k, v]): [string, string[]] => [k, [v]]), ...[...new URL(target.url).searchParams].map(([k, v]): [string, string[]] => [k, [v]])]);
        });
        const handler = await entry.load();
        const s = subject;
        await assertProperty(s, fc.asyncProperty(routeArbitrary(model), (input) => callRouteWith(s, entry, handler, input)), runs, i === 0 ? model.examples : []);
      });
    });
  });
}

for (const entry of actionEntries.filter((e) => selected(e.id))) {
  const model = ACTION_MODELS[entry.id];
  if (!model) continue;
  describe(`fuzzing ${entry.id}`, () => {
    let subject: Subject | null = null;
    const parts = chunks(RUNS);
    parts.forEach((runs, i) => {
      const name = parts.length === 1 ? `${runs} adversarial inputs` : `${runs} adversarial inputs (part ${i + 1} of ${parts.length})`;
      it(name, async () => {
        subject ??= await subjectFor(entry.id, model, await setupMaker(entry));
        const fn = await entry.load();
        const s = subject;
        await assertProperty(s, fc.asyncProperty(inputArbitrary(model), (input) => callWith(s, fn, input)), runs, i === 0 ? model.examples : []);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The checks can fail: broken stand-in actions must each be caught

describe("the fuzzer's checks catch a broken action", () => {
  let subject: Subject;
  beforeAll(async () => {
    subject = await subjectFor("(stand-in)", { caller: "party", keepsSetup: true }, async () => new Map());
  });
  const problemsOf = async (fn: ActionFn) => (await checkedCall(subject, true, () => callAction(fn, subject.callerId, form({ note: "x" })))).problems;

  it("an action that throws", async () => {
    expect((await problemsOf(async () => { throw new TypeError("Cannot read properties of undefined"); })).join("\n")).toMatch(/threw: TypeError/);
  });

  it("an action that answers 'internal'", async () => {
    expect((await problemsOf(async () => ({ ok: false, code: "internal", message: "Something went wrong" }))).join("\n")).toMatch(/internal error/);
  });

  it("an action whose field error shows a stack trace", async () => {
    const leak = { ok: false, code: "invalid", message: "Please check", fieldErrors: { note: ["TypeError: x\n    at parse (/app/lib/x.ts:10:5)"] } };
    expect((await problemsOf(async () => leak)).join("\n")).toMatch(/shows internals/);
  });

  it("an action that writes and then refuses", async () => {
    const writes: ActionFn = async () => {
      await world.prisma.notification.create({ data: { memberId: subject.callerId, kind: "exchange.proposed", title: "t", body: "b" } });
      return { ok: false, code: "invalid", message: "Please check the highlighted fields." };
    };
    const problems = (await problemsOf(writes)).join("\n");
    expect(problems).toMatch(/refused \(invalid\) but changed: INSERT notifications ×1/);
    expect(problems).toMatch(/fingerprint changed: notifications/);
  });

  it("an action that pollutes Object.prototype (the pollution is undone)", async () => {
    const pollutes: ActionFn = async () => {
      (Object.prototype as Record<string, unknown>).polluted = "yes";
      return { ok: false, code: "invalid", message: "Please check the highlighted fields." };
    };
    expect((await problemsOf(pollutes)).join("\n")).toMatch(/Object\.prototype\.polluted was added/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a failing property reports a shrunk counterexample", async () => {
    const nulIsInternal: ActionFn = async (_prev, fd) =>
      [...fd.values()].some((v) => typeof v === "string" && v.includes("\u0000"))
        ? { ok: false, code: "internal", message: "Something went wrong" }
        : { ok: false, code: "invalid", message: "Please check the highlighted fields." };
    const model = { fields: { note: ACTION_MODELS["app/exchanges/actions.ts#proposeExchangeAction"]!.fields.note! } };
    const details = await fc.check(
      fc.asyncProperty(inputArbitrary(model), (input) => callWith(subject, nulIsInternal, input)),
      { numRuns: 500, seed: 42, includeErrorInReport: true },
    );
    expect(details.failed).toBe(true);
    const report = (await fc.asyncDefaultReportMessage(details)) ?? "";
    expect(report).toMatch(/Counterexample/);
    expect(report).toMatch(/internal error/);
  });
});

afterAll(() => {
  const perAction = Object.fromEntries(
    [...stats].filter(([id]) => id !== "(stand-in)").map(([id, s]) => [
      id,
      {
        ...s,
        ms: Math.round(s.ms),
        setupMs: Math.round(s.setupMs),
        fingerprintMs: Math.round(s.fingerprintMs),
        wallMs: Math.round(s.wallMs),
        msPerCall: s.calls ? Math.round((s.ms / s.calls) * 10) / 10 : 0,
        wallMsPerRun: s.calls ? Math.round((s.wallMs / s.calls) * 10) / 10 : 0,
      },
    ]),
  );
  const ids = Object.keys(perAction);
  const routes = ids.filter((id) => id.startsWith("GET ")).length;
  const all = Object.values(perAction);
  const count = (kinds: string[]) => all.reduce((n, s) => n + kinds.reduce((m, k) => m + (s.outcomes[k] ?? 0), 0), 0);
  recordSummary("fuzz", {
    runsPerAction: RUNS,
    runsPerRoute: ROUTE_RUNS,
    actions: ids.length - routes,
    routes,
    totalRuns: (ids.length - routes) * RUNS + routes * ROUTE_RUNS,
    /** Calls made, shrinking included (fewer than totalRuns when a property failed early). */
    totalCalls: all.reduce((n, s) => n + s.calls, 0),
    successes: count(["ok", "redirect"]),
    rejections: count(["invalid", "refused", "rule"]),
    failures: count(["internal", "threw"]),
    seed: SEED ?? "random",
    perAction,
    violations,
  });
});
