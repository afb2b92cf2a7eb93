// What the admin ledger review reads: every transfer, filtered and paged by keyset on its id (no
// OFFSET, so a page deep in a million transfers costs what the first does), one transfer in full,
// any account's statement (keyset on the entry's sequence number) and an account picker. Each
// filter is written so that PostgreSQL can walk an index of ledger_transfers in id order:
// (debit_account_id, id) and (credit_account_id, id) for a member, (kind, id) for a kind, and the
// primary key otherwise.
import { z } from "zod";
import { db, Prisma, type PrismaClient } from "../db/client";
import type { LedgerAccountKind, MemberStatus, TransferKind } from "../db/generated/client";
import type { FieldErrors } from "../errors";
import { CONTROL_CHARACTERS_MESSAGE, filterDay, firstParam, isUuid, noControlCharacters } from "../validation";
import { MAX_TRANSFER_MINUTES } from "../ledger";

/** Rows per page of the transfer list and of a statement. */
export const TRANSFER_PAGE_SIZE = 25;
export const STATEMENT_PAGE_SIZE = 25;
/** The most accounts the picker lists for one search. */
export const ACCOUNT_SEARCH_LIMIT = 25;
export const ACCOUNT_SEARCH_MAX_CHARS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

export const TRANSFER_KINDS = ["exchange", "grant", "donation", "adjustment", "reversal"] as const satisfies readonly TransferKind[];
/** "reversed": has been reversed; "standing": has not (yet) been reversed; "reversal": is a reversal. */
export const TRANSFER_STATES = ["reversed", "standing", "reversal"] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

// -------------------------------------------------------------------------------------------
// Filters, as the page's query string gives them

export interface TransferFilters {
  /** A member: transfers into or out of their account. */
  memberId?: string;
  kind?: TransferKind;
  state?: TransferState;
  /** First and last day (YYYY-MM-DD, UTC), both included. */
  from?: string;
  to?: string;
  minMinutes?: number;
  maxMinutes?: number;
}

/** The query-string names of the filters (what the GET form sends and links keep). */
export const TRANSFER_FILTER_PARAMS = ["member", "kind", "state", "from", "to", "min", "max"] as const;
type FilterParam = (typeof TRANSFER_FILTER_PARAMS)[number];

const day = filterDay;
const minutes = z.coerce
  .number({ error: "Enter a number of minutes." })
  .int("Enter whole minutes.")
  .min(1, "Enter at least 1 minute.")
  .max(MAX_TRANSFER_MINUTES, `Enter at most ${MAX_TRANSFER_MINUTES} minutes.`);

const FILTER_FIELDS: Record<Exclude<FilterParam, "member">, z.ZodType> = {
  kind: z.enum(TRANSFER_KINDS, { error: "Choose a kind from the list." }),
  state: z.enum(TRANSFER_STATES, { error: "Choose a state from the list." }),
  from: day,
  to: day,
  min: minutes,
  max: minutes,
};

export interface ParsedTransferFilters {
  filters: TransferFilters;
  /** Text typed in the member filter that is not a member's id: a name or email to look up. */
  memberSearch: string | null;
  /** Filters that could not be read (and are not applied), by query-string name. */
  errors: FieldErrors;
}


