// The ledger as CSV (RFC 4180) for an admin or an auditor: the transfers matching the review's
// filters, or one account's statement. Rows are read in keyset batches and handed on as the
// client takes them, so a million rows never sit in memory. Amounts come in minutes (exact) and
// hours (two decimals); times are UTC ISO 8601.
import { lockAdmin } from "../admin/guard";
import { csvLine, streamOf } from "../csv";
import { writeAudit } from "../audit/write";
import { now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { notFound } from "../errors";
import { isoDay } from "../format/date";
import { accountHeader, readStatement, readTransfers, transferFilterParams, type StatementLine, type TransferFilters, type TransferRow } from "./queries";

/** Rows read per query while streaming. */
export const CSV_BATCH_ROWS = 2000;

type Cell = string | number | null;

const hours = (minutes: number) => Number((minutes / 60).toFixed(2));

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

function transferCells(t: TransferRow): Cell[] {
  return [
    t.id,
    t.at.toISOString(),
    t.kind,
    t.from.accountId,
    t.from.name,
    t.from.memberId,
    t.to.accountId,
    t.to.name,
    t.to.memberId,
    t.minutes,
    hours(t.minutes),
    t.memo,
    t.actorName,
    t.exchangeId,
    t.reversesId,
    t.reversedById,
  ];
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

function statementCells(e: StatementLine): Cell[] {
  return [
    e.seq,
    e.transferId,
    e.at.toISOString(),
    e.kind,
    e.other.accountId,
    e.other.name,
    e.other.memberId,
    e.amountMinutes,
    hours(e.amountMinutes),
    e.balanceAfterMinutes,
    hours(e.balanceAfterMinutes),
    e.memo,
    e.exchangeId,
    e.reversesId,
    e.reversedById,
  ];
}

export interface CsvOptions {
  batchRows?: number;
}

/** The header, then every transfer matching the filters, oldest first: one chunk of text per batch. */
export async function* transfersCsv(filters: TransferFilters, options: CsvOptions = {}, database: PrismaClient = db()): AsyncGenerator<string> {
  const batch = options.batchRows ?? CSV_BATCH_ROWS;
  yield csvLine(TRANSFER_CSV_COLUMNS);
  let cursor = 0n;
  for (;;) {
    const rows = await readTransfers(filters, { before: cursor, limit: batch, sequential: true }, database);
    if (rows.length > 0) yield rows.map((r) => csvLine(transferCells(r))).join("");
    if (rows.length < batch) return;
    cursor = BigInt(rows.at(-1)!.id);
  }
}

/** The header, then every entry of the account, oldest first, with the balance after each. */
export async function* statementCsv(accountId: number, options: CsvOptions = {}, database: PrismaClient = db()): AsyncGenerator<string> {
  const batch = options.batchRows ?? CSV_BATCH_ROWS;
  yield csvLine(STATEMENT_CSV_COLUMNS);
  let seq = 0;
  for (;;) {
    const rows = await readStatement(accountId, { before: seq, limit: batch }, database);
    if (rows.length > 0) yield rows.map((r) => csvLine(statementCells(r))).join("");
    if (rows.length < batch) return;
    seq = rows.at(-1)!.seq;
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
