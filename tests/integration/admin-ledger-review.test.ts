// The admin ledger review: every filter of the transfer list against an independent Prisma query,
// keyset paging forwards and back without gaps or repeats, account statements, the recorded runs
// of the books' checks (append-only), and the CSV exports read back cell by cell.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "../../lib/db/client";
import { hold, latestCheckRuns, MAX_RECORDED_PROBLEMS, postHold, reverse, runLedgerCheck, systemAccountId, transfer, type LedgerCheckKind } from "../../lib/ledger";
import { runCheck } from "../../lib/ledger-admin/corrections";
import { csvLine, streamOf } from "../../lib/csv";
import { exportStatementCsv, exportTransfersCsv, statementCsv, STATEMENT_CSV_COLUMNS, TRANSFER_CSV_COLUMNS, transfersCsv } from "../../lib/ledger-admin/csv";
import { parseCsv } from "../helpers/csv";
import {
  accountHeader,
  accountStatement,
  findAccounts,
  getTransferDetail,
  listTransfers,
  parseTransferFilters,
  readTransfers,
  STATEMENT_PAGE_SIZE,
  TRANSFER_PAGE_SIZE,
  type KeysetPage,
  type TransferFilters,
} from "../../lib/ledger-admin/queries";
import { useTestDatabase } from "../helpers/db";
import { sql } from "../helpers/ledger";
import { createMember, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();
const raw = await database.pgClient();

let admin: TestMember;
let priya: TestMember;
let sam: TestMember;
let lee: TestMember;
let adjustmentAccount: number;
const transferIds: Record<string, bigint> = {};

const key = () => `test-${randomUUID()}`;

async function donate(from: TestMember, to: TestMember, minutes: number, memo: string | null = null): Promise<bigint> {
  const r = await transfer({ kind: "donation", debitAccountId: from.accountId, creditAccountId: to.accountId, amountMinutes: minutes, idempotencyKey: key(), memo }, prisma);
  return r.transferId;
}

async function exchange(payer: TestMember, provider: TestMember, minutes: number): Promise<bigint> {
  const h = await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: minutes, idempotencyKey: key(), exchangeId: randomUUID() }, prisma);
  return (await postHold({ holdId: h.holdId, idempotencyKey: key() }, prisma)).transferId;
}

/**
 * A back-dated donation: lib/ledger always stamps the present, so this one is inserted directly,
 * through the same triggers (floor, entries, hash chain) that guard every transfer.
 */
async function donateOn(at: string, from: TestMember, to: TestMember, minutes: number): Promise<bigint> {
  const [row] = await sql<{ id: string }>(
    raw,
    `INSERT INTO ledger_transfers (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key, created_at, memo)
     VALUES ('donation', $1, $2, $3, $4, $5, 'back-dated') RETURNING id::text`,
    [from.accountId, to.accountId, minutes, key(), at],
  );
  return BigInt(row!.id);
}

beforeAll(async () => {
  admin = await createMember(prisma, { name: "Ada Admin", role: "admin" });
  priya = await createMember(prisma, { name: "Priya Shah", balanceMinutes: 6000 });
  sam = await createMember(prisma, { name: "Sam Jones", balanceMinutes: 600 });
  lee = await createMember(prisma, { name: "Lee Park", email: `lee-${randomUUID()}@test.timebank.invalid` });
  adjustmentAccount = await systemAccountId("adjustment", prisma);
  transferIds.jan = await donateOn("2026-01-10T23:59:59.999Z", priya, lee, 45);
  transferIds.janNext = await donateOn("2026-01-11T00:00:00.000Z", priya, lee, 50);
  transferIds.feb = await donateOn("2026-02-20T12:00:00Z", sam, priya, 20);
  transferIds.exchange = await exchange(priya, sam, 90);
  transferIds.reversedExchange = await exchange(sam, lee, 30);
  transferIds.reversal = (await reverse({ transferId: transferIds.reversedExchange, idempotencyKey: key(), memo: "Logged twice" }, prisma)).transferId;
  transferIds.adjustment = (
    await transfer({ kind: "adjustment", debitAccountId: adjustmentAccount, creditAccountId: lee.accountId, amountMinutes: 240, idempotencyKey: key(), memo: "Missed exchange" }, prisma)
  ).transferId;
  // Enough history for several pages: a long run between two members, more than a page of it reversed.
  for (let i = 0; i < 2 * TRANSFER_PAGE_SIZE + 17; i++) {
    const id = await donate(priya, sam, 1 + (i % 7));
    if (i % 2 === 0 && i < 2 * TRANSFER_PAGE_SIZE + 10) await reverse({ transferId: id, idempotencyKey: key(), memo: "Bulk mistake" }, prisma);
  }
});

