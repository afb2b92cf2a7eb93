// What the admin audit page and its CSV export read: the log filtered by who, what, which target,
// which days (UTC) and which address, newest first, paged by id (a keyset: no OFFSET, so the
// millionth row costs what the first does). Each filter maps onto one of audit_log's indexes:
// (actor_id, at), (action, at), (target_type, target_id, at) and (at).
import { z } from "zod";
import { db, type Prisma, type PrismaClient } from "../db/client";
import type { FieldErrors } from "../errors";
import { formatMinutes } from "../format/minutes";
import { CONTROL_CHARACTERS_MESSAGE, filterDay, firstParam, isUuid, noControlCharacters } from "../validation";
import { AUDIT_ACTIONS, describeAuditAction } from "./actions";

/** Rows per page of the audit page. */
export const AUDIT_PAGE_SIZE = 50;
/** The longest free text the actor filter takes. */
export const ACTOR_FILTER_MAX_CHARS = 100;
/** The longest details summary the page shows; the CSV has the full JSON. */
const DETAILS_SUMMARY_MAX_CHARS = 400;
const TEXT_VALUE_MAX_CHARS = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The kinds of thing an entry can be about, with where an admin can look at one. */
export const AUDIT_TARGET_TYPES = {
  member: { label: "Member", link: (id: string) => (isUuid(id) ? `/admin/members/${id}` : null) },
  transfer: { label: "Transfer", link: (id: string) => (/^\d{1,19}$/.test(id) ? `/admin/ledger/transfers/${id}` : null) },
  exchange: { label: "Exchange", link: (id: string) => (isUuid(id) ? `/admin/exchanges/${id}` : null) },
  page: { label: "Page", link: () => null },
} as const satisfies Record<string, { label: string; link: (id: string) => string | null }>;

const GROUP_LABELS: Record<string, string> = {
  auth: "Sign-ins and refusals",
  rate_limit: "Rate limits",
  member: "Members",
  admin: "Admins",
  settings: "Settings",
  ledger: "Ledger",
  dispute: "Disputes",
  audit: "Audit log",
  reports: "Reports",
};

export interface AuditActionGroup {
  /** e.g. "ledger.": the filter value for every action in the group */
  prefix: string;
  label: string;
  actions: { action: string; label: string }[];
}

/** AUDIT_ACTIONS grouped by their first word, for the filter's choices. */
export function auditActionGroups(): AuditActionGroup[] {
  const groups = new Map<string, AuditActionGroup>();
  for (const [action, label] of Object.entries(AUDIT_ACTIONS)) {
    const word = action.split(".")[0]!;
    const group = groups.get(word) ?? { prefix: `${word}.`, label: GROUP_LABELS[word] ?? word, actions: [] };
    group.actions.push({ action, label });
    groups.set(word, group);
  }
  return [...groups.values()];
}

// -------------------------------------------------------------------------------------------
// Filters, as the page's query string gives them

export interface AuditFilters {
  /** A member's id, or text found in the actor's name or email address. */
  actor?: string;
  /** One action ("member.suspend") or a group of them ("member."). */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** First and last day (YYYY-MM-DD, UTC), both included. */
  from?: string;
  to?: string;
  /** The client address, exactly. */
  ip?: string;
}

export const AUDIT_FILTER_KEYS = ["actor", "action", "targetType", "targetId", "from", "to", "ip"] as const satisfies readonly (keyof AuditFilters)[];

const day = filterDay;

const FILTER_FIELDS: Record<keyof AuditFilters, z.ZodType<string>> = {
  actor: z.string().max(ACTOR_FILTER_MAX_CHARS, `Keep the search to ${ACTOR_FILTER_MAX_CHARS} characters or fewer.`).refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE),
  action: z.string().refine((a) => a in AUDIT_ACTIONS || auditActionGroups().some((g) => g.prefix === a), "Choose an action from the list."),
  targetType: z.string().regex(/^[a-z_]{1,40}$/, "Choose what the entry is about from the list."),
  targetId: z.string().max(100, "That id is too long.").refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE),
  from: day,
  to: day,
  ip: z.string().max(64, "That address is too long.").regex(/^[0-9a-fA-F:.]+$/, "Enter an address like 192.0.2.10 or 2001:db8::1."),
};

export interface ParsedAuditFilters {
  filters: AuditFilters;
  /** Filters that could not be read (and are not applied), by field. */
  errors: FieldErrors;
}


/** Reads the filters from a query string; a filter that cannot be read is reported and left out. */
export function parseAuditFilters(params: Record<string, string | string[] | undefined>): ParsedAuditFilters {
  const filters: AuditFilters = {};
  const errors: FieldErrors = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const raw = firstParam(params[key])?.trim();
    if (!raw) continue;
    const parsed = FILTER_FIELDS[key].safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
    else errors[key] = [parsed.error.issues[0]?.message ?? "Check this filter."];
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = ["The last day must be on or after the first day."];
    delete filters.to;
  }
  if (filters.targetId && !filters.targetType) {
    errors.targetType = ["Choose what the id belongs to (a member, a transfer…)."];
    delete filters.targetId;
  }
  return { filters, errors };
}

