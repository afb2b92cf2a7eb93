// CSV as the admin exports write it (RFC 4180: CRLF after every record, a cell quoted when it
// holds a comma, quote or line break, quotes doubled). Text that a spreadsheet would run as a
// formula (starting with = + - @, tab or CR: OWASP's list) gets a leading ' so it is shown, not
// run; numbers are written as they are, so a negative amount stays a number.

/** A number already written with its decimals, e.g. hours to two places. */
export interface CsvDecimal {
  decimal: string;
}
export type CsvValue = string | number | bigint | CsvDecimal | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`Not a number for a CSV cell: ${value}`);
    return String(value);
  }
  if (typeof value === "object") return value.decimal;
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A whole small file: the header, then the rows. */
export function toCsv(header: readonly string[], rows: readonly CsvValue[][]): string {
  return [header, ...rows].map(csvLine).join("");
}

/** Minutes as hours with two decimals: 90 -> 1.50, -45 -> -0.75. */
export function hoursCell(minutes: number): CsvDecimal {
  return { decimal: (minutes / 60).toFixed(2) };
}

/** Text chunks as a byte stream that asks for the next chunk only when the client has taken the last. */
export function streamOf(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** A CSV download: streamed or whole, never cached, named for the browser's save dialog. */
export function csvResponse(body: ReadableStream<Uint8Array> | string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