/** The same filters as an ordinary Prisma query, newest first: what every page must add up to. */
async function expectedIds(f: TransferFilters): Promise<string[]> {
  const account = f.memberId ? await prisma.ledgerAccount.findUniqueOrThrow({ where: { memberId: f.memberId } }) : null;
  const and: Prisma.LedgerTransferWhereInput[] = [];
  if (account) and.push({ OR: [{ debitAccountId: account.id }, { creditAccountId: account.id }] });
  if (f.kind) and.push({ kind: f.kind });
  if (f.state === "reversed") and.push({ reversedBy: { isNot: null } });
  if (f.state === "standing") and.push({ reversedBy: { is: null } });
  if (f.state === "reversal") and.push({ kind: "reversal" });
  if (f.from) and.push({ createdAt: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ createdAt: { lt: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) } });
  if (f.minMinutes !== undefined) and.push({ amountMinutes: { gte: f.minMinutes } });
  if (f.maxMinutes !== undefined) and.push({ amountMinutes: { lte: f.maxMinutes } });
  const rows = await prisma.ledgerTransfer.findMany({ where: { AND: and }, orderBy: { id: "desc" }, select: { id: true } });
  return rows.map((r) => r.id.toString());
}

/** Every page from the newest, following `olderCursor`; then back again following `newerCursor`. */
async function walk<T>(read: (cursor: { after?: string; before?: string }) => Promise<KeysetPage<T>>, id: (row: T) => string) {
  const forward: string[][] = [];
  let page = await read({});
  expect(page.newerCursor).toBeNull();
  forward.push(page.rows.map(id));
  while (page.olderCursor) {
    page = await read({ after: page.olderCursor });
    expect(page.newerCursor).toBe(id(page.rows[0]!));
    forward.push(page.rows.map(id));
  }
  const backward: string[][] = [page.rows.map(id)];
  while (page.newerCursor) {
    page = await read({ before: page.newerCursor });
    backward.unshift(page.rows.map(id));
  }
  expect(backward, "going back gives the same pages as going forward").toEqual(forward);
  return forward;
}

async function allTransferIds(filters: TransferFilters): Promise<string[]> {
  const pages = await walk((c) => listTransfers(filters, c, prisma), (r) => r.id);
  for (const p of pages.slice(0, -1)) expect(p).toHaveLength(TRANSFER_PAGE_SIZE);
  return pages.flat();
}

describe("before any check has run", () => {
  it("has no last run for any check", async () => {
    expect(await latestCheckRuns(prisma)).toEqual({ trial_balance: null, reconcile: null, verify_chain: null });
  });
});

