// The large bank (lib/seed/large.ts) and the bulk ledger load under it (lib/ledger/bulk-load.ts),
// at a small size: the books it leaves pass the ledger's own checks, the app's ledger carries on
// from it, and a load that breaks a rule, or copies a row the checks reject, keeps nothing.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LedgerError, reconcile, systemAccountId, transfer, trialBalance, verifyChain } from "../../lib/ledger";
import { LedgerBulkLoad } from "../../lib/ledger/bulk-load";
import { seedLargeBank, type LargeBankSummary } from "../../lib/seed/large";
import { createTestDatabase, useTestDatabase, type TestDatabase } from "../helpers/db";
import { createMember } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
let summary: LargeBankSummary;

beforeAll(async () => {
  const client = await database.pgClient();
  summary = await seedLargeBank(client, { members: 400, listings: 1_200, transfers: 6_000, seed: 7 });
});

describe("the large bank at a small size", () => {
  it("has the members, listings and transfers asked for", async () => {
    expect(await prisma.user.count()).toBe(400);
    expect(await prisma.listing.count()).toBe(1_200);
    expect(summary.transfers).toBe(await prisma.ledgerTransfer.count());
    expect(summary.transfers).toBeGreaterThanOrEqual(6_000);
    expect(await prisma.ledgerEntry.count()).toBe(2 * summary.transfers);
    const kinds = await prisma.ledgerTransfer.groupBy({ by: ["kind"], _count: true });
    expect(kinds.map((k) => k.kind).sort()).toEqual(["adjustment", "donation", "exchange", "grant", "reversal"]);
    expect(kinds.find((k) => k.kind === "exchange")!._count).toBeGreaterThan(summary.transfers / 2);
    expect(kinds.find((k) => k.kind === "grant")!._count).toBe(summary.activeMembers);
  });

  it("passes the ledger's checks: balanced, reconciled, every chain verified", async () => {
    expect((await trialBalance(prisma)).totalMinutes).toBe(0);
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
  });

  it("posts each confirmed exchange once, from its hold, for the minutes delivered", async () => {
    const client = await database.pgClient();
    const { rows } = await client.query<{ n: string; bad: string }>(`
      SELECT count(*) AS n,
             count(*) FILTER (WHERE t.id IS NULL OR t.exchange_id <> e.id OR t.amount_minutes <> e.delivered_minutes
                                OR t.hold_id <> e.hold_id OR r.outcome <> 'posted' OR r.transfer_id <> t.id
                                OR h.debit_account_id <> t.debit_account_id OR h.credit_account_id <> t.credit_account_id) AS bad
        FROM exchanges e
        LEFT JOIN ledger_transfers t ON t.id = e.transfer_id
        LEFT JOIN ledger_holds h ON h.id = e.hold_id
        LEFT JOIN ledger_hold_resolutions r ON r.hold_id = e.hold_id
       WHERE e.state = 'confirmed'`);
    expect(Number(rows[0]!.n)).toBeGreaterThan(1_000);
    expect(rows[0]!.bad).toBe("0");
    const { rows: open } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM exchanges WHERE state IN ('proposed', 'declined', 'cancelled') AND hold_id IS NULL AND transfer_id IS NULL`);
    expect(Number(open[0]!.n)).toBeGreaterThan(0);
  });

  it("gives every listing a search vector (its trigger ran)", async () => {
    const client = await database.pgClient();
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM listings WHERE search_vector IS NULL`);
    expect(rows[0]!.n).toBe("0");
  });

  it("hands over to the app's ledger: the next transfer goes through the triggers and the chains still verify", async () => {
    const busiest = await prisma.ledgerAccount.findUniqueOrThrow({ where: { memberId: summary.busiestMemberId } });
    const before = await prisma.ledgerTransfer.aggregate({ _max: { id: true } });
    const result = await transfer(
      { kind: "grant", debitAccountId: await systemAccountId("issuance", prisma), creditAccountId: busiest.id, amountMinutes: 60, idempotencyKey: "after-the-large-seed" },
      prisma,
    );
    expect(BigInt(result.transferId)).toBe(before._max.id! + 1n);
    const after = await prisma.ledgerAccount.findUniqueOrThrow({ where: { id: busiest.id } });
    expect(after.entryCount).toBe(busiest.entryCount + 1);
    expect(after.balanceMinutes).toBe(busiest.balanceMinutes + 60);
    expect(await verifyChain(prisma)).toEqual([]);
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("refuses to seed a bank that has members", async () => {
    const client = await database.pgClient();
    await expect(seedLargeBank(client, { members: 20, listings: 30, transfers: 100 })).rejects.toThrow(/empty bank/);
  });
});

describe("a bulk ledger load", () => {
  let db: TestDatabase;
  let client: pg.Client;
  let accounts: number[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const p = db.prisma();
    accounts = [];
    for (let i = 0; i < 3; i++) accounts.push((await createMember(p, { floorMinutes: -60 })).accountId);
    client = await db.pgClient();
  });
  afterAll(() => db.drop());

  async function inLoad(body: (load: LedgerBulkLoad) => Promise<void>): Promise<unknown> {
    await client.query("BEGIN");
    try {
      const load = await LedgerBulkLoad.begin(client);
      await body(load);
      await load.finish();
      await client.query("ROLLBACK");
      return null;
    } catch (err) {
      await client.query("ROLLBACK");
      return err;
    }
  }

  const at = new Date("2026-01-01T09:00:00Z");
  const base = { kind: "donation" as const, createdAt: at, actorId: null, memo: null };

  it("applies the ledger's rules as it goes", async () => {
    const [a, b] = accounts as [number, number];
    const refusals: [string, (load: LedgerBulkLoad) => Promise<unknown>][] = [
      ["below the floor", (l) => l.add({ ...base, debitAccountId: a, creditAccountId: b, amountMinutes: 61, idempotencyKey: "k1" })],
      ["one account", (l) => l.add({ ...base, debitAccountId: a, creditAccountId: a, amountMinutes: 10, idempotencyKey: "k1" })],
      ["no minutes", (l) => l.add({ ...base, debitAccountId: a, creditAccountId: b, amountMinutes: 0, idempotencyKey: "k1" })],
      ["part of a minute", (l) => l.add({ ...base, debitAccountId: a, creditAccountId: b, amountMinutes: 1.5, idempotencyKey: "k1" })],
      ["an unknown account", (l) => l.add({ ...base, debitAccountId: a, creditAccountId: 999_999, amountMinutes: 10, idempotencyKey: "k1" })],
      [
        "a key used twice",
        async (l) => {
          await l.add({ ...base, debitAccountId: a, creditAccountId: b, amountMinutes: 10, idempotencyKey: "k1" });
          await l.add({ ...base, debitAccountId: a, creditAccountId: b, amountMinutes: 10, idempotencyKey: "k1" });
        },
      ],
      [
        "a reversal of another amount",
        async (l) => {
          const { transferId } = await l.add({ ...base, debitAccountId: a, creditAccountId: b, amountMinutes: 10, idempotencyKey: "k1" });
          await l.add({ ...base, kind: "reversal", debitAccountId: b, creditAccountId: a, amountMinutes: 9, idempotencyKey: "k2", reversesTransferId: transferId });
        },
      ],
      [
        "a second reversal",
        async (l) => {
          const { transferId } = await l.add({ ...base, debitAccountId: a, creditAccountId: b, amountMinutes: 10, idempotencyKey: "k1" });
          await l.add({ ...base, kind: "reversal", debitAccountId: b, creditAccountId: a, amountMinutes: 10, idempotencyKey: "k2", reversesTransferId: transferId });
          await l.add({ ...base, kind: "reversal", debitAccountId: b, creditAccountId: a, amountMinutes: 10, idempotencyKey: "k3", reversesTransferId: transferId });
        },
      ],
    ];
    for (const [what, body] of refusals) {
      const err = await inLoad(async (l) => void (await body(l)));
      expect(err, what).toBeInstanceOf(LedgerError);
    }
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ledger_transfers`);
    expect(rows[0]!.n).toBe("0");
  });

  it("keeps nothing when a copied row fails the database's checks", async () => {
    const [a, b] = accounts as [number, number];
    // Each change is made to the copied rows before finish() runs the checks, inside the load's
    // triggerless stretch: as if the loader had written that row wrongly.
    const tampered: [string, RegExp, string][] = [
      ["an entry's hash", /hash does not match its contents/, `UPDATE ledger_entries SET hash = sha256('x') WHERE seq = 1 AND account_id = ${b}`],
      ["an entry's amount", /cached balance .* entries sum to/, `UPDATE ledger_entries SET amount_minutes = amount_minutes + 1 WHERE account_id = ${b}`],
      ["a missing account", /breaks ledger_entries_account_id_fkey/, `UPDATE ledger_entries SET account_id = 999999 WHERE account_id = ${b}`],
      ["a missing entry", /does not have exactly its two balanced entries/, `DELETE FROM ledger_entries WHERE account_id = ${a}`],
    ];
    for (const [what, problem, sql] of tampered) {
      await client.query("BEGIN");
      let err: unknown = null;
      try {
        const load = await LedgerBulkLoad.begin(client);
        await load.add({ ...base, debitAccountId: a, creditAccountId: b, amountMinutes: 10, idempotencyKey: "k1" });
        await load.flush();
        await client.query(sql);
        await load.finish();
      } catch (e) {
        err = e;
      } finally {
        await client.query("ROLLBACK");
      }
      expect(String(err), what).toMatch(problem);
    }
    const { rows } = await client.query<{ n: string }>(`SELECT (SELECT count(*) FROM ledger_transfers) + (SELECT count(*) FROM ledger_entries) AS n`);
    expect(rows[0]!.n).toBe("0");
  });

  it("is for an empty ledger, by a superuser", async () => {
    const p = db.prisma();
    await transfer({ kind: "donation", debitAccountId: accounts[0]!, creditAccountId: accounts[1]!, amountMinutes: 5, idempotencyKey: "real-one" }, p);
    await client.query("BEGIN");
    await expect(LedgerBulkLoad.begin(client)).rejects.toThrow(/empty ledger/);
    await client.query("ROLLBACK");
    await client.query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bulk_nobody') THEN CREATE ROLE bulk_nobody LOGIN PASSWORD 'x'; END IF; END $$`);
    const url = new URL(db.url);
    url.username = "bulk_nobody";
    url.password = "x";
    const weak = new pg.Client({ connectionString: url.toString() });
    await weak.connect();
    try {
      await expect(LedgerBulkLoad.begin(weak)).rejects.toThrow(/superuser/);
    } finally {
      await weak.end();
      // Roles belong to the whole server (which may be a shared DATABASE_URL one): leave none behind.
      await client.query(`DROP ROLE bulk_nobody`);
    }
  });
});
