// COPY … FROM STDIN for bulk loads (the large bank, lib/ledger/bulk-load.ts): rows as lines of
// COPY's text format, streamed to the server in chunks.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped; null is \N. */
export function text(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value !== "string") return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** Copies `lines` (each a row ending in a newline) into `table`'s `columns`. */
export async function copyLines(client: pg.ClientBase, table: string, columns: string[], lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const stream = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`));
  async function* chunks() {
    for (let i = 0; i < lines.length; i += 2_000) yield lines.slice(i, i + 2_000).join("");
  }
  await pipeline(Readable.from(chunks()), stream);
}