/** Reads the filters from a query string; a filter that cannot be read is reported and left out. */
export function parseTransferFilters(params: Record<string, string | string[] | undefined>): ParsedTransferFilters {
  const filters: TransferFilters = {};
  const errors: FieldErrors = {};
  let memberSearch: string | null = null;
  const member = firstParam(params.member)?.trim();
  if (member && isUuid(member)) filters.memberId = member.toLowerCase();
  else if (member && member.length > ACCOUNT_SEARCH_MAX_CHARS) errors.member = [`Keep the search to ${ACCOUNT_SEARCH_MAX_CHARS} characters or fewer.`];
  else if (member && !noControlCharacters(member)) errors.member = [CONTROL_CHARACTERS_MESSAGE];
  else if (member) memberSearch = member;
  for (const [key, schema] of Object.entries(FILTER_FIELDS) as [Exclude<FilterParam, "member">, z.ZodType][]) {
    const raw = firstParam(params[key])?.trim();
    if (!raw) continue;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      errors[key] = [parsed.error.issues[0]?.message ?? "Check this filter."];
      continue;
    }
    if (key === "min") filters.minMinutes = parsed.data as number;
    else if (key === "max") filters.maxMinutes = parsed.data as number;
    else if (key === "kind") filters.kind = parsed.data as TransferKind;
    else if (key === "state") filters.state = parsed.data as TransferState;
    else filters[key] = parsed.data as string;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = ["The last day must be on or after the first day."];
    delete filters.to;
  }
  if (filters.minMinutes !== undefined && filters.maxMinutes !== undefined && filters.minMinutes > filters.maxMinutes) {
    errors.max = ["The largest amount must be at least the smallest."];
    delete filters.maxMinutes;
  }
  return { filters, memberSearch, errors };
}

/** The filters as query parameters, for links that keep them (pages, the CSV). */
export function transferFilterParams(filters: TransferFilters): Record<FilterParam, string | undefined> {
  return {
    member: filters.memberId,
    kind: filters.kind,
    state: filters.state,
    from: filters.from,
    to: filters.to,
    min: filters.minMinutes?.toString(),
    max: filters.maxMinutes?.toString(),
  };
}

export function hasTransferFilters(filters: TransferFilters): boolean {
  return Object.values(transferFilterParams(filters)).some((v) => v !== undefined);
}

const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
const dayEnd = (d: string) => new Date(dayStart(d).getTime() + DAY_MS);

/**
 * Every filter but the member's, as conditions on ledger_transfers t. "Reversed" is left out when
 * the caller walks the reversals themselves (`reversedByJoin`).
 */
function transferConditions(f: TransferFilters, reversedByJoin: boolean): Prisma.Sql[] {
  const c: Prisma.Sql[] = [];
  const reversed = Prisma.sql`EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)`;
  if (f.kind) c.push(Prisma.sql`t.kind = ${f.kind}::transfer_kind`);
  if (f.state === "reversal") c.push(Prisma.sql`t.kind = 'reversal'::transfer_kind`);
  if (f.state === "reversed" && !reversedByJoin) c.push(reversed);
  if (f.state === "standing") c.push(Prisma.sql`NOT ${reversed}`);
  if (f.from) c.push(Prisma.sql`t.created_at >= ${dayStart(f.from)}::timestamptz`);
  if (f.to) c.push(Prisma.sql`t.created_at < ${dayEnd(f.to)}::timestamptz`);
  if (f.minMinutes !== undefined) c.push(Prisma.sql`t.amount_minutes >= ${f.minMinutes}::int`);
  if (f.maxMinutes !== undefined) c.push(Prisma.sql`t.amount_minutes <= ${f.maxMinutes}::int`);
  return c;
}

// -------------------------------------------------------------------------------------------
// Reading transfers by keyset

/** Where to read from: older than `after` (newest first), or newer than `before` (oldest first). */
export interface TransferKeyset {
  after?: bigint;
  before?: bigint;
  limit: number;
  /** Reading every match in turn (an export): walk the ids, paying for the rows outside a date range once. */
  sequential?: boolean;
}

const where = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty);

/**
 * Whether to find a date range's transfers through the created_at index and sort them, rather than
 * walk the ids from the newest: ids grow with time, so that walk passes every transfer after the
 * range before it finds one in it (and, on the last page, every one before it), which PostgreSQL's
 * planner, expecting matches to be spread evenly, does not foresee. Judged by time: worth it when
 * the range covers at most half of the ledger's history (two index lookups).
 */