/** The filters as query parameters (for links that keep them: pages, the CSV). */
export function auditFilterParams(filters: AuditFilters): Record<string, string | undefined> {
  return Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, filters[k]]));
}

function actionWhere(action: string): Prisma.AuditLogWhereInput {
  if (action.endsWith(".")) return { action: { in: Object.keys(AUDIT_ACTIONS).filter((a) => a.startsWith(action)) } };
  return { action };
}

function actorWhere(actor: string): Prisma.AuditLogWhereInput {
  if (isUuid(actor)) return { actorId: actor };
  return { actor: { OR: [{ name: { contains: actor, mode: "insensitive" } }, { email: { contains: actor, mode: "insensitive" } }] } };
}

/** The filters as a Prisma condition. */
export function auditWhere(filters: AuditFilters): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filters.actor) and.push(actorWhere(filters.actor));
  if (filters.action) and.push(actionWhere(filters.action));
  if (filters.targetType) and.push({ targetType: filters.targetType });
  if (filters.targetId) and.push({ targetId: filters.targetId });
  if (filters.from) and.push({ at: { gte: new Date(`${filters.from}T00:00:00Z`) } });
  if (filters.to) and.push({ at: { lt: new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS) } });
  if (filters.ip) and.push({ ip: filters.ip });
  return { AND: and };
}

// -------------------------------------------------------------------------------------------
// Reading rows

export interface AuditCursor {
  /** Continue with entries older than this id. */
  after?: string;
  /** Go back to entries newer than this id. */
  before?: string;
}

const cursorId = (v: string | undefined) => (v && /^\d{1,19}$/.test(v) ? BigInt(v) : undefined);

const rowSelect = {
  id: true,
  at: true,
  actorId: true,
  action: true,
  targetType: true,
  targetId: true,
  details: true,
  ip: true,
  userAgent: true,
  actor: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AuditLogSelect;

export type AuditLogRow = Prisma.AuditLogGetPayload<{ select: typeof rowSelect }>;

/**
 * Up to `take` rows matching the filters, newest first: older than `after`, or (when `before`
 * is given) the `take` rows just newer than it.
 */
export async function readAuditRows(filters: AuditFilters, cursor: AuditCursor, take: number, database: PrismaClient = db()): Promise<AuditLogRow[]> {
  const after = cursorId(cursor.after);
  const before = after === undefined ? cursorId(cursor.before) : undefined;
  const where = auditWhere(filters);
  const rows = await database.auditLog.findMany({
    where: { AND: [where, after !== undefined ? { id: { lt: after } } : before !== undefined ? { id: { gt: before } } : {}] },
    orderBy: { id: before !== undefined ? "asc" : "desc" },
    take,
    select: rowSelect,
  });
  return before !== undefined ? rows.reverse() : rows;
}

export interface AuditEntryView {
  id: string;
  /** UTC, ISO 8601 */
  at: string;
  actor: { id: string; name: string | null; email: string; link: string } | null;
  action: string;
  actionLabel: string;
  target: { type: string; id: string; label: string; link: string | null } | null;
  details: Prisma.JsonValue | null;
  detailsText: string;
  ip: string | null;
  /** e.g. "Firefox 128 on Windows" */
  userAgent: string | null;
  userAgentFull: string | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** The first entry's id when there are newer entries (for `before`). */
  newerCursor: string | null;
  /** The last entry's id when there are older entries (for `after`). */
  olderCursor: string | null;
}

export async function listAuditEntries(filters: AuditFilters, cursor: AuditCursor = {}, database: PrismaClient = db()): Promise<AuditPage> {
  const backwards = cursorId(cursor.after) === undefined && cursorId(cursor.before) !== undefined;
  const rows = await readAuditRows(filters, cursor, AUDIT_PAGE_SIZE + 1, database);
  const more = rows.length > AUDIT_PAGE_SIZE;
  // The extra row is the one furthest from the cursor: the oldest going forward, the newest going back.
  const page = more ? (backwards ? rows.slice(1) : rows.slice(0, AUDIT_PAGE_SIZE)) : rows;
  const names = await targetNames(page, database);
  const firstId = page[0]?.id.toString() ?? null;
  const lastId = page.at(-1)?.id.toString() ?? null;
  return {
    entries: page.map((r) => toView(r, names)),
    newerCursor: backwards ? (more ? firstId : null) : cursorId(cursor.after) !== undefined ? firstId : null,
    olderCursor: backwards ? lastId : more ? lastId : null,
  };
}

/** Names of the members and titles of the exchanges the page's entries are about (two queries). */
async function targetNames(rows: AuditLogRow[], database: PrismaClient): Promise<Map<string, string>> {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId && isUuid(r.targetId)).map((r) => r.targetId!))];
  const memberIds = idsOf("member");
  const exchangeIds = idsOf("exchange");
  const [members, exchanges] = await Promise.all([
    memberIds.length ? database.user.findMany({ where: { id: { in: memberIds } }, select: { id: true, name: true, email: true } }) : [],
    exchangeIds.length ? database.exchange.findMany({ where: { id: { in: exchangeIds } }, select: { id: true, title: true } }) : [],
  ]);
  const names = new Map<string, string>();
  for (const m of members) names.set(`member:${m.id}`, m.name ?? m.email);
  for (const e of exchanges) names.set(`exchange:${e.id}`, `“${e.title}”`);
  return names;
}