describe("listTransfers", () => {
  it("lists every transfer newest first, in pages of 50, the same forwards and back", async () => {
    const ids = await allTransferIds({});
    expect(ids).toEqual(await expectedIds({}));
    expect(ids.length).toBeGreaterThan(2 * TRANSFER_PAGE_SIZE);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("filters by member, in both directions, across pages", async () => {
    const ids = await allTransferIds({ memberId: priya.id });
    expect(ids).toEqual(await expectedIds({ memberId: priya.id }));
    const page = await listTransfers({ memberId: priya.id }, {}, prisma);
    expect(page.rows.some((r) => r.from.memberId === priya.id)).toBe(true);
    const credits = await listTransfers({ memberId: priya.id, kind: "donation", from: "2026-02-01", to: "2026-02-28" }, {}, prisma);
    expect(credits.rows.map((r) => [r.id, r.to.memberId])).toEqual([[transferIds.feb!.toString(), priya.id]]);
    expect((await listTransfers({ memberId: lee.id }, {}, prisma)).rows.map((r) => r.id)).toEqual(await expectedIds({ memberId: lee.id }));
  });

  it("finds nothing for a member without an account", async () => {
    const page = await listTransfers({ memberId: randomUUID() }, {}, prisma);
    expect(page).toEqual({ rows: [], newerCursor: null, olderCursor: null });
  });

  it.each(["exchange", "grant", "donation", "adjustment", "reversal"] as const)("filters by kind: %s", async (kind) => {
    const ids = await allTransferIds({ kind });
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(await expectedIds({ kind }));
  });

  it("filters by state: reversed, standing, a reversal, across pages", async () => {
    const reversed = await allTransferIds({ state: "reversed" });
    expect(reversed).toEqual(await expectedIds({ state: "reversed" }));
    expect(reversed.length).toBeGreaterThan(TRANSFER_PAGE_SIZE);
    expect(reversed).toContain(transferIds.reversedExchange!.toString());
    const reversals = await allTransferIds({ state: "reversal" });
    expect(reversals).toEqual(await expectedIds({ state: "reversal" }));
    expect(reversals).toHaveLength(reversed.length);
    const standing = await allTransferIds({ state: "standing" });
    expect(standing).toEqual(await expectedIds({ state: "standing" }));
    expect(standing).not.toContain(transferIds.reversedExchange!.toString());
    expect(await allTransferIds({ state: "reversed", kind: "exchange" })).toEqual([transferIds.reversedExchange!.toString()]);
    expect(await allTransferIds({ state: "reversed", memberId: lee.id })).toEqual([transferIds.reversedExchange!.toString()]);
    expect(await allTransferIds({ state: "reversed", maxMinutes: 2 })).toEqual(await expectedIds({ state: "reversed", maxMinutes: 2 }));
  });

  it("filters by days (UTC), both ends included", async () => {
    const ids = async (f: TransferFilters) => (await listTransfers(f, {}, prisma)).rows.map((r) => r.id);
    expect(await ids({ from: "2026-01-01", to: "2026-01-10" })).toEqual([transferIds.jan!.toString()]);
    expect(await ids({ from: "2026-01-11", to: "2026-01-11" })).toEqual([transferIds.janNext!.toString()]);
    expect(await ids({ from: "2026-01-01", to: "2026-02-28" })).toEqual([transferIds.feb, transferIds.janNext, transferIds.jan].map(String));
    expect(await ids({ to: "2025-12-31" })).toEqual([]);
    const fromFeb = await allTransferIds({ from: "2026-02-20" });
    expect(fromFeb).toEqual(await expectedIds({ from: "2026-02-20" }));
    expect(fromFeb).not.toContain(transferIds.janNext!.toString());
  });

  it("pages a short date range (read by date, then sorted) without gaps or repeats", async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const recent = await allTransferIds({ from: day(-1), to: day(0) });
    expect(recent).toEqual(await expectedIds({ from: day(-1), to: day(0) }));
    expect(recent.length).toBeGreaterThan(2 * TRANSFER_PAGE_SIZE);
    const donations = await allTransferIds({ kind: "donation", from: day(-1), maxMinutes: 3 });
    expect(donations).toEqual(await expectedIds({ kind: "donation", from: day(-1), maxMinutes: 3 }));
    expect(donations.length).toBeGreaterThan(TRANSFER_PAGE_SIZE);
  });

  it("filters by amount, alone and with a kind", async () => {
    expect(await allTransferIds({ minMinutes: 45, maxMinutes: 90 })).toEqual(await expectedIds({ minMinutes: 45, maxMinutes: 90 }));
    expect(await allTransferIds({ kind: "donation", maxMinutes: 3 })).toEqual(await expectedIds({ kind: "donation", maxMinutes: 3 }));
    expect((await listTransfers({ kind: "adjustment", minMinutes: 240, maxMinutes: 240 }, {}, prisma)).rows.map((r) => r.id)).toEqual([
      transferIds.adjustment!.toString(),
    ]);
  });

  it("says who, what and which links for each row", async () => {
    const [row] = (await listTransfers({ memberId: lee.id, kind: "reversal" }, {}, prisma)).rows;
    expect(row).toMatchObject({
      id: transferIds.reversal!.toString(),
      kind: "reversal",
      from: { accountId: lee.accountId, kind: "member", name: "Lee Park", memberId: lee.id },
      to: { accountId: sam.accountId, name: "Sam Jones", memberId: sam.id },
      minutes: 30,
      memo: "Logged twice",
      reversesId: transferIds.reversedExchange!.toString(),
      reversedById: null,
    });
    const [adjustment] = (await listTransfers({ kind: "adjustment" }, {}, prisma)).rows;
    expect(adjustment!.from).toMatchObject({ accountId: adjustmentAccount, kind: "adjustment", name: "Adjustments", memberId: null });
    const [exchanged] = (await listTransfers({ memberId: lee.id, state: "reversed" }, {}, prisma)).rows;
    expect(exchanged).toMatchObject({ kind: "exchange", reversedById: transferIds.reversal!.toString() });
    expect(exchanged!.exchangeId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reads the filters from a query string and reports the ones it cannot read", () => {
    const member = randomUUID();
    expect(parseTransferFilters({ member, kind: "grant", state: "standing", from: "2026-01-01", to: "2026-01-31", min: "15", max: "90" })).toEqual({
      filters: { memberId: member, kind: "grant", state: "standing", from: "2026-01-01", to: "2026-01-31", minMinutes: 15, maxMinutes: 90 },
      memberSearch: null,
      errors: {},
    });
    const bad = parseTransferFilters({ member: "Priya", kind: "gift", state: "x", from: "2026-02-30", to: "soon", min: "1.5", max: "-3" });
    expect(bad.filters).toEqual({});
    expect(bad.memberSearch).toBe("Priya");
    expect(Object.keys(bad.errors).sort()).toEqual(["from", "kind", "max", "min", "state", "to"]);
    expect(parseTransferFilters({ from: "2026-03-01", to: "2026-02-01", min: "90", max: "30" }).errors).toEqual({
      to: ["The last day must be on or after the first day."],
      max: ["The largest amount must be at least the smallest."],
    });
  });
});

describe("one transfer", () => {
  it("shows both entries, the exchange, and the reversal link both ways", async () => {
    const original = await getTransferDetail(transferIds.reversedExchange!.toString(), prisma);
    expect(original).toMatchObject({ kind: "exchange", reversedBy: { id: transferIds.reversal!.toString(), memo: "Logged twice" }, reverses: null });
    expect(original!.entries.map((e) => [e.accountId, e.amountMinutes])).toEqual([
      [sam.accountId, -30],
      [lee.accountId, 30],
    ]);
    const reversal = await getTransferDetail(transferIds.reversal!.toString(), prisma);
    expect(reversal).toMatchObject({ kind: "reversal", reverses: { id: transferIds.reversedExchange!.toString(), kind: "exchange" }, reversedBy: null });
    expect(reversal!.reversalPayer).toMatchObject({ accountId: sam.accountId, floorMinutes: -600 });
    expect(await getTransferDetail("999999999", prisma)).toBeNull();
    expect(await getTransferDetail("not-a-number", prisma)).toBeNull();
  });
});

describe("accountStatement", () => {
  it("pages a long history by entry number, with the balance after each entry", async () => {
    const header = (await accountHeader(priya.accountId, prisma))!;
    expect(header).toMatchObject({ kind: "member", name: "Priya Shah", member: { id: priya.id }, floorMinutes: -600 });
    expect(header.availableMinutes).toBe(header.balanceMinutes - header.heldMinutes + 600);
    const pages = await walk((c) => accountStatement(priya.accountId, c, prisma), (e) => String(e.seq));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).toHaveLength(STATEMENT_PAGE_SIZE);
    const seqs = pages.flat().map(Number);
    expect(seqs).toEqual(Array.from({ length: header.entryCount }, (_, i) => header.entryCount - i));

    const lines = (await Promise.all([{}, ...pages.slice(0, -1).map((p) => ({ after: p.at(-1) }))].map((c) => accountStatement(priya.accountId, c, prisma)))).flatMap(
      (p) => p.rows,
    );
    expect(lines[0]!.balanceAfterMinutes).toBe(header.balanceMinutes);
    // Oldest first, each balance is the one before it plus the entry.
    const oldestFirst = [...lines].reverse();
    oldestFirst.forEach((e, i) => expect(e.balanceAfterMinutes).toBe((i === 0 ? 0 : oldestFirst[i - 1]!.balanceAfterMinutes) + e.amountMinutes));
    const feb = lines.find((e) => e.transferId === transferIds.feb!.toString());
    expect(feb).toMatchObject({ kind: "donation", amountMinutes: 20, other: { accountId: sam.accountId, name: "Sam Jones" } });
  });

  it("shows a system account's statement too", async () => {
    const issuance = await systemAccountId("issuance", prisma);
    const header = (await accountHeader(issuance, prisma))!;
    expect(header).toMatchObject({ kind: "issuance", code: "issuance", member: null, floorMinutes: null, availableMinutes: null });
    const page = await accountStatement(issuance, {}, prisma);
    expect(page.rows.map((e) => e.amountMinutes).every((m) => m < 0)).toBe(true);
    expect(page.rows[0]!.balanceAfterMinutes).toBe(header.balanceMinutes);
  });
});

describe("findAccounts", () => {
  it("finds members by part of a name or their exact email, and the bank's accounts by code", async () => {
    expect((await findAccounts("priya sh", {}, prisma)).map((a) => a.accountId)).toEqual([priya.accountId]);
    expect((await findAccounts(lee.email.toUpperCase(), {}, prisma)).map((a) => a.accountId)).toEqual([lee.accountId]);
    expect((await findAccounts("issuance", {}, prisma)).map((a) => a.code)).toEqual(["issuance"]);
    const bank = await findAccounts("", {}, prisma);
    expect(bank.every((a) => a.member === null)).toBe(true);
    expect(bank.map((a) => a.code)).toEqual(expect.arrayContaining(["issuance", "adjustment"]));
    expect(await findAccounts("", { membersOnly: true }, prisma)).toEqual([]);
    expect(await findAccounts("adjust", { membersOnly: true }, prisma)).toEqual([]);
  });
});

describe("checks of the books", () => {
  it("records each check with its result, figures, duration and who ran it", async () => {
    const trial = await runLedgerCheck("trial_balance", admin.id, prisma);
    expect(trial).toMatchObject({ kind: "trial_balance", ok: true, problemCount: 0, problems: [], actorId: admin.id, actorName: "Ada Admin" });
    expect(trial.summary).toMatchObject({ totalMinutes: 0, transfers: await prisma.ledgerTransfer.count() });
    expect(trial.durationMs).toBeGreaterThanOrEqual(0);
    const reconciled = await runLedgerCheck("reconcile", null, prisma);
    expect(reconciled).toMatchObject({ ok: true, actorId: null, actorName: null, summary: { accounts: await prisma.ledgerAccount.count() } });
    const verified = await runCheck(admin.id, { kind: "verify_chain" }, prisma);
    expect(verified).toMatchObject({ ok: true, summary: { entries: 2 * (await prisma.ledgerTransfer.count()) } });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "ledger.check" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: admin.id, details: { kind: "verify_chain", ok: true, problemCount: 0, runId: verified.id } });

    const again = await runLedgerCheck("trial_balance", admin.id, prisma);
    const latest = await latestCheckRuns(prisma);
    expect(latest.trial_balance!.id).toBe(again.id);
    expect(latest.reconcile!.id).toBe(reconciled.id);
    expect(latest.verify_chain).toEqual(verified);
  });

  it("refuses to change or remove a recorded run, even by raw SQL", async () => {
    const run = await runLedgerCheck("reconcile", admin.id, prisma);
    const before = await sql(raw, `SELECT * FROM ledger_check_runs ORDER BY id`);
    for (const statement of [
      `UPDATE ledger_check_runs SET ok = false, problem_count = 1 WHERE id = ${run.id}`,
      `DELETE FROM ledger_check_runs WHERE id = ${run.id}`,
      `TRUNCATE ledger_check_runs`,
    ]) {
      await expect(raw.query(statement)).rejects.toMatchObject({ code: "TB006", message: expect.stringMatching(/append-only/) });
    }
    expect(await sql(raw, `SELECT * FROM ledger_check_runs ORDER BY id`)).toEqual(before);
  });

  it("refuses an unknown check", async () => {
    await expect(runLedgerCheck("audit" as LedgerCheckKind, admin.id, prisma)).rejects.toMatchObject({ code: "invalid" });
  });
});