async function findByDate(f: TransferFilters, database: PrismaClient): Promise<boolean> {
  if (!f.from && !f.to) return false;
  const [span] = await database.$queryRaw<{ first: Date | null; last: Date | null }[]>`
    SELECT min(created_at) AS first, max(created_at) AS last FROM ledger_transfers`;
  if (!span?.first || !span.last) return false;
  const start = Math.max(f.from ? dayStart(f.from).getTime() : -Infinity, span.first.getTime());
  const end = Math.min(f.to ? dayEnd(f.to).getTime() : Infinity, span.last.getTime());
  return 2 * Math.max(0, end - start) <= span.last.getTime() - span.first.getTime();
}

/** The columns of a transfer that a page reads (alias t). */
const TRANSFER_FIELDS = Prisma.sql`t.id, t.created_at, t.kind, t.amount_minutes, t.memo, t.actor_id, t.exchange_id, t.reverses_transfer_id,
  t.debit_account_id, t.credit_account_id, t.idempotency_key, t.hold_id`;

/**
 * The next `limit` transfers matching the filters, each read walking the index that fits:
 * for a member, two walks (their debits, their credits), each stopping at `limit`, merged (a
 * transfer is never both); for reversed transfers, the index of what reversals reverse; otherwise
 * the primary key or the kind's index, or the created_at index for a short date range (byDate).
 */
function matchingTransfers(f: TransferFilters, accountId: number | null, k: TransferKeyset, byDate: boolean): Prisma.Sql {
  const ascending = k.after === undefined && k.before !== undefined;
  const order = ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const viaReversals = f.state === "reversed" && accountId === null;
  const key = viaReversals ? Prisma.sql`r.reverses_transfer_id` : Prisma.sql`t.id`;
  const base = transferConditions(f, viaReversals);
  if (k.after !== undefined) base.push(Prisma.sql`${key} < ${k.after}::bigint`);
  else if (k.before !== undefined) base.push(Prisma.sql`${key} > ${k.before}::bigint`);
  if (accountId !== null) {
    const side = (column: Prisma.Sql) =>
      Prisma.sql`(SELECT ${TRANSFER_FIELDS} FROM ledger_transfers t ${where([Prisma.sql`${column} = ${accountId}::int`, ...base])} ORDER BY t.id ${order} LIMIT ${k.limit})`;
    return Prisma.sql`SELECT u.* FROM (${side(Prisma.sql`t.debit_account_id`)} UNION ALL ${side(Prisma.sql`t.credit_account_id`)}) u
      ORDER BY u.id ${order} LIMIT ${k.limit}`;
  }
  if (viaReversals) {
    base.push(Prisma.sql`r.reverses_transfer_id IS NOT NULL`);
    return Prisma.sql`SELECT ${TRANSFER_FIELDS} FROM ledger_transfers r JOIN ledger_transfers t ON t.id = r.reverses_transfer_id ${where(base)}
      ORDER BY ${key} ${order} LIMIT ${k.limit}`;
  }
  // "+ 0" hides the id's index from the ordering, so that the planner reads the range by date.
  const sortKey = byDate ? Prisma.sql`${key} + 0` : key;
  return Prisma.sql`SELECT ${TRANSFER_FIELDS} FROM ledger_transfers t ${where(base)} ORDER BY ${sortKey} ${order} LIMIT ${k.limit}`;
}

export interface AccountRef {
  accountId: number;
  kind: LedgerAccountKind;
  /** The member's name for a member's account; the account's own name otherwise. */
  name: string;
  memberId: string | null;
}

export interface TransferRow {
  id: string;
  at: Date;
  kind: TransferKind;
  from: AccountRef;
  to: AccountRef;
  minutes: number;
  memo: string | null;
  actorId: string | null;
  actorName: string | null;
  exchangeId: string | null;
  reversedById: string | null;
  reversesId: string | null;
}

interface TransferSqlRow {
  id: bigint;
  created_at: Date;
  kind: TransferKind;
  amount_minutes: number;
  memo: string | null;
  actor_id: string | null;
  exchange_id: string | null;
  reverses_transfer_id: bigint | null;
  reversed_by_id: bigint | null;
  debit_account_id: number;
  credit_account_id: number;
  idempotency_key: string;
  hold_id: bigint | null;
}

