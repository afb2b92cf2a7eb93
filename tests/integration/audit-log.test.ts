// The audit log: append-only in the database, written with where each request came from, and
// read back by the admin page (every filter, keyset pages without gaps or repeats) and the CSV
// export (which parses back to the same rows, quoting and formula cells included).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRequestContext } from "../../lib/audit/context";
import { AUDIT_CSV_BATCH_ROWS, AUDIT_CSV_COLUMNS, auditCsvStream, exportAuditLog } from "../../lib/audit/csv";
import { AUDIT_PAGE_SIZE, listAuditEntries, parseAuditFilters, type AuditFilters } from "../../lib/audit/queries";
import { recordRefusal, writeAudit } from "../../lib/audit/write";
import { db, type PrismaClient } from "../../lib/db/client";
import { transaction } from "../../lib/db/transaction";
import { useTestDatabase } from "../helpers/db";
import { caught, expectSqlState } from "../helpers/ledger";
import { createMember, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";
import { parseCsv } from "../helpers/csv";

// recordRefusal writes through the app's shared client (db()), which reads DATABASE_URL.
const database = await useTestDatabase();
process.env.DATABASE_URL = database.url;
const prisma = database.prisma();
afterAll(() => db().$disconnect());

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

async function auditRows(client: PrismaClient = prisma) {
  return client.auditLog.findMany({ orderBy: { id: "asc" } });
}

describe("the audit log is append-only", () => {
  let raw: Awaited<ReturnType<typeof database.pgClient>>;

  beforeAll(async () => {
    raw = await database.pgClient();
    const member = await createMember(prisma);
    await writeAudit(prisma, { actorId: member.id, action: "member.approve", targetType: "member", targetId: member.id, details: { welcomeMinutes: 60 } });
    await writeAudit(prisma, { actorId: null, action: "auth.refused", details: { reason: "not signed in" } });
  });

  for (const [what, statement] of [
    ["UPDATE", `UPDATE audit_log SET action = 'member.decline', details = '{"forged": true}'`],
    ["DELETE", `DELETE FROM audit_log`],
    ["TRUNCATE", `TRUNCATE audit_log`],
  ] as const) {
    it(`refuses ${what} by raw SQL (TB006) and nothing changes`, async () => {
      const before = await auditRows();
      expect(before.length).toBeGreaterThanOrEqual(2);
      const err = await caught(() => raw.query(statement));
      expectSqlState(err, "TB006", new RegExp(`append-only: ${what} is refused`));
      expect(await auditRows()).toEqual(before);
    });
  }

  it("refuses to delete a member who has audit entries (their entries would change)", async () => {
    // No ledger account: only the audit log's foreign key stands in the way.
    const member = await prisma.user.create({ data: { email: `${randomUUID()}@test.timebank.invalid` } });
    await writeAudit(prisma, { actorId: member.id, action: "auth.sign_in" });
    const before = await auditRows();
    const err = await caught(() => raw.query(`DELETE FROM members WHERE id = $1`, [member.id]));
    expectSqlState(err, "TB006");
    expect(await auditRows()).toEqual(before);
    expect(await prisma.user.count({ where: { id: member.id } })).toBe(1);
  });

  it("takes its writes back with a transaction that rolls back", async () => {
    const before = await auditRows();
    await expect(
      transaction(prisma, async (tx) => {
        await writeAudit(tx, { actorId: null, action: "settings.update", details: { name: { from: "A", to: "B" } } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await auditRows()).toEqual(before);
  });
});

describe("writeAudit and recordRefusal", () => {
  it("records the address and browser of the request the entry was written in", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    await withRequestContext({ ip: "203.0.113.9", userAgent: FIREFOX }, () =>
      writeAudit(prisma, { actorId: admin.id, action: "ledger.check", details: { ok: true } }),
    );
    const row = await prisma.auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "ledger.check" } });
    expect(row).toMatchObject({ ip: "203.0.113.9", userAgent: FIREFOX, details: { ok: true } });
    expect(Math.abs(row.at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("records no address outside a request", async () => {
    const member = await createMember(prisma);
    await writeAudit(prisma, { actorId: member.id, action: "auth.sign_out" });
    expect(await prisma.auditLog.findFirstOrThrow({ where: { actorId: member.id, action: "auth.sign_out" } })).toMatchObject({ ip: null, userAgent: null });
  });

  it("records a refused request as auth.refused, with who, why, which page and from where", async () => {
    const member = await createMember(prisma);
    await withRequestContext({ ip: "198.51.100.20", userAgent: "curl/8.5.0", path: "/admin/ledger" }, () =>
      recordRefusal(member.id, "not an admin", { code: "forbidden" }),
    );
    const row = await prisma.auditLog.findFirstOrThrow({ where: { actorId: member.id, action: "auth.refused" } });
    expect(row).toMatchObject({
      targetType: "page",
      targetId: "/admin/ledger",
      ip: "198.51.100.20",
      userAgent: "curl/8.5.0",
      details: { reason: "not an admin", code: "forbidden" },
    });
  });

  it("records a refused visitor who is not signed in, without a page when none is known", async () => {
    const marker = randomUUID();
    await withRequestContext({ ip: "198.51.100.21", userAgent: null }, () => recordRefusal(null, `not signed in ${marker}`));
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: "auth.refused", ip: "198.51.100.21" } });
    expect(row).toMatchObject({ actorId: null, targetType: null, targetId: null, details: { reason: `not signed in ${marker}` } });
  });
});

// ---------------------------------------------------------------------------------------------
// Reading: a database of its own, so every expectation is exact.

const readDb = await useTestDatabase();
const reader = readDb.prisma();

let priya: TestMember;
let tom: TestMember;
let formula: TestMember;
let exchangeId: string;
type Row = Awaited<ReturnType<typeof loadAll>>[number];
let all: Row[];

async function loadAll() {
  return reader.auditLog.findMany({ orderBy: { id: "desc" }, include: { actor: { select: { name: true, email: true } } } });
}

const TOM_NAME = 'Tom "Tommy" Reed, RN';
const FORMULA_NAME = '=HYPERLINK("http://evil.example","Click")';
const MULTILINE_REASON = "First line, with a comma\nsecond line with \"quotes\"";

beforeAll(async () => {
  priya = await createMember(reader, { name: "Priya Shah", email: "priya.shah@test.timebank.invalid", role: "admin" });
  tom = await createMember(reader, { name: TOM_NAME, email: "tom.reed@test.timebank.invalid" });
  formula = await createMember(reader, { name: FORMULA_NAME, email: "formula@test.timebank.invalid" });
  exchangeId = (
    await reader.exchange.create({ data: { providerId: tom.id, payerId: priya.id, proposedById: priya.id, title: "Run chart review", agreedMinutes: 60 } })
  ).id;
  // 1,100 entries whose times are not in id order (the page is ordered by id, filtered by time).
  await readDb.pgClient().then((c) =>
    c.query(
      `INSERT INTO audit_log (at, actor_id, action, target_type, target_id, details, ip, user_agent)
       SELECT timestamptz '2027-01-01 00:00:00+00' + ((g * 7919) % 1100) * interval '37 minutes',
              (ARRAY[$1::uuid, $2::uuid, NULL])[1 + g % 3],
              (ARRAY['auth.sign_in', 'member.suspend', 'ledger.reverse', 'settings.update', 'auth.refused', 'member.approve'])[1 + g % 6],
              (ARRAY['member', 'transfer', 'exchange', NULL])[1 + g % 4],
              CASE g % 4 WHEN 0 THEN $5::text WHEN 1 THEN (g % 9)::text WHEN 2 THEN $3::text END,
              jsonb_build_object('n', g),
              '192.0.2.' || (g % 5),
              $4
         FROM generate_series(1, 1100) AS g`,
      [priya.id, tom.id, exchangeId, FIREFOX, tom.id],
    ),
  );
  const at = (iso: string) => new Date(iso);
  await reader.auditLog.createMany({
    data: [
      // the edges of 11 January (UTC)
      { at: at("2027-01-11T00:00:00.000Z"), actorId: priya.id, action: "ledger.adjust", targetType: "transfer", targetId: "42", ip: "192.0.2.30", userAgent: FIREFOX },
      { at: at("2027-01-11T23:59:59.999Z"), actorId: priya.id, action: "member.suspend", targetType: "member", targetId: tom.id, details: { reason: MULTILINE_REASON, from: "active" }, ip: "192.0.2.3" },
      { at: at("2027-01-12T00:00:00.000Z"), actorId: tom.id, action: "auth.sign_out", targetType: "member", targetId: tom.id, ip: "2001:db8::1" },
      { at: at("2027-01-10T23:59:59.999Z"), actorId: formula.id, action: "auth.sign_in", targetType: "member", targetId: formula.id, details: { note: "-2+3", other: "@SUM(A1)" }, ip: "192.0.2.3" },
      { at: at("2027-01-15T12:00:00.000Z"), actorId: priya.id, action: "settings.update", details: { joiningMode: { from: "approval", to: "open" } }, ip: "192.0.2.4" },
      { at: at("2027-01-15T12:30:00.000Z"), actorId: priya.id, action: "dispute.resolve", targetType: "exchange", targetId: exchangeId, details: { note: "+44 7700 900000" } },
    ],
  });
  all = await loadAll();
});

type Predicate = (r: Row) => boolean;

/** Every entry matching the filters, walking the pages forward; checks each page's size. */
async function walkForward(filters: AuditFilters) {
  const pages: string[][] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listAuditEntries(filters, { after }, reader);
    pages.push(page.entries.map((e) => e.id));
    if (!page.olderCursor) break;
    expect(page.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(page.olderCursor).toBe(page.entries.at(-1)!.id);
    after = page.olderCursor;
  }
  return pages;
}

function expectedIds(match: Predicate): string[] {
  return all.filter(match).map((r) => r.id.toString());
}

const dayOf = (r: Row) => r.at.toISOString().slice(0, 10);

describe("listAuditEntries", () => {
  it("pages the whole log newest first, 50 at a time, without gaps or repeats", async () => {
    const pages = await walkForward({});
    const ids = pages.flat();
    expect(ids).toEqual(expectedIds(() => true));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages.length).toBe(Math.ceil(all.length / AUDIT_PAGE_SIZE));
  });

  it("goes back to newer pages with `before`, page for page", async () => {
    const forward = await walkForward({ action: "auth." });
    expect(forward.length).toBeGreaterThan(3);
    let page = await listAuditEntries({ action: "auth." }, { after: forward.at(-2)!.at(-1) }, reader);
    expect(page.entries.map((e) => e.id)).toEqual(forward.at(-1));
    for (let i = forward.length - 2; i >= 0; i--) {
      expect(page.newerCursor).not.toBeNull();
      page = await listAuditEntries({ action: "auth." }, { before: page.newerCursor! }, reader);
      expect(page.entries.map((e) => e.id)).toEqual(forward[i]);
    }
    expect(page.newerCursor).toBeNull();
    expect(page.olderCursor).toBe(forward[0]!.at(-1));
  });

  it("neither repeats nor skips entries when new ones are written between pages", async () => {
    const first = await listAuditEntries({}, {}, reader);
    expect(first.newerCursor).toBeNull();
    await reader.auditLog.create({ data: { action: "auth.sign_in", actorId: tom.id } });
    const second = await listAuditEntries({}, { after: first.olderCursor! }, reader);
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(ids).toEqual(expectedIds(() => true).slice(0, 2 * AUDIT_PAGE_SIZE));
    expect(second.newerCursor).toBe(second.entries[0]!.id);
    all = await loadAll();
  });

  const cases: [string, () => AuditFilters, () => Predicate][] = [
    ["a member id", () => ({ actor: tom.id }), () => (r) => r.actorId === tom.id],
    ["part of a name, in any case", () => ({ actor: "PRIYA" }), () => (r) => r.actorId === priya.id],
    ["part of an email address", () => ({ actor: "tom.reed@" }), () => (r) => r.actorId === tom.id],
    ["one action", () => ({ action: "member.suspend" }), () => (r) => r.action === "member.suspend"],
    ["a group of actions", () => ({ action: "auth." }), () => (r) => r.action.startsWith("auth.")],
    ["a kind of target", () => ({ targetType: "transfer" }), () => (r) => r.targetType === "transfer"],
    ["one target", () => ({ targetType: "member", targetId: tom.id }), () => (r) => r.targetType === "member" && r.targetId === tom.id],
    ["one day, UTC, both edges included", () => ({ from: "2027-01-11", to: "2027-01-11" }), () => (r) => dayOf(r) === "2027-01-11"],
    ["from a day on", () => ({ from: "2027-01-20" }), () => (r) => dayOf(r) >= "2027-01-20"],
    ["up to a day", () => ({ to: "2027-01-03" }), () => (r) => dayOf(r) <= "2027-01-03"],
    ["an exact address", () => ({ ip: "192.0.2.3" }), () => (r) => r.ip === "192.0.2.3"],
    [
      "several at once",
      () => ({ actor: priya.id, action: "member.", from: "2027-01-05", to: "2027-01-14", ip: "192.0.2.3" }),
      () => (r) => r.actorId === priya.id && r.action.startsWith("member.") && dayOf(r) >= "2027-01-05" && dayOf(r) <= "2027-01-14" && r.ip === "192.0.2.3",
    ],
  ];
  for (const [what, filters, match] of cases) {
    it(`filters by ${what}`, async () => {
      const expected = expectedIds(match());
      expect(expected.length, "the test data has entries of this kind").toBeGreaterThan(0);
      expect(expected.length, "and entries of other kinds").toBeLessThan(all.length);
      expect((await walkForward(filters())).flat()).toEqual(expected);
    });
  }

  it("shows an empty page when nothing matches", async () => {
    const page = await listAuditEntries({ ip: "192.0.2.99" }, {}, reader);
    expect(page).toEqual({ entries: [], newerCursor: null, olderCursor: null });
  });

  it("describes each entry: who, what, the target with its link, readable details, where from, UTC time", async () => {
    const page = await listAuditEntries({ actor: priya.id, from: "2027-01-11", to: "2027-01-11" }, {}, reader);
    const suspend = page.entries.find((e) => e.action === "member.suspend" && e.target?.id === tom.id && e.ip === "192.0.2.3");
    expect(suspend).toMatchObject({
      at: "2027-01-11T23:59:59.999Z",
      actor: { id: priya.id, name: "Priya Shah", email: "priya.shah@test.timebank.invalid", link: `/admin/members/${priya.id}` },
      actionLabel: "Suspended a member",
      target: { type: "member", id: tom.id, label: `Member: ${TOM_NAME}`, link: `/admin/members/${tom.id}` },
      detailsText: `from active; reason: ${MULTILINE_REASON}`,
      userAgent: null,
    });
    const adjust = page.entries.find((e) => e.action === "ledger.adjust");
    expect(adjust).toMatchObject({ target: { label: "Transfer: #42", link: "/admin/ledger/transfers/42" }, userAgent: "Firefox 128 on Windows", userAgentFull: FIREFOX, detailsText: "" });

    const later = await listAuditEntries({ from: "2027-01-15", to: "2027-01-15", actor: "priya" }, {}, reader);
    expect(later.entries.find((e) => e.action === "dispute.resolve")?.target).toEqual({
      type: "exchange",
      id: exchangeId,
      label: "Exchange: “Run chart review”",
      link: `/admin/exchanges/${exchangeId}`,
    });
    expect(later.entries.find((e) => e.action === "settings.update")?.detailsText).toBe("joining mode: from approval to open");
  });
});

describe("parseAuditFilters", () => {
  it("reads the page's query string", () => {
    expect(parseAuditFilters({ actor: " Priya ", action: "ledger.", targetType: "member", targetId: "abc", from: "2027-01-01", to: "2027-01-31", ip: "192.0.2.1", after: "5" })).toEqual({
      filters: { actor: "Priya", action: "ledger.", targetType: "member", targetId: "abc", from: "2027-01-01", to: "2027-01-31", ip: "192.0.2.1" },
      errors: {},
    });
    expect(parseAuditFilters({ action: ["auth.sign_in", "auth.sign_out"], actor: "" })).toEqual({ filters: { action: "auth.sign_in" }, errors: {} });
  });

  it("leaves out, and reports, filters it cannot use", () => {
    const { filters, errors } = parseAuditFilters({ action: "member.teleport", from: "2027-02-30", to: "yesterday", ip: "1.2.3.4; DROP", targetId: "42" });
    expect(filters).toEqual({});
    expect(Object.keys(errors).sort()).toEqual(["action", "from", "ip", "targetType", "to"]);
    const reversed = parseAuditFilters({ from: "2027-02-01", to: "2027-01-01" });
    expect(reversed.filters).toEqual({ from: "2027-02-01" });
    expect(reversed.errors.to?.[0]).toMatch(/on or after/);
  });
});

// ---------------------------------------------------------------------------------------------
// CSV


const csvOf = (filters: AuditFilters) => new Response(auditCsvStream(filters, reader)).text();

describe("the CSV export", () => {
  it("streams every matching entry, across batches, and parses back to the same rows", async () => {
    expect(all.length).toBeGreaterThan(2 * AUDIT_CSV_BATCH_ROWS);
    const rows = parseCsv(await csvOf({}));
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    const body = rows.slice(1);
    expect(body.map((r) => r[0])).toEqual(all.map((r) => r.id.toString()));
    for (const [i, r] of body.entries()) {
      const e = all[i]!;
      expect(r).toHaveLength(AUDIT_CSV_COLUMNS.length);
      expect(r[1]).toBe(e.at.toISOString());
      expect(r[5]).toBe(e.action);
      expect(r[9] === "" ? null : JSON.parse(r[9]!)).toEqual(e.details);
    }
  });

  it("quotes commas, quotes and newlines, and neutralises formula cells", async () => {
    const rows = parseCsv(await csvOf({ from: "2027-01-10", to: "2027-01-11", actor: "test.timebank.invalid", action: "auth.sign_in" }));
    const byActor = (id: string) => rows.filter((r) => r[2] === id);
    const formulaRow = byActor(formula.id).find((r) => r[9]?.includes("SUM"))!;
    expect(formulaRow[3]).toBe(`'${FORMULA_NAME}`);
    expect(JSON.parse(formulaRow[9]!)).toEqual({ note: "-2+3", other: "@SUM(A1)" });

    const suspend = parseCsv(await csvOf({ action: "member.suspend", targetType: "member", targetId: tom.id, ip: "192.0.2.3", from: "2027-01-11", to: "2027-01-11" }));
    expect(suspend).toHaveLength(2);
    const [, row] = suspend as [string[], string[]];
    expect(row.slice(2, 9)).toEqual([priya.id, "Priya Shah", "priya.shah@test.timebank.invalid", "member.suspend", "Suspended a member", "member", tom.id]);
    expect(JSON.parse(row[9]!)).toEqual({ reason: MULTILINE_REASON, from: "active" });

    const tomRows = parseCsv(await csvOf({ actor: tom.id, action: "auth.sign_out", ip: "2001:db8::1" }));
    expect(tomRows[1]![3]).toBe(TOM_NAME);

    const plus = parseCsv(await csvOf({ action: "dispute.resolve" }));
    expect(JSON.parse(plus[1]![9]!)).toEqual({ note: "+44 7700 900000" });
  });

  it("starts a cell with ' whenever it starts with = + - or @", async () => {
    const text = await csvOf({});
    for (const cell of parseCsv(text).flat()) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("records the export, with its filters, for an admin, named by the day", async () => {
    const before = await reader.auditLog.count();
    const filters = { action: "ledger.", from: "2027-01-01" };
    const { filename, stream } = await withRequestContext({ ip: "203.0.113.50", userAgent: FIREFOX }, () => exportAuditLog(priya.id, filters, reader));
    expect(filename).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(await new Response(stream).text());
    expect(rows.slice(1).map((r) => r[0])).toEqual(expectedIds((r) => r.action.startsWith("ledger.") && dayOf(r) >= "2027-01-01"));
    expect(await reader.auditLog.count()).toBe(before + 1);
    const row = await reader.auditLog.findFirstOrThrow({ where: { action: "audit.export" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ actorId: priya.id, ip: "203.0.113.50", details: { filters } });
  });

  it("refuses anyone who is not an active admin, and records nothing", async () => {
    const plain = await createMember(reader);
    const pending = await createMember(reader, { status: "pending", role: "admin" });
    const suspended = await createMember(reader, { status: "suspended", role: "admin" });
    const unchanged = () => reader.auditLog.count();
    await expectRefusal(reader, () => exportAuditLog(plain.id, {}, reader), { code: "forbidden", message: /Only the bank's admins/, unchanged });
    await expectRefusal(reader, () => exportAuditLog(pending.id, {}, reader), { code: "forbidden", unchanged });
    await expectRefusal(reader, () => exportAuditLog(suspended.id, {}, reader), { code: "forbidden", message: /suspended/, unchanged });
    await expectRefusal(reader, () => exportAuditLog(randomUUID(), {}, reader), { code: "unauthenticated", unchanged });
  });
});