function toView(r: AuditLogRow, names: Map<string, string>): AuditEntryView {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: r.actor ? { ...r.actor, link: `/admin/members/${r.actor.id}` } : null,
    action: r.action,
    actionLabel: describeAuditAction(r.action),
    target: targetView(r.targetType, r.targetId, names),
    details: r.details,
    detailsText: summariseDetails(r.details),
    ip: r.ip,
    userAgent: shortUserAgent(r.userAgent),
    userAgentFull: r.userAgent,
  };
}

function targetView(type: string | null, id: string | null, names: Map<string, string>): AuditEntryView["target"] {
  if (!type || !id) return null;
  const known = (AUDIT_TARGET_TYPES as Record<string, { label: string; link: (id: string) => string | null }>)[type];
  const name = names.get(`${type}:${id}`);
  const label = `${known?.label ?? type}: ${name ?? (type === "transfer" ? `#${id}` : id)}`;
  return { type, id, label, link: known?.link(id) ?? null };
}

// -------------------------------------------------------------------------------------------
// Words for the page

/** "welcomeMinutes" -> "welcome", "joiningMode" -> "joining mode". */
function keyWords(key: string): string {
  return key
    .replace(/Minutes$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function valueText(key: string, value: Prisma.JsonValue): string {
  if (value === null) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return /Minutes$/.test(key) && Number.isFinite(value) ? formatMinutes(value) : String(value);
  if (typeof value === "string") return cut(value, TEXT_VALUE_MAX_CHARS);
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => valueText(key, v)).join(", ");
  const inner = detailParts(value);
  return inner.length === 0 ? "none" : `(${inner.join(", ")})`;
}

/**
 * One part per detail: a from/to pair (`from` + `to`, `fromMinutes` + `toMinutes`, or an object
 * with `from` and `to`) reads "from approval to open"; anything else "reason: …".
 */
function detailParts(details: { [key: string]: Prisma.JsonValue | undefined }): string[] {
  const parts: string[] = [];
  const pairsDone = new Set<string>();
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined) continue;
    const pair = /^(from|to)([A-Z].*)?$/.exec(key);
    if (pair) {
      const suffix = pair[2] ?? "";
      if (pairsDone.has(suffix)) continue;
      pairsDone.add(suffix);
      const from = details[`from${suffix}`];
      const to = details[`to${suffix}`];
      const label = keyWords(suffix);
      parts.push(`${label ? `${label}: ` : ""}${fromTo(suffix, from, to)}`);
      continue;
    }
    if (value && typeof value === "object" && !Array.isArray(value) && isFromTo(value)) {
      parts.push(`${keyWords(key)}: ${fromTo(key, value.from, value.to)}`);
      continue;
    }
    parts.push(`${keyWords(key)}: ${valueText(key, value)}`);
  }
  return parts;
}

/** `{ from, to }` (either may be missing) and nothing else. */
function isFromTo(value: object): value is { from?: Prisma.JsonValue; to?: Prisma.JsonValue } {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === "from" || k === "to");
}

function fromTo(key: string, from: Prisma.JsonValue | undefined, to: Prisma.JsonValue | undefined): string {
  return [from !== undefined ? `from ${valueText(key, from)}` : null, to !== undefined ? `to ${valueText(key, to)}` : null].filter(Boolean).join(" ");
}

/** An entry's details as one line of words, e.g. "reason: left the trust; from active". */
export function summariseDetails(details: Prisma.JsonValue | null | undefined): string {
  if (details === null || details === undefined) return "";
  if (typeof details !== "object" || Array.isArray(details)) return cut(valueText("", details), DETAILS_SUMMARY_MAX_CHARS);
  return cut(detailParts(details).join("; "), DETAILS_SUMMARY_MAX_CHARS);
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/SamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/Firefox\/(\d+)/, "Firefox"],
  [/FxiOS\/(\d+)/, "Firefox"],
  [/CriOS\/(\d+)/, "Chrome"],
  [/Chrome\/(\d+)/, "Chrome"],
  [/Version\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
  [/^curl\/(\d+)/, "curl"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, "Windows"],
  [/Android/, "Android"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];
const USER_AGENT_SHORT_CHARS = 40;

/** "Mozilla/5.0 (Windows NT 10.0; …) … Firefox/128.0" -> "Firefox 128 on Windows". */
export function shortUserAgent(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.map(([re, name]) => [re.exec(userAgent), name] as const).find(([m]) => m);
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (!browser) return cut(userAgent, USER_AGENT_SHORT_CHARS);
  return `${browser[1]} ${browser[0]![1]}${system ? ` on ${system}` : ""}`;
}
