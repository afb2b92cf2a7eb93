// The security tests' world: a fresh database that the app's own `db()` uses, members of every
// kind of caller, exchanges driven into each state through the real domain functions, a
// fingerprint of every table, and one way to call a server action or route handler and say what
// came of it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { disputeExchange } from "../../lib/exchanges/dispute-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { createPrismaClient, type PrismaClient } from "../../lib/db/client";
import { createMember, createSkill, type TestMember } from "../helpers/members";
import { asCaller, type CallerOptions } from "./caller";

export interface World {
  prisma: PrismaClient;
  pg: pg.Client;
  skillId: string;
  regionId: string;
  close(): Promise<void>;
}

/**
 * The world on a database (a test's own, or the browser tests' demo bank), installed as the app's
 * own client (what `db()` returns) for actions called directly.
 */
export async function connectWorld(url: string, options: { pool?: number } = {}): Promise<World> {
  const prisma = createPrismaClient(url, { max: options.pool ?? 12 });
  (globalThis as unknown as { timebankPrisma?: PrismaClient }).timebankPrisma = prisma;
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  const skill = await createSkill(prisma);
  const region = await prisma.region.create({ data: { name: `Region ${randomUUID().slice(0, 6)}` } });
  return {
    prisma,
    pg: client,
    skillId: skill.id,
    regionId: region.id,
    async close() {
      await client.end().catch(() => {});
      await prisma.$disconnect().catch(() => {});
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Callers

export const CALLER_KINDS = ["anonymous", "pending", "suspended", "party", "nonParty", "admin", "hubCoordinator", "otherCoordinator"] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

export const CALLER_LABELS: Record<CallerKind, string> = {
  anonymous: "anonymous",
  pending: "pending member",
  suspended: "suspended member",
  party: "active member, party",
  nonParty: "active member, not a party",
  admin: "admin (not a party)",
  hubCoordinator: "coordinator of the party's hub",
  otherCoordinator: "coordinator of another hub",
};

/**
 * The member who makes a call of this kind about `partyId`: nobody; the party made pending or
 * suspended; the party; another active member; an admin who is not a party.
 */
export async function callerFor(world: World, kind: CallerKind, partyId: string): Promise<string | null> {
  switch (kind) {
    case "anonymous":
      return null;
    case "pending":
    case "suspended":
      await world.prisma.user.update({ where: { id: partyId }, data: { status: kind } });
      return partyId;
    case "party":
      return partyId;
    case "nonParty":
      return (await member(world)).id;
    case "admin":
      return (await member(world, { role: "admin" })).id;
    case "hubCoordinator":
      return coordinatorOf(world, await hubOfParty(world, partyId));
    case "otherCoordinator":
      return coordinatorOf(world, await newHub(world, await newOrganisation(world)));
  }
}

async function newOrganisation(world: World): Promise<string> {
  return (await world.prisma.organisation.create({ data: { name: `Organisation ${randomUUID().slice(0, 8)}`, kind: "Acute trust" } })).id;
}

async function newHub(world: World, organisationId: string): Promise<string> {
  const hub = await world.prisma.hub.create({ data: { name: `Hub ${randomUUID().slice(0, 8)}`, description: "A hub of the security tests." } });
  await world.prisma.organisation.update({ where: { id: organisationId }, data: { hubId: hub.id } });
  return hub.id;
}

/** The party's organisation, made for them if they have none. */
export async function organisationOfParty(world: World, partyId: string): Promise<string> {
  const party = await world.prisma.user.findUniqueOrThrow({ where: { id: partyId }, select: { organisationId: true } });
  if (party.organisationId) return party.organisationId;
  const organisationId = await newOrganisation(world);
  await world.prisma.user.update({ where: { id: partyId }, data: { organisationId } });
  return organisationId;
}

/** The hub the party belongs to, made (around their organisation) if there is none. */
export async function hubOfParty(world: World, partyId: string): Promise<string> {
  const organisationId = await organisationOfParty(world, partyId);
  const organisation = await world.prisma.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { hubId: true } });
  return organisation.hubId ?? newHub(world, organisationId);
}

/** A new active member of the hub who coordinates it. */
async function coordinatorOf(world: World, hubId: string): Promise<string> {
  const organisation = await world.prisma.organisation.findFirstOrThrow({ where: { hubId }, select: { id: true } });
  const coordinator = await member(world);
  await world.prisma.user.update({ where: { id: coordinator.id }, data: { organisationId: organisation.id } });
  await world.prisma.hubCoordinator.create({ data: { hubId, memberId: coordinator.id } });
  return coordinator.id;
}

/** Starts every call, then releases them together (a race): their outcomes, in order. */
export async function together(calls: (() => Promise<Outcome>)[]): Promise<Outcome[]> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const running = calls.map(async (call) => {
    await gate;
    return call();
  });
  release();
  return Promise.all(running);
}

export function member(world: World, options: Parameters<typeof createMember>[1] = {}): Promise<TestMember> {
  return createMember(world.prisma, { balanceMinutes: 600, ...options });
}

// ---------------------------------------------------------------------------------------------
// Things to act on

export async function offerBy(world: World, ownerId: string, kind: "offer" | "request" = "offer") {
  return world.prisma.listing.create({
    data: { kind, ownerId, title: "Coach a PDSA cycle", description: "One hour of coaching", skillId: world.skillId, estimatedMinutes: 60 },
  });
}

