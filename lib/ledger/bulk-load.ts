// Loading a generated history into an empty ledger in bulk (npm run seed:large): a million
// transfers through the row triggers take about 13 minutes here (1,300 a second, most of it the
// per-row hash and the account row rewritten twice per transfer); this writes the same rows with
// COPY in about a tenth of that.
//
// It is still the ledger's own code writing the ledger, and the books are proved right by the
// database, not trusted: while the rows are copied the triggers are off for this transaction only
// (session_replication_role = replica, which needs a superuser), and before the transaction may
// commit, with the triggers back on, PostgreSQL's own ledger_reconcile() and ledger_verify_chain()
// must find nothing and every foreign key of the copied tables must hold. A row this file got
// wrong (a hash, a balance, a sequence number, a missing account) fails the load and leaves
// nothing behind. In the meantime the rules the triggers would apply are applied here as each
// transfer is added: amounts, two different accounts, floors, reversals once and in kind, one
// transfer per exchange, unique keys.
//
// The hash is the one in ledger_entry_hash() and ledger_account_genesis() (the ledger migration),
// byte for byte; verify_chain recomputes every one of them, so a drift is caught by the load itself.
import { createHash } from "node:crypto";
import type pg from "pg";
import { copyLines, text } from "../db/copy";
import { LedgerError } from "./errors";

export type BulkTransferKind = "exchange" | "grant" | "donation" | "adjustment" | "reversal";

export interface BulkTransfer {
  kind: BulkTransferKind;
  debitAccountId: number;
  creditAccountId: number;
  amountMinutes: number;
  idempotencyKey: string;
  /** An exchange's transfer: it is posted from a hold on the payer, as confirming does. */
  exchangeId?: string;
  /** The hold's own key (the exchange's accept step). */
  holdKey?: string;
  /** When the hold was taken (the exchange was accepted); defaults to the transfer's time. */
  heldAt?: Date;
  reversesTransferId?: bigint;
  actorId?: string | null;
  memo?: string | null;
  createdAt: Date;
}

export interface BulkLoadResult {
  transfers: number;
  entries: number;
  holds: number;
  /** Milliseconds: copying, and the database's own checks before commit. */
  copyMs: number;
  checkMs: { reconcile: number; verifyChain: number; foreignKeys: number };
}

interface AccountState {
  id: number;
  kind: string;
  floor: number | null;
  balance: number;
  seq: number;
  head: Buffer;
}

const LEDGER_TABLES = ["ledger_holds", "ledger_transfers", "ledger_entries", "ledger_hold_resolutions", "ledger_accounts"];
/** Rows buffered before a COPY. */
const FLUSH_EVERY = 20_000;
const MAX_AMOUNT = 1_000_000;

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest();

const bytea = (b: Buffer) => `\\\\x${b.toString("hex")}`;
const timestamp = (d: Date) => d.toISOString();

/**
 * A bulk load into an empty ledger on `client`, inside the caller's transaction. `begin` opens
 * it, `add` applies a transfer's rules and buffers its rows, `finish` copies the rest, writes the
 * accounts' balances and chain heads, and runs the database's checks; the caller then commits
 * (or rolls back on any throw).
 */
export class LedgerBulkLoad {
  private accounts = new Map<number, AccountState>();
  private nextTransferId = 1n;
  private nextEntryId = 1n;
  private nextHoldId = 1n;
  private transfers: string[] = [];
  private entries: string[] = [];
  private holds: string[] = [];
  private resolutions: string[] = [];
  private keys = new Set<string>();
  private exchanges = new Set<string>();
  /** Every transfer's accounts and amount (for reversals), and which were reversed. */
  private summary = { debit: [] as number[], credit: [] as number[], amount: [] as number[], kind: [] as BulkTransferKind[] };
  private reversed = new Set<bigint>();
  private counts = { transfers: 0, entries: 0, holds: 0 };
  private copyMs = 0;

  private constructor(private client: pg.ClientBase) {}

