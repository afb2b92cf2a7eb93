// The cells of lib/csv.ts written by PostgreSQL, for exports that build their CSV text in one query
// per batch (e.g. string_agg of the lines), so that the rows never become JavaScript objects. Each
// helper gives an SQL expression of type text, never NULL, that is byte for byte what csvCell and
// csvLine give for the same value (tests/integration/csv-sql.test.ts compares them).
import { Prisma } from "./db/client";

// PostgreSQL regular expressions (AREs, which read \r \n \t inside brackets too). Written without
// E'' strings, so they mean the same whatever standard_conforming_strings says.
/** A cell is quoted when it holds a quote, a comma, a CR or an LF. */
const NEEDS_QUOTES = Prisma.raw(String.raw`'[",\r\n]'`);
/** Text a spreadsheet would run as a formula: = + - @ tab or CR first (csv.ts FORMULA_START). */
const FORMULA_START = Prisma.raw(String.raw`'^[-=+@\t\r]'`);

/**
 * A text cell: '' for NULL; a leading ' before text that starts like a formula; quoted, quotes
 * doubled, when it holds " , CR or LF. `value` is repeated in the expression: give a column or a
 * cheap expression, not a subquery.
 */
export function csvTextSql(value: Prisma.Sql): Prisma.Sql {
  const v = Prisma.sql`(${value})::text`;
  return Prisma.sql`(CASE
    WHEN ${v} IS NULL THEN ''
    WHEN ${v} ~ ${NEEDS_QUOTES} THEN '"' || CASE WHEN ${v} ~ ${FORMULA_START} THEN '''' ELSE '' END || replace(${v}, '"', '""') || '"'
    WHEN ${v} ~ ${FORMULA_START} THEN '''' || ${v}
    ELSE ${v} END)`;
}

/**
 * A cell whose text never needs quoting or a leading ': an integer (written as it is, a minus
 * sign and all, as csvCell writes numbers), a uuid or an enum's label; '' for NULL. Not for
 * floating-point numbers, whose text PostgreSQL and JavaScript write differently.
 */
export function csvPlainSql(value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce((${value})::text, '')`;
}

/**
 * A timestamptz as Date.toISOString() writes it, YYYY-MM-DDTHH:MM:SS.mmmZ in UTC whatever the
 * session's time zone (microseconds cut, as a Date read from PostgreSQL cuts them); '' for NULL.
 */
export function csvTimestampSql(value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce(to_char((${value}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '')`;
}

/**
 * Minutes as hours rounded to two decimals, written as csvCell writes that JavaScript number
 * (Number((minutes / 60).toFixed(2))): 90 -> 1.5, 120 -> 2, -45 -> -0.75, NULL -> ''. Not
 * hoursCell's fixed two places. Whole minutes never fall halfway between two hundredths of an
 * hour, so numeric's rounding (half away from zero) and toFixed's give the same digits.
 */
export function csvHoursNumberSql(minutes: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce(trim_scale(round((${minutes}) / 60.0, 2))::text, '')`;
}

/** One record: the cells (each from a helper above, so never NULL) joined by commas, then CRLF. */
export function csvLineSql(cells: readonly Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(cells, " || ',' || ")} || chr(13) || chr(10))`;
}
