// The ledger as CSV (RFC 4180) for an admin or an auditor: the transfers matching the review's
// filters, or one account's statement. Rows are read in keyset batches and handed on as the
// client takes them, so a million rows never sit in memory. Each batch is one query that returns
// the batch's CSV text already written by PostgreSQL (lib/csv-sql.ts, the same cells as
// lib/csv.ts), so Node holds one string per batch, never the rows as objects. Amounts come in
// minutes (exact) and hours (two decimals, trailing zeros dropped: 1.5, 2); times are UTC ISO 8601.
import { lockAdmin } from "../admin/guard";
import { csvLine, streamOf } from "../csv";
import { csvHoursNumberSql, csvLineSql, csvPlainSql, csvTextSql, csvTimestampSql } from "../csv-sql";
import { writeAudit } from "../audit/write";
import { now } from "../clock";
import { db, Prisma, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { notFound } from "../errors";
import { isoDay } from "../format/date";
import { accountHeader, sequentialTransferBatches, statementRowsSql, transferFilterParams, type TransferFilters } from "./queries";

/** Rows read per query while streaming. */
export const CSV_BATCH_ROWS = 2000;

/**
 * The account `id` as the review names it (namesOf): `name` is the member's name, else their
 * email, else the account's own name; `member_id` the member's. Joined LATERAL, behind OFFSET 0
 * so that PostgreSQL does not flatten it into a join: each row's account is then two index
 * lookups (remembered for repeated accounts), never a hash of every account read for each batch.
 */
const accountOf = (id: Prisma.Sql) => Prisma.sql`(SELECT coalesce(m.name, m.email, a.name) AS name, a.member_id
    FROM ledger_accounts a LEFT JOIN members m ON m.id = a.member_id WHERE a.id = ${id} OFFSET 0)`;

export const TRANSFER_CSV_COLUMNS = [
  "id",
  "created_at_utc",
  "kind",
  "from_account_id",
  "from_account",
  "from_member_id",
  "to_account_id",
  "to_account",
  "to_member_id",
  "minutes",
  "hours",
  "memo",
  "actor",
  "exchange_id",
  "reverses_transfer_id",
  "reversed_by_transfer_id",
];

/** The line of a transfer, from the columns of transferBatchSql's row v. */
const TRANSFER_LINE = csvLineSql([
  csvPlainSql(Prisma.sql`v.id`),
  csvTimestampSql(Prisma.sql`v.created_at`),
  csvPlainSql(Prisma.sql`v.kind`),
  csvPlainSql(Prisma.sql`v.debit_account_id`),
  csvTextSql(Prisma.sql`v.from_name`),
  csvPlainSql(Prisma.sql`v.from_member_id`),
  csvPlainSql(Prisma.sql`v.credit_account_id`),
  csvTextSql(Prisma.sql`v.to_name`),
  csvPlainSql(Prisma.sql`v.to_member_id`),
  csvPlainSql(Prisma.sql`v.amount_minutes`),
  csvHoursNumberSql(Prisma.sql`v.amount_minutes`),
  csvTextSql(Prisma.sql`v.memo`),
  csvTextSql(Prisma.sql`v.actor_name`),
  csvPlainSql(Prisma.sql`v.exchange_id`),
  csvPlainSql(Prisma.sql`v.reverses_transfer_id`),
  csvPlainSql(Prisma.sql`v.reversed_by_id`),
]);

/** One batch written as CSV: its text (null when empty), the last key for the next batch, and how many rows. */
interface CsvBatch<K> {
  csv: string | null;
  last: K | null;
  n: number;
}

/** The transfers of `page` (TRANSFER_FIELDS) with their names and reversal, as CSV lines in id order. */
function transferBatchSql(page: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT string_agg(${TRANSFER_LINE}, '' ORDER BY v.id) AS csv, max(v.id) AS last, count(*)::int AS n
      FROM (SELECT p.id, p.created_at, p.kind, p.debit_account_id, p.credit_account_id, p.amount_minutes, p.memo,
                   p.exchange_id, p.reverses_transfer_id,
                   coalesce(da.name, 'Account ' || p.debit_account_id) AS from_name, da.member_id AS from_member_id,
                   coalesce(ca.name, 'Account ' || p.credit_account_id) AS to_name, ca.member_id AS to_member_id,
                   am.name AS actor_name,
                   (SELECT r.id FROM ledger_transfers r WHERE r.reverses_transfer_id = p.id) AS reversed_by_id
              FROM (${page}) p
              LEFT JOIN LATERAL ${accountOf(Prisma.sql`p.debit_account_id`)} da ON true
              LEFT JOIN LATERAL ${accountOf(Prisma.sql`p.credit_account_id`)} ca ON true
              LEFT JOIN LATERAL (SELECT m.name FROM members m WHERE m.id = p.actor_id OFFSET 0) am ON true) v`;
}

export const STATEMENT_CSV_COLUMNS = [
  "seq",
  "transfer_id",
  "created_at_utc",
  "kind",
  "other_account_id",
  "other_account",
  "other_member_id",
  "minutes",
  "hours",
  "balance_after_minutes",
  "balance_after_hours",
  "memo",
  "exchange_id",
  "reverses_transfer_id",
  "reversed_by_transfer_id",
];

/** The line of an entry, from the columns of statementBatchSql's row v. */
const STATEMENT_LINE = csvLineSql([
  csvPlainSql(Prisma.sql`v.seq`),
  csvPlainSql(Prisma.sql`v.transfer_id`),
  csvTimestampSql(Prisma.sql`v.created_at`),
  csvPlainSql(Prisma.sql`v.kind`),
  csvPlainSql(Prisma.sql`v.other_id`),
  csvTextSql(Prisma.sql`v.other_name`),
  csvPlainSql(Prisma.sql`v.other_member_id`),
  csvPlainSql(Prisma.sql`v.amount_minutes`),
  csvHoursNumberSql(Prisma.sql`v.amount_minutes`),
  csvPlainSql(Prisma.sql`v.balance_after_minutes`),
  csvHoursNumberSql(Prisma.sql`v.balance_after_minutes`),
  csvTextSql(Prisma.sql`v.memo`),
  csvPlainSql(Prisma.sql`v.exchange_id`),
  csvPlainSql(Prisma.sql`v.reverses_transfer_id`),
  csvPlainSql(Prisma.sql`v.reversed_by_id`),
]);

/** The entries of `rows` (statementRowsSql) with the other account's name, as CSV lines in seq order. */
function statementBatchSql(rows: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT string_agg(${STATEMENT_LINE}, '' ORDER BY v.seq) AS csv, max(v.seq) AS last, count(*)::int AS n
      FROM (SELECT s.seq, s.transfer_id, s.created_at, s.kind, s.amount_minutes, s.balance_after_minutes, s.memo, s.exchange_id,
                   s.reverses_transfer_id, s.reversed_by_id, s.other_id,
                   coalesce(oa.name, 'Account ' || s.other_id) AS other_name, oa.member_id AS other_member_id
              FROM (${rows}) s
              LEFT JOIN LATERAL ${accountOf(Prisma.sql`s.other_id`)} oa ON true) v`;
}

async function readBatch<K>(sql: Prisma.Sql, database: PrismaClient): Promise<CsvBatch<K>> {
  const [batch] = await database.$queryRaw<CsvBatch<K>[]>(sql);
  return batch ?? { csv: null, last: null, n: 0 };
}

export interface CsvOptions {
  batchRows?: number;
}

/** The header, then every transfer matching the filters, oldest first: one chunk of text per batch. */
export async function* transfersCsv(filters: TransferFilters, options: CsvOptions = {}, database: PrismaClient = db()): AsyncGenerator<string> {
  const batch = options.batchRows ?? CSV_BATCH_ROWS;
  yield csvLine(TRANSFER_CSV_COLUMNS);
  const pageAfter = await sequentialTransferBatches(filters, database);
  if (!pageAfter) return;
  let cursor = 0n;
  for (;;) {
    const { csv, last, n } = await readBatch<bigint>(transferBatchSql(pageAfter(cursor, batch)), database);
    if (csv) yield csv;
    if (n < batch || last === null) return;
    cursor = last;
  }
}

/** The header, then every entry of the account, oldest first, with the balance after each. */
export async function* statementCsv(accountId: number, options: CsvOptions = {}, database: PrismaClient = db()): AsyncGenerator<string> {
  const batch = options.batchRows ?? CSV_BATCH_ROWS;
  yield csvLine(STATEMENT_CSV_COLUMNS);
  let seq = 0;
  for (;;) {
    const { csv, last, n } = await readBatch<number>(statementBatchSql(statementRowsSql(accountId, { before: seq, limit: batch })), database);
    if (csv) yield csv;
    if (n < batch || last === null) return;
    seq = last;
  }
}

export interface CsvExport {
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

/** Re-checks the admin and records the export (with its filters) before the first byte is sent. */
async function recordExport(adminId: string, details: Record<string, string | number>, database: PrismaClient): Promise<void> {
  await transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    await writeAudit(tx, { actorId: adminId, action: "ledger.export", details });
  });
}

export async function exportTransfersCsv(adminId: string, filters: TransferFilters, database: PrismaClient = db()): Promise<CsvExport> {
  const used = Object.fromEntries(Object.entries(transferFilterParams(filters)).filter((e): e is [string, string] => e[1] !== undefined));
  await recordExport(adminId, { export: "transfers", ...used }, database);
  return { filename: `transfers-${isoDay(now())}.csv`, stream: streamOf(transfersCsv(filters, {}, database)) };
}

export async function exportStatementCsv(adminId: string, accountId: number, database: PrismaClient = db()): Promise<CsvExport> {
  if (!(await accountHeader(accountId, database))) throw notFound("That account");
  await recordExport(adminId, { export: "statement", accountId }, database);
  return { filename: `statement-account-${accountId}-${isoDay(now())}.csv`, stream: streamOf(statementCsv(accountId, {}, database)) };
}