// ---------------------------------------------------------------------------------------------
// CSV


async function collect(chunks: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

/** What a spreadsheet-safe cell holds for this text. */
const neutralised = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const TRICKY_MEMOS = ['Audit, "PDSA" cycle', "line one\nline two\r\nline three", "=SUM(A1:A9)", "+44 7700 900000", "-2+3", "@import", "plain"];

describe("CSV", () => {
  let tricky: Record<string, string>;
  let formulaMember: TestMember;

  beforeAll(async () => {
    formulaMember = await createMember(prisma, { name: '=HYPERLINK("http://evil.example","Click")', balanceMinutes: 300 });
    tricky = {};
    for (const memo of TRICKY_MEMOS) tricky[(await donate(formulaMember, sam, 5, memo)).toString()] = memo;
  });

  it("writes every transfer matching the filters, in batches, and reads back to the same rows and totals", async () => {
    const filters: TransferFilters = { kind: "donation" };
    const chunks = await collect(transfersCsv(filters, { batchRows: 7 }, prisma));
    expect(chunks.length).toBeGreaterThan(3);
    const [header, ...rows] = parseCsv(chunks.join(""));
    expect(header).toEqual(TRANSFER_CSV_COLUMNS);
    const expected = await readTransfers(filters, { before: 0n, limit: 10_000 }, prisma);
    expect(rows.map((r) => r[0])).toEqual(expected.map((t) => t.id));
    expect(rows.map((r) => r[0])).toEqual([...(await expectedIds(filters))].reverse());
    const col = (name: string) => TRANSFER_CSV_COLUMNS.indexOf(name);
    const total = rows.reduce((sum, r) => sum + Number(r[col("minutes")]), 0);
    const dbTotal = await prisma.ledgerTransfer.aggregate({ where: { kind: "donation" }, _sum: { amountMinutes: true } });
    expect(total).toBe(dbTotal._sum.amountMinutes);
    rows.forEach((r, i) => {
      const t = expected[i]!;
      expect(r).toEqual([
        t.id,
        t.at.toISOString(),
        "donation",
        String(t.from.accountId),
        neutralised(t.from.name),
        t.from.memberId ?? "",
        String(t.to.accountId),
        t.to.name,
        t.to.memberId ?? "",
        String(t.minutes),
        String(Number((t.minutes / 60).toFixed(2))),
        t.memo === null ? "" : neutralised(t.memo),
        "",
        "",
        "",
        t.reversedById ?? "",
      ]);
    });
  });

  it("quotes commas, quotes and line breaks, and neutralises cells a spreadsheet would run", async () => {
    const [, ...rows] = parseCsv((await collect(transfersCsv({ memberId: formulaMember.id, kind: "donation" }, {}, prisma))).join(""));
    const memoCol = TRANSFER_CSV_COLUMNS.indexOf("memo");
    const fromCol = TRANSFER_CSV_COLUMNS.indexOf("from_account");
    const seen = Object.fromEntries(rows.map((r) => [r[0], r[memoCol]]));
    expect(seen).toEqual(Object.fromEntries(Object.entries(tricky).map(([id, memo]) => [id, neutralised(memo)])));
    expect(new Set(rows.map((r) => r[fromCol]))).toEqual(new Set(["'=HYPERLINK(\"http://evil.example\",\"Click\")"]));
    expect(csvLine(["a,b", 'say "hi"', "x\ny", -90, null, "-90"])).toBe('"a,b","say ""hi""","x\ny",-90,,\'-90\r\n');
  });

  it("writes a statement oldest first whose amounts add up to the balance", async () => {
    const chunks = await collect(statementCsv(priya.accountId, { batchRows: 11 }, prisma));
    expect(chunks.length).toBeGreaterThan(3);
    const [header, ...rows] = parseCsv(chunks.join(""));
    expect(header).toEqual(STATEMENT_CSV_COLUMNS);
    const col = (name: string) => STATEMENT_CSV_COLUMNS.indexOf(name);
    const account = (await accountHeader(priya.accountId, prisma))!;
    expect(rows.map((r) => Number(r[col("seq")]))).toEqual(Array.from({ length: account.entryCount }, (_, i) => i + 1));
    expect(rows.reduce((sum, r) => sum + Number(r[col("minutes")]), 0)).toBe(account.balanceMinutes);
    expect(Number(rows.at(-1)![col("balance_after_minutes")])).toBe(account.balanceMinutes);
    expect(rows.find((r) => r[col("transfer_id")] === transferIds.jan!.toString())).toMatchObject({
      [col("minutes")]: "-45",
      [col("hours")]: "-0.75",
      [col("other_account")]: "Lee Park",
      [col("created_at_utc")]: "2026-01-10T23:59:59.999Z",
    });
  });

  it("streams the same bytes the lines make, and an admin's export is recorded", async () => {
    const text = (await collect(transfersCsv({ memberId: lee.id }, {}, prisma))).join("");
    const exported = await exportTransfersCsv(admin.id, { memberId: lee.id }, prisma);
    expect(exported.filename).toMatch(/^transfers-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(await new Response(exported.stream).text()).toBe(text);
    const statement = await exportStatementCsv(admin.id, lee.accountId, prisma);
    expect(await new Response(statement.stream).text()).toBe((await collect(statementCsv(lee.accountId, {}, prisma))).join(""));
    const audits = await prisma.auditLog.findMany({ where: { action: "ledger.export", actorId: admin.id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.details)).toEqual([
      { export: "transfers", member: lee.id },
      { export: "statement", accountId: lee.accountId },
    ]);
    const text2 = await new Response(streamOf(transfersCsv({ kind: "grant" }, { batchRows: 2 }, prisma))).text();
    expect(parseCsv(text2).length - 1).toBe(await prisma.ledgerTransfer.count({ where: { kind: "grant" } }));
  });

  it("refuses an export to anyone but an active admin, and records nothing", async () => {
    const member = await createMember(prisma);
    const audits = () => prisma.auditLog.count();
    await expectRefusal(prisma, () => exportTransfersCsv(member.id, {}, prisma), { code: "forbidden", unchanged: audits });
    await expectRefusal(prisma, () => exportStatementCsv(member.id, member.accountId, prisma), { code: "forbidden", unchanged: audits });
    await expectRefusal(prisma, () => exportTransfersCsv(randomUUID(), {}, prisma), { code: "unauthenticated", unchanged: audits });
    await expectRefusal(prisma, () => exportStatementCsv(admin.id, 999_999, prisma), { code: "not_found", unchanged: audits });
  });
});

// Last: this tampers with the ledger (as a superuser with the triggers off), which cannot be undone.
describe("a check that finds problems", () => {
  it("records that it failed, how many problems, and the first 100 of them", async () => {
    const victims = await sql<{ id: string }>(raw, `SELECT id::text FROM ledger_transfers WHERE kind = 'donation' ORDER BY id LIMIT 60`);
    await raw.query("BEGIN");
    await raw.query("SET LOCAL session_replication_role = replica");
    await raw.query(`UPDATE ledger_transfers SET memo = 'tampered' WHERE id = ANY($1::bigint[])`, [victims.map((v) => v.id)]);
    await raw.query("COMMIT");
    const run = await runLedgerCheck("verify_chain", admin.id, prisma);
    expect(run.ok).toBe(false);
    expect(run.problemCount).toBe(120);
    expect(run.problems).toHaveLength(MAX_RECORDED_PROBLEMS);
    expect(run.problems[0]).toMatchObject({ problem: expect.stringMatching(/hash does not match/) });
    expect(victims.map((v) => v.id)).toContain(run.problems[0]!.transferId);
    expect((await latestCheckRuns(prisma)).verify_chain).toEqual(run);
    const trial = await runLedgerCheck("trial_balance", admin.id, prisma);
    expect(trial.ok).toBe(true);
  });
});
