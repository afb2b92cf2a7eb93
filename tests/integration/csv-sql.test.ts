// The CSV cells written by PostgreSQL (lib/csv-sql.ts) against the JavaScript writer (lib/csv.ts)
// for awkward values, and the ledger exports, now written in SQL, against the JavaScript
// formatter they replaced (kept here as the reference): byte for byte, chunk for chunk, over a
// bank with reversals, exchanges, donations, awkward memos and names, and every filter.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { csvCell, csvLine, type CsvValue } from "../../lib/csv";
import { csvHoursNumberSql, csvLineSql, csvPlainSql, csvTextSql, csvTimestampSql } from "../../lib/csv-sql";
import { Prisma } from "../../lib/db/client";
import { hold, postHold, reverse, systemAccountId, transfer } from "../../lib/ledger";
import { STATEMENT_CSV_COLUMNS, statementCsv, TRANSFER_CSV_COLUMNS, transfersCsv } from "../../lib/ledger-admin/csv";
import { readStatement, readTransfers, type StatementLine, type TransferFilters, type TransferRow } from "../../lib/ledger-admin/queries";
import { parseCsv } from "../helpers/csv";
import { useTestDatabase } from "../helpers/db";
import { sql } from "../helpers/ledger";
import { createMember, type TestMember } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const raw = await database.pgClient();

const NASTY: (string | null)[] = [
  "",
  " ",
  "  padded  ",
  "plain",
  "=1+1",
  "+44",
  "-3",
  "-",
  "@x",
  "\tleading tab",
  "\rleading CR",
  "\r",
  "\n",
  "\r\n",
  "\nleading LF",
  "a,b",
  ",",
  'say "hi"',
  '"',
  '""""""',
  "line one\r\nline two\nline three\rline four",
  "=HYPERLINK(\"http://evil.example\",\"Click\")",
  "-2+3, then \"more\"",
  "a\tb (tab inside, not first)",
  " =1 (space first)",
  "'quoted already",
  "trailing CR\r",
  "emoji 😀👩🏽‍⚕️ and a flag 🏴󠁧󠁢󠁷󠁬󠁳󠁿",
  "😀=1",
  "Welsh: ŵ ŷ Ŵ, Llanfairpwllgwyngyll",
  "RTL: עברית والعربية",
  "\u200f=1 (right-to-left mark first)",
  "x".repeat(10_000),
  `${'a,"b"\r\n'.repeat(1_000)}end`,
  `=${"long formula ".repeat(800)}`,
  null,
];