export type ExchangeStage = "proposed" | "accepted" | "delivered" | "confirmed" | "disputed";

/**
 * An exchange between provider and payer (the payer proposed it on the provider's offer), driven
 * to `stage` through the domain functions.
 */
export async function exchangeAt(world: World, stage: ExchangeStage, provider: TestMember, payer: TestMember): Promise<string> {
  const offer = await offerBy(world, provider.id);
  const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey: randomUUID() }, world.prisma);
  if (stage === "proposed") return id;
  await acceptExchange(provider.id, { exchangeId: id }, world.prisma);
  if (stage === "accepted") return id;
  await deliverExchange(provider.id, { exchangeId: id, minutesGiven: 60 }, world.prisma);
  if (stage === "delivered") return id;
  if (stage === "confirmed") await confirmExchange(payer.id, { exchangeId: id }, world.prisma);
  else await disputeExchange(payer.id, { exchangeId: id, reason: "The session did not happen." }, world.prisma);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Fingerprint: every table but the append-only security records, hashed row by row

/** Tables whose rows a refused call may add: the refusal's own audit row, rate-limit counters. */
export const RECORD_TABLES = new Set(["audit_log", "rate_limits", "_prisma_migrations"]);

let fingerprintSql: string | null = null;

export async function fingerprint(world: World): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const tables = await world.pg.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const parts = tables.rows
      .map((r) => r.table_name)
      .filter((t) => !RECORD_TABLES.has(t))
      .map((t) => `SELECT '${t}' AS t, count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM "${t}" x`);
    fingerprintSql = parts.join(" UNION ALL ");
  }
  const rows = await world.pg.query<{ t: string; h: string }>(fingerprintSql);
  return Object.fromEntries(rows.rows.map((r) => [r.t, r.h]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

// ---------------------------------------------------------------------------------------------
// Calling

export function form(fields: Record<string, string | string[] | number | undefined>): FormData {
  const fd = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) fd.append(key, String(v));
  }
  return fd;
}

export type Outcome =
  | { kind: "ok"; message?: string; data: unknown }
  | { kind: "redirect"; to: string }
  | { kind: "refused"; code: string; message: string; status?: number }
  | { kind: "invalid"; message: string; fieldErrors?: Record<string, string[]> }
  /** An expected refusal of the request (a state or balance rule), not of the caller. */
  | { kind: "rule"; code: string; message: string }
  /** An error the code did not expect: a bug, whatever the caller sent. */
  | { kind: "internal"; message: string }
  /** The action threw instead of returning a result: a bug. */
  | { kind: "threw"; error: string };

export const REFUSAL_CODES = new Set(["unauthenticated", "forbidden", "not_found"]);

export type ActionFn = (prev: null, formData: FormData) => Promise<unknown>;
export type RouteFn = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function redirectTarget(err: unknown): string | null {
  const digest = (err as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT")) return null;
  return digest.split(";")[2] ?? "";
}

export function outcomeOf(result: unknown): Outcome {
  const r = result as { ok?: boolean; code?: string; message?: string; data?: unknown; fieldErrors?: Record<string, string[]> } | undefined;
  if (r && r.ok === true) return { kind: "ok", message: r.message, data: r.data };
  if (r && r.ok === false) {
    const code = r.code ?? "invalid";
    const message = r.message ?? "";
    if (code === "internal") return { kind: "internal", message };
    if (REFUSAL_CODES.has(code)) return { kind: "refused", code, message };
    if (code === "invalid") return { kind: "invalid", message, fieldErrors: r.fieldErrors };
    return { kind: "rule", code, message };
  }
  return { kind: "threw", error: `unexpected result ${JSON.stringify(result)?.slice(0, 200)}` };
}

/** Calls a server action as `memberId` (null: nobody) and says what came of it. */
export async function callAction(action: ActionFn, memberId: string | null, input: FormData, options: CallerOptions = {}): Promise<Outcome> {
  try {
    return outcomeOf(await asCaller(memberId, () => action(null, input), options));
  } catch (err) {
    const to = redirectTarget(err);
    if (to !== null) return { kind: "redirect", to };
    return { kind: "threw", error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/** Calls a route handler as `memberId` and says what came of it (2xx ok; 401/403/404 refused). */
export async function callRoute(
  handler: RouteFn,
  memberId: string | null,
  url: string,
  params: Record<string, string> = {},
  init: RequestInit = {},
): Promise<Outcome> {
  try {
    const response = await asCaller(memberId, () => handler(new Request(url, init), { params: Promise.resolve(params) }));
    const text = await response.text();
    if (response.status >= 200 && response.status < 300) return { kind: "ok", data: text.length };
    if ([401, 403, 404].includes(response.status)) {
      return { kind: "refused", code: String(response.status), message: text.slice(0, 200), status: response.status };
    }
    if (response.status === 400) return { kind: "invalid", message: text.slice(0, 200) };
    if (response.status === 429) return { kind: "rule", code: "rate_limited", message: text.slice(0, 200) };
    return { kind: "internal", message: `${response.status} ${text.slice(0, 200)}` };
  } catch (err) {
    return { kind: "threw", error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/** Whether text shown to a caller looks like a stack trace or an internal error's text. */
export function looksLikeInternals(text: string): boolean {
  return /\n\s+at\s|\bat\s+[\w.<>]+\s+\(|node_modules|\.tsx?:\d+|Prisma|PrismaClient|SQLSTATE|syntax error|violates|TypeError|ReferenceError|Invalid `/.test(text);
}