  static async begin(client: pg.ClientBase): Promise<LedgerBulkLoad> {
    const { rows: role } = await client.query<{ superuser: boolean }>(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
    if (!role[0]?.superuser) {
      throw new Error("A bulk ledger load turns the ledger's triggers off for its own transaction, which needs a PostgreSQL superuser (the embedded server's user is one).");
    }
    const { rows: used } = await client.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM ledger_transfers) + (SELECT count(*) FROM ledger_holds) + (SELECT count(*) FROM ledger_entries) AS n`,
    );
    if (used[0]!.n !== "0") throw new Error("A bulk ledger load is for an empty ledger; this one already has transfers.");
    const load = new LedgerBulkLoad(client);
    const { rows } = await client.query<{ id: number; kind: string; member_id: string | null; code: string | null; floor_minutes: number | null }>(
      `SELECT id, kind::text AS kind, member_id, code, floor_minutes FROM ledger_accounts ORDER BY id`,
    );
    for (const a of rows) {
      const genesis = sha256(Buffer.from(["genesis", a.id, a.kind, a.member_id ?? "-", a.code ?? "-"].join("|"), "utf8"));
      load.accounts.set(a.id, { id: a.id, kind: a.kind, floor: a.floor_minutes, balance: 0, seq: 0, head: genesis });
    }
    await client.query(`SET LOCAL session_replication_role = replica`);
    return load;
  }

  /** Minutes the account may still pay (above its floor; no open holds in a bulk load). */
  available(accountId: number): number {
    const a = this.account(accountId);
    return a.floor === null ? Number.POSITIVE_INFINITY : a.balance - a.floor;
  }

  balance(accountId: number): number {
    return this.account(accountId).balance;
  }

  private account(id: number): AccountState {
    const a = this.accounts.get(id);
    if (!a) throw new LedgerError("not_found", `account ${id} does not exist`);
    return a;
  }

  /** Applies the ledger's rules to one transfer and buffers its rows; returns its id and its hold's. */
  async add(t: BulkTransfer): Promise<{ transferId: bigint; holdId: bigint | null }> {
    if (!Number.isInteger(t.amountMinutes) || t.amountMinutes < 1 || t.amountMinutes > MAX_AMOUNT) {
      throw new LedgerError("invalid", `a transfer moves 1 to ${MAX_AMOUNT} whole minutes, not ${t.amountMinutes}`);
    }
    if (t.debitAccountId === t.creditAccountId) throw new LedgerError("invalid", "a transfer moves minutes between two different accounts");
    if (t.idempotencyKey.length < 1 || t.idempotencyKey.length > 200 || this.keys.has(t.idempotencyKey)) {
      throw new LedgerError("idempotency_conflict", `idempotency key ${t.idempotencyKey} is used twice`);
    }
    if ((t.kind === "exchange") !== (t.exchangeId !== undefined)) throw new LedgerError("invalid", "exactly the exchange transfers name an exchange");
    if (t.exchangeId !== undefined && this.exchanges.has(t.exchangeId)) throw new LedgerError("invalid", `exchange ${t.exchangeId} already posted`);
    if ((t.kind === "reversal") !== (t.reversesTransferId !== undefined)) throw new LedgerError("invalid", "exactly the reversals name a transfer");
    if (t.reversesTransferId !== undefined) {
      const i = Number(t.reversesTransferId) - 1;
      const kind = this.summary.kind[i];
      if (kind === undefined) throw new LedgerError("not_found", `transfer ${t.reversesTransferId} does not exist`);
      if (kind === "reversal") throw new LedgerError("invalid", `transfer ${t.reversesTransferId} is itself a reversal`);
      if (this.reversed.has(t.reversesTransferId)) throw new LedgerError("already_reversed", `transfer ${t.reversesTransferId} was already reversed`);
      if (this.summary.debit[i] !== t.creditAccountId || this.summary.credit[i] !== t.debitAccountId || this.summary.amount[i] !== t.amountMinutes) {
        throw new LedgerError("invalid", "a reversal moves the same minutes back between the same two accounts");
      }
    }
    const d = this.account(t.debitAccountId);
    const c = this.account(t.creditAccountId);
    if (d.floor !== null && d.balance - t.amountMinutes < d.floor) {
      throw new LedgerError("below_floor", `account ${d.id} cannot pay ${t.amountMinutes} minutes: ${d.balance - d.floor} minutes available above its floor`);
    }

    const id = this.nextTransferId++;
    const memo = t.memo ?? null;
    const actor = t.actorId ?? null;
    let holdId: bigint | null = null;
    if (t.exchangeId !== undefined) {
      holdId = this.nextHoldId++;
      const heldAt = timestamp(t.heldAt ?? t.createdAt);
      this.holds.push(
        `${holdId}\t${d.id}\t${c.id}\t${t.amountMinutes}\t${text(t.holdKey ?? `${t.idempotencyKey}:hold`)}\t${t.exchangeId}\t${text(actor)}\t${text(memo)}\t${heldAt}\n`,
      );
      this.resolutions.push(`${holdId}\tposted\t${id}\t${text(t.idempotencyKey)}\t${text(actor)}\t${text(memo)}\t${timestamp(t.createdAt)}\n`);
      this.exchanges.add(t.exchangeId);
      this.counts.holds++;
    }
    const micros = BigInt(t.createdAt.getTime()) * 1000n;
    // ledger_entry_hash(): the transfer's fields after the entry's, '-' for what is absent.
    const transferPart = [
      id,
      t.kind,
      d.id,
      c.id,
      t.amountMinutes,
      t.idempotencyKey,
      t.exchangeId ?? "-",
      holdId ?? "-",
      t.reversesTransferId ?? "-",
      actor ?? "-",
      memo === null ? "-" : sha256(Buffer.from(memo, "utf8")).toString("hex"),
      micros,
    ].join("|");
    const at = timestamp(t.createdAt);
    for (const [account, amount] of [
      [d, -t.amountMinutes],
      [c, t.amountMinutes],
    ] as const) {
      const seq = account.seq + 1;
      const after = account.balance + amount;
      const prev = account.head;
      const hash = sha256(Buffer.concat([prev, Buffer.from(`${account.id}|${seq}|${amount}|${after}|${transferPart}`, "utf8")]));
      this.entries.push(`${this.nextEntryId++}\t${id}\t${account.id}\t${seq}\t${amount}\t${after}\t${bytea(prev)}\t${bytea(hash)}\t${at}\n`);
      account.seq = seq;
      account.balance = after;
      account.head = hash;
    }
    this.transfers.push(
      `${id}\t${t.kind}\t${d.id}\t${c.id}\t${t.amountMinutes}\t${text(t.idempotencyKey)}\t${text(t.exchangeId)}\t${text(holdId)}\t${text(t.reversesTransferId)}\t${text(actor)}\t${text(memo)}\t${at}\n`,
    );
    this.keys.add(t.idempotencyKey);
    if (t.reversesTransferId !== undefined) this.reversed.add(t.reversesTransferId);
    this.summary.debit.push(d.id);
    this.summary.credit.push(c.id);
    this.summary.amount.push(t.amountMinutes);
    this.summary.kind.push(t.kind);
    this.counts.transfers++;
    this.counts.entries += 2;
    if (this.transfers.length >= FLUSH_EVERY) await this.flush();
    return { transferId: id, holdId };
  }

  /** Copies the buffered rows (holds before the transfers that post them, as the triggers would have them). */
  async flush(): Promise<void> {
    const started = performance.now();
    await copyLines(this.client, "ledger_holds", ["id", "debit_account_id", "credit_account_id", "amount_minutes", "idempotency_key", "exchange_id", "actor_id", "memo", "created_at"], this.holds);
    await copyLines(
      this.client,
      "ledger_transfers",
      ["id", "kind", "debit_account_id", "credit_account_id", "amount_minutes", "idempotency_key", "exchange_id", "hold_id", "reverses_transfer_id", "actor_id", "memo", "created_at"],
      this.transfers,
    );
    await copyLines(this.client, "ledger_entries", ["id", "transfer_id", "account_id", "seq", "amount_minutes", "balance_after_minutes", "prev_hash", "hash", "created_at"], this.entries);
    await copyLines(this.client, "ledger_hold_resolutions", ["hold_id", "outcome", "transfer_id", "idempotency_key", "actor_id", "memo", "created_at"], this.resolutions);
    this.holds = [];
    this.transfers = [];
    this.entries = [];
    this.resolutions = [];
    this.copyMs += performance.now() - started;
  }

  /**
   * Copies what is left, writes each account's balance, entry count and chain head, moves the
   * id sequences past the copied rows, turns the triggers back on and runs the checks. Throws
   * (and the caller rolls back) if any check finds a problem.
   */
  async finish(): Promise<BulkLoadResult> {
    await this.flush();
    const started = performance.now();
    const touched = [...this.accounts.values()].filter((a) => a.seq > 0);
    await this.client.query(`CREATE TEMP TABLE bulk_account_heads (id integer PRIMARY KEY, balance integer, seq integer, head bytea) ON COMMIT DROP`);
    await copyLines(this.client, "bulk_account_heads", ["id", "balance", "seq", "head"], touched.map((a) => `${a.id}\t${a.balance}\t${a.seq}\t${bytea(a.head)}\n`));
    await this.client.query(
      `UPDATE ledger_accounts a SET balance_minutes = h.balance, entry_count = h.seq, head_hash = h.head FROM bulk_account_heads h WHERE a.id = h.id`,
    );
    for (const [table, column] of [
      ["ledger_transfers", "id"],
      ["ledger_entries", "id"],
      ["ledger_holds", "id"],
    ] as const) {
      await this.client.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), greatest((SELECT max(${column}) FROM ${table}), 1))`);
    }
    this.copyMs += performance.now() - started;
    await this.client.query(`SET LOCAL session_replication_role = origin`);
    await this.client.query(`ANALYZE ${LEDGER_TABLES.join(", ")}`);

    const timed = async (sql: string) => {
      const t0 = performance.now();
      const { rows } = await this.client.query<{ problem: string }>(sql);
      return { problems: rows.map((r) => r.problem), ms: performance.now() - t0 };
    };
    const reconcile = await timed(`SELECT coalesce(account_id::text, 'the bank') || ': ' || problem AS problem FROM ledger_reconcile() LIMIT 20`);
    const chain = await timed(
      `SELECT coalesce(account_id::text, '-') || '/' || coalesce(transfer_id::text, '-') || ': ' || problem AS problem FROM ledger_verify_chain() LIMIT 20`,
    );
    const keys = await timed(foreignKeyCheckSql(LEDGER_TABLES));
    const problems = [...reconcile.problems, ...chain.problems, ...keys.problems];
    if (problems.length > 0) throw new Error(`The bulk-loaded ledger does not check out; nothing was kept:\n${problems.join("\n")}`);
    return {
      ...this.counts,
      copyMs: this.copyMs,
      checkMs: { reconcile: reconcile.ms, verifyChain: chain.ms, foreignKeys: keys.ms },
    };
  }
}

/**
 * One query that lists every foreign key of `tables` a row breaks (what the constraint triggers,
 * off during a bulk load, would have refused). Built from the catalogue, so a key added later is
 * checked too.
 */
export function foreignKeyCheckSql(tables: string[]): string {
  const list = tables.map((t) => `'${t}'`).join(", ");
  return `
    SELECT format('%s breaks %s (%s rows)', child, conname, broken) AS problem FROM (
      SELECT c.conrelid::regclass::text AS child, c.conname,
             (xpath('/row/n/text()', query_to_xml(format(
               'SELECT count(*) AS n FROM %s ch WHERE (%s) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s p WHERE (%s) = (%s))',
               c.conrelid::regclass,
               (SELECT string_agg(format('ch.%I', a.attname), ', ' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),
               c.confrelid::regclass,
               (SELECT string_agg(format('p.%I', a.attname), ', ' ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n),
               (SELECT string_agg(format('ch.%I', a.attname), ', ' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n)
             ), false, true, '')))[1]::text::bigint AS broken
        FROM pg_constraint c
       WHERE c.contype = 'f' AND c.conrelid::regclass::text IN (${list})
    ) k WHERE broken > 0`;
}