/**
 * A page of transfers (`page` selects TRANSFER_FIELDS), in order, with the reversal of each. Names
 * are looked up after (namesOf): one query joining eight tables took longer to plan than to run.
 */
function transfersOf(page: Prisma.Sql, order: Prisma.Sql, database: PrismaClient): Promise<TransferSqlRow[]> {
  return database.$queryRaw<TransferSqlRow[]>`
    SELECT p.id, p.created_at, p.kind::text AS kind, p.amount_minutes, p.memo, p.actor_id, p.exchange_id, p.reverses_transfer_id,
           p.debit_account_id, p.credit_account_id, p.idempotency_key, p.hold_id,
           (SELECT r.id FROM ledger_transfers r WHERE r.reverses_transfer_id = p.id) AS reversed_by_id
      FROM (${page}) p
     ORDER BY p.id ${order}`;
}

interface Names {
  accounts: Map<number, AccountRef>;
  members: Map<string, string | null>;
}

/** The accounts (with their member's name) and the members named on a page: two index lookups. */
async function namesOf(accountIds: number[], memberIds: (string | null)[], database: PrismaClient): Promise<Names> {
  const accountList = [...new Set(accountIds)];
  const memberList = [...new Set(memberIds.filter((id): id is string => id !== null))];
  const [accounts, members] = await Promise.all([
    accountList.length === 0
      ? []
      : database.$queryRaw<{ id: number; kind: LedgerAccountKind; name: string; member_id: string | null }[]>`
          SELECT a.id, a.kind::text AS kind, a.member_id,
                 coalesce((SELECT coalesce(m.name, m.email) FROM members m WHERE m.id = a.member_id), a.name) AS name
            FROM ledger_accounts a WHERE a.id = ANY(${accountList}::int[])`,
    memberList.length === 0 ? [] : database.user.findMany({ where: { id: { in: memberList } }, select: { id: true, name: true } }),
  ]);
  return {
    accounts: new Map(accounts.map((a) => [a.id, { accountId: a.id, kind: a.kind, name: a.name, memberId: a.member_id }])),
    members: new Map(members.map((m) => [m.id, m.name])),
  };
}

function accountRef(names: Names, id: number): AccountRef {
  return names.accounts.get(id) ?? { accountId: id, kind: "member", name: `Account ${id}`, memberId: null };
}

function toTransferRow(r: TransferSqlRow, names: Names): TransferRow {
  return {
    id: r.id.toString(),
    at: r.created_at,
    kind: r.kind,
    from: accountRef(names, r.debit_account_id),
    to: accountRef(names, r.credit_account_id),
    minutes: r.amount_minutes,
    memo: r.memo,
    actorId: r.actor_id,
    actorName: r.actor_id ? (names.members.get(r.actor_id) ?? null) : null,
    exchangeId: r.exchange_id,
    reversedById: r.reversed_by_id?.toString() ?? null,
    reversesId: r.reverses_transfer_id?.toString() ?? null,
  };
}

async function withNames(rows: TransferSqlRow[], database: PrismaClient): Promise<TransferRow[]> {
  const names = await namesOf(
    rows.flatMap((r) => [r.debit_account_id, r.credit_account_id]),
    rows.map((r) => r.actor_id),
    database,
  );
  return rows.map((r) => toTransferRow(r, names));
}

async function memberAccount(memberId: string, database: PrismaClient): Promise<number | null> {
  const account = await database.ledgerAccount.findUnique({ where: { memberId }, select: { id: true } });
  return account?.id ?? null;
}

/**
 * For an export, every transfer matching the filters, oldest first, in batches: the member's
 * account is looked up once, then the function gives the SQL of the `limit` transfers after the
 * id `cursor` (the columns of TRANSFER_FIELDS, unaliased), walked as readTransfers walks them with
 * `sequential`. Null when the member has no account (nothing matches).
 */
