// The audit log as CSV (RFC 4180), for an admin to keep or hand to an auditor. Streamed in keyset
// batches, so a long log never sits in memory. Cells a spreadsheet would run as a formula are
// neutralised (a member chooses their own name; a reason is free text).
import { csvLine, streamOf } from "../csv";
import { now } from "../clock";
import { lockAdmin } from "../admin/guard";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { isoDay } from "../format/date";
import { describeAuditAction } from "./actions";
import { readAuditRows, type AuditFilters, type AuditLogRow } from "./queries";
import { writeAudit } from "./write";

/** Rows read per query while streaming. */
export const AUDIT_CSV_BATCH_ROWS = 500;

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at_utc",
  "actor_id",
  "actor_name",
  "actor_email",
  "action",
  "action_label",
  "target_type",
  "target_id",
  "details",
  "ip",
  "user_agent",
] as const;

function rowCells(r: AuditLogRow): (string | null)[] {
  return [
    r.id.toString(),
    r.at.toISOString(),
    r.actorId,
    r.actor?.name ?? null,
    r.actor?.email ?? null,
    r.action,
    describeAuditAction(r.action),
    r.targetType,
    r.targetId,
    r.details === null ? null : JSON.stringify(r.details),
    r.ip,
    r.userAgent,
  ];
}

/** The header, then every entry matching the filters, newest first, one CSV line each. */
export async function* auditCsvLines(filters: AuditFilters, database: PrismaClient = db()): AsyncGenerator<string> {
  yield csvLine([...AUDIT_CSV_COLUMNS]);
  let after: string | undefined;
  for (;;) {
    const rows = await readAuditRows(filters, { after }, AUDIT_CSV_BATCH_ROWS, database);
    for (const r of rows) yield csvLine(rowCells(r));
    if (rows.length < AUDIT_CSV_BATCH_ROWS) return;
    after = rows.at(-1)!.id.toString();
  }
}

/** The lines as a byte stream, read one batch at a time as the client takes them. */
export function auditCsvStream(filters: AuditFilters, database: PrismaClient = db()): ReadableStream<Uint8Array> {
  return streamOf(auditCsvLines(filters, database));
}

export const auditCsvFilename = (at: Date = now()) => `audit-log-${isoDay(at)}.csv`;

/**
 * An admin's export: the admin is re-checked and the export recorded in the audit log (with the
 * filters used) before the first byte is sent.
 */
export async function exportAuditLog(
  adminId: string,
  filters: AuditFilters,
  database: PrismaClient = db(),
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const used = Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string"));
  await transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    await writeAudit(tx, { actorId: adminId, action: "audit.export", details: { filters: used } });
  });
  return { filename: auditCsvFilename(), stream: auditCsvStream(filters, database) };
}