describe("the cells written in SQL", () => {
  it("write every awkward text as csvCell does", async () => {
    const rows = await prisma.$queryRaw<{ ord: bigint; cell: string }[]>`
      SELECT u.ord, ${csvTextSql(Prisma.sql`u.v`)} AS cell
        FROM unnest(${NASTY}::text[]) WITH ORDINALITY AS u(v, ord) ORDER BY u.ord`;
    expect(rows.map((r) => r.cell)).toEqual(NASTY.map((v) => csvCell(v)));
    // One at a time, as a parameter rather than a column, too.
    for (const v of NASTY) {
      const [one] = await prisma.$queryRaw<{ cell: string }[]>`SELECT ${csvTextSql(Prisma.sql`${v}::text`)} AS cell`;
      expect(one!.cell).toBe(csvCell(v));
    }
  });

  it("write integers, uuids and NULL as they are, negative numbers too", async () => {
    const uuid = randomUUID();
    const [row] = await prisma.$queryRaw<{ cells: string[] }[]>`
      SELECT ARRAY[${csvPlainSql(Prisma.sql`0`)}, ${csvPlainSql(Prisma.sql`-90`)}, ${csvPlainSql(Prisma.sql`2147483647`)},
                   ${csvPlainSql(Prisma.sql`(-2147483648)::int`)}, ${csvPlainSql(Prisma.sql`9007199254740993::bigint`)},
                   ${csvPlainSql(Prisma.sql`${uuid}::uuid`)}, ${csvPlainSql(Prisma.sql`NULL::bigint`)},
                   ${csvPlainSql(Prisma.sql`'reversal'::transfer_kind`)}] AS cells`;
    const expected: CsvValue[] = [0, -90, 2147483647, -2147483648, 9007199254740993n, uuid, null, "reversal"];
    expect(row!.cells).toEqual(expected.map(csvCell));
  });

  it("write hours as a JavaScript number rounded to two decimals prints them", async () => {
    const minutes = [...Array.from({ length: 4001 }, (_, i) => i - 2000), 59_999, 1_000_000, -1_000_000, 2_147_483_647, -2_147_483_648];
    const rows = await prisma.$queryRaw<{ cell: string }[]>`
      SELECT ${csvHoursNumberSql(Prisma.sql`u.m`)} AS cell FROM unnest(${minutes}::int[]) WITH ORDINALITY AS u(m, ord) ORDER BY u.ord`;
    expect(rows.map((r) => r.cell)).toEqual(minutes.map((m) => csvCell(Number((m / 60).toFixed(2)))));
  });

  it("write timestamps as toISOString does, in UTC whatever the session's time zone", async () => {
    const stamps = ["2026-01-10 23:59:59.999999+00", "2026-01-11 00:00:00+00", "2026-03-29 01:30:00.5+02", "1999-12-31 23:59:59.0004-05:30", "2026-06-01 12:00:00.123456+00"];
    const expected = ["2026-01-10T23:59:59.999Z", "2026-01-11T00:00:00.000Z", "2026-03-28T23:30:00.500Z", "2000-01-01T05:29:59.000Z", "2026-06-01T12:00:00.123Z"];
    for (const zone of ["UTC", "America/St_Johns", "Pacific/Chatham"]) {
      const rows = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL TimeZone = '${zone}'`);
        return tx.$queryRaw<{ cell: string }[]>`
          SELECT ${csvTimestampSql(Prisma.sql`u.t`)} AS cell FROM unnest(${stamps}::timestamptz[]) WITH ORDINALITY AS u(t, ord) ORDER BY u.ord`;
      });
      expect(rows.map((r) => r.cell)).toEqual(expected);
    }
    // And as a Date read through Prisma prints it (the old export's path).
    const dates = await prisma.$queryRaw<{ t: Date }[]>`SELECT u.t FROM unnest(${stamps}::timestamptz[]) WITH ORDINALITY AS u(t, ord) ORDER BY u.ord`;
    expect(dates.map((d) => d.t.toISOString())).toEqual(expected);
  });

  it("write a whole line as csvLine does", async () => {
    const cells = NASTY.slice(0, 20);
    const [row] = await prisma.$queryRaw<{ line: string }[]>`
      SELECT ${csvLineSql([...cells.map((c) => csvTextSql(Prisma.sql`${c}::text`)), csvPlainSql(Prisma.sql`-90`), csvPlainSql(Prisma.sql`NULL::int`)])} AS line`;
    expect(row!.line).toBe(csvLine([...cells, -90, null]));
  });
});

// ---------------------------------------------------------------------------------------------
// The exports against the JavaScript formatter they replaced

const hours = (minutes: number) => Number((minutes / 60).toFixed(2));

/** The transfer export as lib/ledger-admin/csv.ts wrote it before its cells moved into SQL. */
async function referenceTransfersCsv(filters: TransferFilters, batch: number): Promise<string[]> {
  const cells = (t: TransferRow): CsvValue[] => [
    t.id, t.at.toISOString(), t.kind, t.from.accountId, t.from.name, t.from.memberId, t.to.accountId, t.to.name, t.to.memberId,
    t.minutes, hours(t.minutes), t.memo, t.actorName, t.exchangeId, t.reversesId, t.reversedById,
  ];
  const chunks = [csvLine(TRANSFER_CSV_COLUMNS)];
  let cursor = 0n;
  for (;;) {
    const rows = await readTransfers(filters, { before: cursor, limit: batch, sequential: true }, prisma);
    if (rows.length > 0) chunks.push(rows.map((r) => csvLine(cells(r))).join(""));
    if (rows.length < batch) return chunks;
    cursor = BigInt(rows.at(-1)!.id);
  }
}

/** The statement export as it was written before. */
async function referenceStatementCsv(accountId: number, batch: number): Promise<string[]> {
  const cells = (e: StatementLine): CsvValue[] => [
    e.seq, e.transferId, e.at.toISOString(), e.kind, e.other.accountId, e.other.name, e.other.memberId, e.amountMinutes, hours(e.amountMinutes),
    e.balanceAfterMinutes, hours(e.balanceAfterMinutes), e.memo, e.exchangeId, e.reversesId, e.reversedById,
  ];
  const chunks = [csvLine(STATEMENT_CSV_COLUMNS)];
  let seq = 0;
  for (;;) {
    const rows = await readStatement(accountId, { before: seq, limit: batch }, prisma);
    if (rows.length > 0) chunks.push(rows.map((r) => csvLine(cells(r))).join(""));
    if (rows.length < batch) return chunks;
    seq = rows.at(-1)!.seq;
  }
}

async function collect(chunks: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

const MEMOS = [
  'Audit, "PDSA" cycle',
  "line one\nline two\r\nline three",
  "=SUM(A1:A9)",
  "+44 7700 900000",
  "-2+3",
  "@import",
  "\ttabbed",
  "plain",
  "Diolch yn fawr ŵ 🙏",
  "שלום, \"friend\"",
  '"',
  "",
  null,
];

let named: TestMember;
let unnamed: TestMember;
let awkward: TestMember;
let formula: TestMember;
let quiet: TestMember;
let unnamedAdmin: TestMember;
let formulaAdmin: TestMember;
let issuance: number;
let adjustment: number;
let total = 0;

const key = () => `test-${randomUUID()}`;

beforeAll(async () => {
  named = await createMember(prisma, { name: "Priya Shah", balanceMinutes: 6000 });
  unnamed = await createMember(prisma, { balanceMinutes: 3000 });
  awkward = await createMember(prisma, { name: 'Jones, "Sam"\nWard 7', balanceMinutes: 3000 });
  formula = await createMember(prisma, { name: "-1+2 Lee 😀", balanceMinutes: 3000 });
  quiet = await createMember(prisma, { name: "@quiet" });
  unnamedAdmin = await createMember(prisma, { role: "admin" });
  formulaAdmin = await createMember(prisma, { name: "=cmd|' /C calc'!A0", role: "admin" });
  await prisma.user.updateMany({ where: { id: { in: [unnamed.id, unnamedAdmin.id] } }, data: { name: null } });
  issuance = await systemAccountId("issuance", prisma);
  adjustment = await systemAccountId("adjustment", prisma);

  const people = [named, unnamed, awkward, formula, quiet];
  for (let i = 0; i < 60; i++) {
    const from = people[i % 4]!;
    const to = people[((i % 4) + 1 + (i % 3)) % 5]!;
    const memo = MEMOS[i % MEMOS.length]!;
    const minutes = 1 + ((i * 37) % 240);
    let id: bigint;
    if (i % 3 === 0) {
      const h = await hold({ debitAccountId: from.accountId, creditAccountId: to.accountId, amountMinutes: minutes, idempotencyKey: key(), exchangeId: randomUUID(), memo }, prisma);
      id = (await postHold({ holdId: h.holdId, idempotencyKey: key(), actorId: i % 2 ? formulaAdmin.id : null }, prisma)).transferId;
    } else {
      id = (await transfer({ kind: "donation", debitAccountId: from.accountId, creditAccountId: to.accountId, amountMinutes: minutes, idempotencyKey: key(), memo }, prisma)).transferId;
    }
    if (i % 4 === 1) await reverse({ transferId: id, idempotencyKey: key(), actorId: i % 8 === 1 ? unnamedAdmin.id : formulaAdmin.id, memo: MEMOS[(i + 3) % MEMOS.length] }, prisma);
    if (i % 10 === 5) {
      await transfer({ kind: "adjustment", debitAccountId: adjustment, creditAccountId: to.accountId, amountMinutes: 30 + i, idempotencyKey: key(), actorId: unnamedAdmin.id, memo }, prisma);
    }
  }
  // Back-dated, with microseconds, across day boundaries (the triggers still check every rule).
  for (const [at, from, to, minutes] of [
    ["2026-01-10T23:59:59.999999Z", named, formula, 45],
    ["2026-01-11T00:00:00.000001Z", formula, named, 90],
    ["2026-02-20T12:00:00.5Z", awkward, unnamed, 120],
    ["2025-12-31T23:59:59.9995Z", unnamed, awkward, 61],
  ] as const) {
    await sql(raw, `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, created_at, memo) VALUES ('donation', $1, $2, $3, $4, $5, $6)`, [
      from.accountId,
      to.accountId,
      minutes,
      key(),
      at,
      `back-dated, "${at}"`,
    ]);
  }
  await transfer({ kind: "grant", debitAccountId: issuance, creditAccountId: quiet.accountId, amountMinutes: 59, idempotencyKey: key(), actorId: formulaAdmin.id, memo: "+ welcome" }, prisma);
  total = await prisma.ledgerTransfer.count();
});

const filters = (): TransferFilters[] => [
  {},
  { memberId: named.id },
  { memberId: unnamed.id },
  { memberId: awkward.id, kind: "exchange" },
  { memberId: quiet.id },
  { memberId: unnamedAdmin.id },
  { memberId: randomUUID() },
  { kind: "exchange" },
  { kind: "donation" },
  { kind: "grant" },
  { kind: "adjustment" },
  { kind: "reversal" },
  { state: "reversed" },
  { state: "standing" },
  { state: "reversal" },
  { state: "reversed", memberId: formula.id },
  { state: "reversed", kind: "donation", maxMinutes: 100 },
  { from: "2026-01-11" },
  { to: "2026-01-10" },
  { from: "2026-01-01", to: "2026-02-28" },
  { from: "2025-12-31", to: "2025-12-31" },
  { minMinutes: 45, maxMinutes: 90 },
  { minMinutes: 200 },
  { kind: "donation", maxMinutes: 3 },
  { memberId: named.id, from: "2026-01-01", to: "2026-01-31", minMinutes: 45 },
];

describe("the ledger exports written in SQL", () => {
  it("write the same bytes, in the same chunks, as the JavaScript formatter, for every filter", async () => {
    expect(total).toBeGreaterThan(80);
    for (const f of filters()) {
      for (const batch of [1, 7, 2000]) {
        const reference = await referenceTransfersCsv(f, batch);
        const chunks = await collect(transfersCsv(f, { batchRows: batch }, prisma));
        expect(chunks, `${JSON.stringify(f)} in batches of ${batch}`).toEqual(reference);
      }
    }
    // The bank holds what the comparison is meant to cover.
    const all = (await referenceTransfersCsv({}, 2000)).join("");
    expect(parseCsv(all)).toHaveLength(1 + total);
    for (const text of ['"Audit, ""PDSA"" cycle"', "'=SUM(A1:A9)", "'-1+2 Lee 😀", '"Jones, ""Sam""\nWard 7"', unnamed.email, "'=cmd|' /C calc'!A0", ",1.5,", ",2,"]) {
      expect(all).toContain(text);
    }
  });

  it("write the same statements as the JavaScript formatter", async () => {
    for (const account of [named.accountId, unnamed.accountId, awkward.accountId, formula.accountId, quiet.accountId, unnamedAdmin.accountId, issuance, adjustment]) {
      for (const batch of [1, 11, 2000]) {
        const reference = await referenceStatementCsv(account, batch);
        expect(await collect(statementCsv(account, { batchRows: batch }, prisma)), `account ${account} in batches of ${batch}`).toEqual(reference);
      }
    }
    expect(await collect(statementCsv(999_999, {}, prisma))).toEqual([csvLine(STATEMENT_CSV_COLUMNS)]);
  });
});