export async function sequentialTransferBatches(
  filters: TransferFilters,
  database: PrismaClient = db(),
): Promise<((cursor: bigint, limit: number) => Prisma.Sql) | null> {
  let accountId: number | null = null;
  if (filters.memberId) {
    accountId = await memberAccount(filters.memberId, database);
    if (accountId === null) return null;
  }
  return (cursor, limit) => matchingTransfers(filters, accountId, { before: cursor, limit, sequential: true }, false);
}

/**
 * Up to `limit` transfers matching the filters, in the keyset's order: newest first from the
 * top or after `after`, oldest first after `before`.
 */
export async function readTransfers(filters: TransferFilters, keyset: TransferKeyset, database: PrismaClient = db()): Promise<TransferRow[]> {
  let accountId: number | null = null;
  if (filters.memberId) {
    accountId = await memberAccount(filters.memberId, database);
    if (accountId === null) return [];
  }
  const ascending = keyset.after === undefined && keyset.before !== undefined;
  const byDate = accountId === null && !keyset.sequential && (await findByDate(filters, database));
  const rows = await transfersOf(matchingTransfers(filters, accountId, keyset, byDate), ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`, database);
  return withNames(rows, database);
}

export interface KeysetCursor {
  /** Continue with rows older than this one. */
  after?: string;
  /** Go back to rows newer than this one. */
  before?: string;
}

export interface KeysetPage<T> {
  rows: T[];
  /** The first row's key when there are newer rows (for `before`). */
  newerCursor: string | null;
  /** The last row's key when there are older rows (for `after`). */
  olderCursor: string | null;
}

const cursorValue = (v: string | undefined) => (v && /^\d{1,18}$/.test(v) ? BigInt(v) : undefined);

type CameFrom = "top" | "newer" | "older";

/**
 * One page, newest first, from rows read one past the page size in the keyset's direction (rows
 * read towards newer ones come oldest first): the extra row only says there is more that way.
 */
function pageOf<T>(rows: T[], size: number, key: (row: T) => string, cameFrom: CameFrom): KeysetPage<T> {
  const more = rows.length > size;
  const kept = rows.slice(0, size);
  const page = cameFrom === "older" ? kept.reverse() : kept;
  const first = page[0] ? key(page[0]) : null;
  const last = page.at(-1) ? key(page.at(-1)!) : null;
  return {
    rows: page,
    // Past a cursor there is always the cursor's own row on the side we came from.
    newerCursor: cameFrom === "older" ? (more ? first : null) : cameFrom === "newer" ? first : null,
    olderCursor: cameFrom === "older" ? last : more ? last : null,
  };
}

function direction(cursor: KeysetCursor): { after?: bigint; before?: bigint; cameFrom: CameFrom } {
  const after = cursorValue(cursor.after);
  if (after !== undefined) return { after, cameFrom: "newer" };
  const before = cursorValue(cursor.before);
  if (before !== undefined) return { before, cameFrom: "older" };
  return { cameFrom: "top" };
}

/** A page of transfers matching the filters, newest first. */
export async function listTransfers(filters: TransferFilters, cursor: KeysetCursor = {}, database: PrismaClient = db()): Promise<KeysetPage<TransferRow>> {
  const { after, before, cameFrom } = direction(cursor);
  const rows = await readTransfers(filters, { after, before, limit: TRANSFER_PAGE_SIZE + 1 }, database);
  return pageOf(rows, TRANSFER_PAGE_SIZE, (r) => r.id, cameFrom);
}

// -------------------------------------------------------------------------------------------
// One transfer

export interface EntryView {
  accountId: number;
  accountName: string;
  seq: number;
  amountMinutes: number;
  balanceAfterMinutes: number;
}

/** The account a reversal takes the minutes back from (the original's credit side), as it is now. */
export interface ReversalPayer extends AccountRef {
  balanceMinutes: number;
  heldMinutes: number;
  floorMinutes: number | null;
}

export interface TransferDetail extends TransferRow {
  idempotencyKey: string;
  holdId: string | null;
  /** The exchange this transfer (or the transfer it reverses) settled. */
  exchange: { id: string; title: string; state: string } | null;
  reversedBy: { id: string; at: Date; memo: string | null; actorName: string | null } | null;
  reverses: { id: string; kind: TransferKind; at: Date } | null;
  entries: EntryView[];
  reversalPayer: ReversalPayer;
}

export const parseTransferId = (id: unknown): bigint | null => (typeof id === "string" && /^[1-9]\d{0,17}$/.test(id) ? BigInt(id) : null);

export async function getTransferDetail(id: string, database: PrismaClient = db()): Promise<TransferDetail | null> {
  const transferId = parseTransferId(id);
  if (transferId === null) return null;
  const [r] = await transfersOf(Prisma.sql`SELECT ${TRANSFER_FIELDS} FROM ledger_transfers t WHERE t.id = ${transferId}::bigint`, Prisma.sql`ASC`, database);
  if (!r) return null;
  const row = toTransferRow(r, await namesOf([r.debit_account_id, r.credit_account_id], [r.actor_id], database));
  const [entries, reversedBy, reverses, payer] = await Promise.all([
    database.$queryRaw<{ account_id: number; account_name: string; seq: number; amount_minutes: number; balance_after_minutes: number }[]>`
      SELECT e.account_id, coalesce(m.name, m.email, a.name) AS account_name, e.seq, e.amount_minutes, e.balance_after_minutes
        FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id LEFT JOIN members m ON m.id = a.member_id
       WHERE e.transfer_id = ${transferId}::bigint ORDER BY e.amount_minutes`,
    r.reversed_by_id === null
      ? null
      : database.ledgerTransfer.findUnique({ where: { id: r.reversed_by_id }, select: { id: true, createdAt: true, memo: true, actorId: true } }),
    r.reverses_transfer_id === null
      ? null
      : database.ledgerTransfer.findUnique({ where: { id: r.reverses_transfer_id }, select: { id: true, kind: true, createdAt: true, exchangeId: true } }),
    database.ledgerAccount.findUniqueOrThrow({ where: { id: r.credit_account_id }, select: { balanceMinutes: true, heldMinutes: true, floorMinutes: true } }),
  ]);
  const exchangeId = r.exchange_id ?? reverses?.exchangeId ?? null;
  const [exchange, reverser] = await Promise.all([
    exchangeId ? database.exchange.findUnique({ where: { id: exchangeId }, select: { id: true, title: true, state: true } }) : null,
    reversedBy?.actorId ? database.user.findUnique({ where: { id: reversedBy.actorId }, select: { name: true } }) : null,
  ]);
  return {
    ...row,
    idempotencyKey: r.idempotency_key,
    holdId: r.hold_id?.toString() ?? null,
    exchange,
    reversedBy: reversedBy ? { id: reversedBy.id.toString(), at: reversedBy.createdAt, memo: reversedBy.memo, actorName: reverser?.name ?? null } : null,
    reverses: reverses ? { id: reverses.id.toString(), kind: reverses.kind, at: reverses.createdAt } : null,
    entries: entries.map((e) => ({
      accountId: e.account_id,
      accountName: e.account_name,
      seq: e.seq,
      amountMinutes: e.amount_minutes,
      balanceAfterMinutes: e.balance_after_minutes,
    })),
    reversalPayer: { ...row.to, ...payer },
  };
}

// -------------------------------------------------------------------------------------------
// Accounts: a statement, a header, a picker

export interface AccountHeader {
  id: number;
  kind: LedgerAccountKind;
  name: string;
  code: string | null;
  member: { id: string; name: string | null; email: string; status: MemberStatus } | null;
  balanceMinutes: number;
  heldMinutes: number;
  /** Null for the system accounts, which have no floor. */
  floorMinutes: number | null;
  /** What the account can still pay: balance less holds, down to its floor (null without a floor). */
  availableMinutes: number | null;
  entryCount: number;
  openedAt: Date;
}

const accountSelect = {
  id: true,
  kind: true,
  name: true,
  code: true,
  balanceMinutes: true,
  heldMinutes: true,
  floorMinutes: true,
  entryCount: true,
  createdAt: true,
  member: { select: { id: true, name: true, email: true, status: true } },
} satisfies Prisma.LedgerAccountSelect;

function toHeader(a: Prisma.LedgerAccountGetPayload<{ select: typeof accountSelect }>): AccountHeader {
  return {
    id: a.id,
    kind: a.kind,
    name: a.member ? (a.member.name ?? a.member.email) : a.name,
    code: a.code,
    member: a.member,
    balanceMinutes: a.balanceMinutes,
    heldMinutes: a.heldMinutes,
    floorMinutes: a.floorMinutes,
    availableMinutes: a.floorMinutes === null ? null : a.balanceMinutes - a.heldMinutes - a.floorMinutes,
    entryCount: a.entryCount,
    openedAt: a.createdAt,
  };
}

export const parseAccountId = (id: unknown): number | null => (typeof id === "string" && /^[1-9]\d{0,8}$/.test(id) ? Number(id) : null);

export async function accountHeader(accountId: number, database: PrismaClient = db()): Promise<AccountHeader | null> {
  const a = await database.ledgerAccount.findUnique({ where: { id: accountId }, select: accountSelect });
  return a ? toHeader(a) : null;
}

/** A member's account header, or null when the member or their account does not exist. */
export async function accountOfMember(memberId: string, database: PrismaClient = db()): Promise<AccountHeader | null> {
  if (!isUuid(memberId)) return null;
  const a = await database.ledgerAccount.findUnique({ where: { memberId }, select: accountSelect });
  return a ? toHeader(a) : null;
}

export interface StatementLine {
  seq: number;
  transferId: string;
  at: Date;
  kind: TransferKind;
  /** Signed: positive into this account, negative out of it. */
  amountMinutes: number;
  balanceAfterMinutes: number;
  other: AccountRef;
  memo: string | null;
  exchangeId: string | null;
  reversedById: string | null;
  reversesId: string | null;
}

interface StatementSqlRow {
  seq: number;
  transfer_id: bigint;
  created_at: Date;
  kind: TransferKind;
  amount_minutes: number;
  balance_after_minutes: number;
  memo: string | null;
  exchange_id: string | null;
  reverses_transfer_id: bigint | null;
  reversed_by_id: bigint | null;
  other_id: number;
}

export interface StatementKeyset {
  /** Entries with a lower sequence number (older), newest first. */
  after?: number;
  /** Entries with a higher sequence number (newer), oldest first. */
  before?: number;
  limit: number;
}

/**
 * The SQL of up to `limit` of an account's entries with their transfers (the columns of
 * StatementSqlRow), in the keyset's order, walking the (account_id, seq) index.
 */
export function statementRowsSql(accountId: number, keyset: StatementKeyset): Prisma.Sql {
  const ascending = keyset.after === undefined && keyset.before !== undefined;
  const order = ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  // An account's entries are numbered 1, 2, 3… without gaps (the chain checks it), so the next
  // `limit` of them lie in a range of exactly that width: the planner reads just those.
  const bound =
    keyset.after !== undefined
      ? Prisma.sql`AND seq < ${keyset.after}::int AND seq >= ${keyset.after - keyset.limit}::int`
      : keyset.before !== undefined
        ? Prisma.sql`AND seq > ${keyset.before}::int AND seq <= ${keyset.before + keyset.limit}::int`
        : Prisma.empty;
  return Prisma.sql`
    SELECT e.seq, e.transfer_id, e.created_at, t.kind::text AS kind, e.amount_minutes, e.balance_after_minutes,
           t.memo, t.exchange_id, t.reverses_transfer_id,
           (SELECT r.id FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id) AS reversed_by_id,
           CASE WHEN t.debit_account_id = e.account_id THEN t.credit_account_id ELSE t.debit_account_id END AS other_id
      FROM (SELECT * FROM ledger_entries WHERE account_id = ${accountId}::int ${bound} ORDER BY seq ${order} LIMIT ${keyset.limit}) e
      -- LATERAL: each entry's transfer by its key; a join could hash the whole transfers table for a large batch.
      CROSS JOIN LATERAL (SELECT * FROM ledger_transfers x WHERE x.id = e.transfer_id) t
     ORDER BY e.seq ${order}`;
}

/** Up to `limit` of an account's entries, in the keyset's order, walking the (account_id, seq) index. */
export async function readStatement(accountId: number, keyset: StatementKeyset, database: PrismaClient = db()): Promise<StatementLine[]> {
  const rows = await database.$queryRaw<StatementSqlRow[]>(statementRowsSql(accountId, keyset));
  const names = await namesOf(rows.map((r) => r.other_id), [], database);
  return rows.map((r) => ({
    seq: r.seq,
    transferId: r.transfer_id.toString(),
    at: r.created_at,
    kind: r.kind,
    amountMinutes: r.amount_minutes,
    balanceAfterMinutes: r.balance_after_minutes,
    other: accountRef(names, r.other_id),
    memo: r.memo,
    exchangeId: r.exchange_id,
    reversedById: r.reversed_by_id?.toString() ?? null,
    reversesId: r.reverses_transfer_id?.toString() ?? null,
  }));
}

/** A page of an account's statement, newest first, with the balance after each entry. */
export async function accountStatement(accountId: number, cursor: KeysetCursor = {}, database: PrismaClient = db()): Promise<KeysetPage<StatementLine>> {
  const { after, before, cameFrom } = direction(cursor);
  const toSeq = (v: bigint | undefined) => (v !== undefined && v <= 2_147_483_647n ? Number(v) : undefined);
  const rows = await readStatement(accountId, { after: toSeq(after), before: toSeq(before), limit: STATEMENT_PAGE_SIZE + 1 }, database);
  return pageOf(rows, STATEMENT_PAGE_SIZE, (r) => String(r.seq), cameFrom);
}

export interface AccountMatch {
  accountId: number;
  kind: LedgerAccountKind;
  name: string;
  code: string | null;
  member: { id: string; email: string; status: MemberStatus } | null;
  balanceMinutes: number;
}

/**
 * Accounts for a picker: members whose name or email contains the text, and bank accounts (the
 * system accounts and pools) whose code or name does; with no text, the bank's accounts. An exact
 * email address finds that member only.
 */
export async function findAccounts(query: string, options: { membersOnly?: boolean } = {}, database: PrismaClient = db()): Promise<AccountMatch[]> {
  const q = query.trim().slice(0, ACCOUNT_SEARCH_MAX_CHARS);
  const memberCondition: Prisma.LedgerAccountWhereInput = q.includes("@")
    ? { member: { email: { equals: q, mode: "insensitive" } } }
    : { member: { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }] } };
  const bankCondition: Prisma.LedgerAccountWhereInput = {
    memberId: null,
    ...(q ? { OR: [{ code: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] } : {}),
  };
  const conditions = [...(q ? [memberCondition] : []), ...(options.membersOnly ? [] : [bankCondition])];
  if (conditions.length === 0) return [];
  const accounts = await database.ledgerAccount.findMany({
    where: { OR: conditions },
    select: { id: true, kind: true, name: true, code: true, balanceMinutes: true, member: { select: { id: true, name: true, email: true, status: true } } },
    orderBy: [{ kind: "desc" }, { member: { name: "asc" } }, { id: "asc" }],
    take: ACCOUNT_SEARCH_LIMIT,
  });
  return accounts.map((a) => ({
    accountId: a.id,
    kind: a.kind,
    name: a.member ? (a.member.name ?? a.member.email) : a.name,
    code: a.code,
    member: a.member ? { id: a.member.id, email: a.member.email, status: a.member.status } : null,
    balanceMinutes: a.balanceMinutes,
  }));
}
