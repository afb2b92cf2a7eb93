// An admin's writes in the ledger review: reversing a transfer, posting an adjustment or a grant,
// and running a check of the books. Nothing is ever edited or deleted: a correction is a new
// transfer through lib/ledger, with the admin as its actor and their reason as its memo. Each
// re-checks the admin, the accounts and the floor in one transaction, with the accounts locked as
// the ledger locks them (ascending id), so the words of a refusal are what the ledger would find.
import { z } from "zod";
import { lockAdmin } from "../admin/guard";
import { writeAudit } from "../audit/write";
import { db, type PrismaClient } from "../db/client";
import type { TransferKind } from "../db/generated/client";
import { transaction, TRANSACTION_TIMEOUT_MS } from "../db/transaction";
import { AppError, conflict, forbidden, fromLedgerError, notFound } from "../errors";
import { formatDay } from "../format/date";
import { formatMinutes } from "../format/minutes";
import {
  LEDGER_CHECK_KINDS,
  LedgerError,
  reverse,
  runLedgerCheck,
  systemAccountId,
  transfer,
  type LedgerCheckResult,
  type LedgerDb,
} from "../ledger";
import { REQUEST_KEY_MAX_CHARS, REQUEST_KEY_MIN_CHARS } from "../members/schemas";
import type { Tx } from "../members/guard";
import { notify } from "../notifications/notify";
import { reasonField } from "../admin/schemas";
import { foldTypedTime, numberFromText, parseInput } from "../validation";
import type { AccountRef, ReversalPayer } from "./queries";

export { REASON_MAX_CHARS, REASON_MIN_CHARS } from "../admin/schemas";
/** The largest single adjustment or grant: 1,000 hours, as far below zero as any floor goes. */
export const CORRECTION_MAX_MINUTES = 60_000;
/** A check of a million transfers takes seconds; its transaction may run longer than a form's. */
const CHECK_TIMEOUT_MS = 5 * 60_000;

const ledgerOf = (tx: Tx) => tx as unknown as LedgerDb;

const reason = reasonField;

export const reverseSchema = z.object({
  transferId: z.preprocess(
    (v) => (typeof v === "bigint" || typeof v === "number" ? String(v) : v),
    z.string({ error: "Choose a transfer to reverse." }).regex(/^[1-9]\d{0,17}$/, "That is not a transfer's number."),
  ),
  reason,
});

/** Grants only add hours, so a grant needs no direction; an adjustment must say which way. */
function withGrantDirection(input: unknown): unknown {
  const o = foldTypedTime("minutes")(input);
  if (typeof o !== "object" || o === null) return o;
  const c = o as Record<string, unknown>;
  return c.kind === "grant" && (c.direction === undefined || c.direction === "") ? { ...c, direction: "credit" } : c;
}

export const correctionSchema = z.preprocess(
  withGrantDirection,
  z
    .object({
      kind: z.enum(["adjustment", "grant"], { error: "Choose an adjustment or a grant." }),
      memberId: z.uuid("Choose a member."),
      direction: z.enum(["credit", "debit"], { error: "Choose whether to add hours or take them away." }),
      minutes: z.preprocess(
        numberFromText,
        z
          .number({ error: "Enter how many hours and minutes." })
          .int("Enter whole minutes.")
          .min(1, "Enter more than zero minutes.")
          .max(CORRECTION_MAX_MINUTES, `Enter at most ${CORRECTION_MAX_MINUTES / 60} hours at a time.`),
      ),
      reason,
      requestKey: z
        .string({ error: "The form is missing its one-time key; reload the page." })
        .min(REQUEST_KEY_MIN_CHARS, "The form's one-time key is not valid; reload the page.")
        .max(REQUEST_KEY_MAX_CHARS, "The form's one-time key is not valid; reload the page."),
    })
    .refine((c) => c.kind !== "grant" || c.direction === "credit", {
      path: ["direction"],
      message: "A grant only adds hours; to take hours away, post an adjustment.",
    }),
);
export type CorrectionInput = z.output<typeof correctionSchema>;

export const checkSchema = z.object({ kind: z.enum(LEDGER_CHECK_KINDS, { error: "Choose a check." }) });

// -------------------------------------------------------------------------------------------
// Reversing a transfer

export const reversalKey = (transferId: string) => `reverse:${transferId}`;

/** What decides whether a transfer can be reversed now. */
export interface ReversalFacts {
  id: string;
  kind: TransferKind;
  minutes: number;
  reversesId: string | null;
  reversedById: string | null;
  /** The account the reversal takes the minutes back from. */
  reversalPayer: ReversalPayer;
}

/** Why this transfer cannot be reversed, in words for an admin; null when it can. */
export function reversalRefusal(f: ReversalFacts): AppError | null {
  if (f.kind === "reversal") {
    return new AppError("invalid", `Transfer #${f.id} is itself a reversal (of #${f.reversesId}) and cannot be reversed. To move the hours again, post an adjustment.`);
  }
  if (f.reversedById) {
    return conflict(`Transfer #${f.id} was already reversed by transfer #${f.reversedById}. A transfer is reversed at most once.`);
  }
  const p = f.reversalPayer;
  if (p.floorMinutes === null) return null;
  const available = p.balanceMinutes - p.heldMinutes - p.floorMinutes;
  if (f.minutes <= available) return null;
  return new AppError(
    "below_floor",
    `Reversing this would take ${p.name} ${formatMinutes(f.minutes - available)} below their floor: they have ${formatMinutes(Math.max(0, available))} ` +
      `available above it (counting hours held for exchanges), and the reversal takes back ${formatMinutes(f.minutes)}. Nothing was changed.`,
  );
}

interface LockedAccount {
  id: number;
  kind: AccountRef["kind"];
  name: string;
  member_id: string | null;
  member_status: string | null;
  balance_minutes: number;
  held_minutes: number;
  floor_minutes: number | null;
}

/** Locks accounts as the ledger's own trigger does (ascending id, FOR NO KEY UPDATE), so no deadlock. */
async function lockAccounts(tx: Tx, first: number, second: number): Promise<Map<number, LockedAccount>> {
  const rows = await tx.$queryRaw<LockedAccount[]>`
    SELECT a.id, a.kind::text AS kind, coalesce(m.name, m.email, a.name) AS name, a.member_id, m.status::text AS member_status,
           a.balance_minutes, a.held_minutes, a.floor_minutes
      FROM ledger_accounts a LEFT JOIN members m ON m.id = a.member_id
     WHERE a.id IN (${first}::int, ${second}::int)
     ORDER BY a.id FOR NO KEY UPDATE OF a`;
  return new Map(rows.map((r) => [r.id, r]));
}

const refOf = (a: LockedAccount): AccountRef => ({ accountId: a.id, kind: a.kind, name: a.name, memberId: a.member_id });

interface Original {
  id: bigint;
  kind: TransferKind;
  amount_minutes: number;
  debit_account_id: number;
  credit_account_id: number;
  reverses_transfer_id: bigint | null;
  exchange_id: string | null;
  created_at: Date;
}

async function reversalFactsLocked(tx: Tx, transferId: bigint) {
  const [o] = await tx.$queryRaw<Original[]>`
    SELECT id, kind::text AS kind, amount_minutes, debit_account_id, credit_account_id, reverses_transfer_id, exchange_id, created_at
      FROM ledger_transfers WHERE id = ${transferId}::bigint`;
  if (!o) throw notFound("That transfer");
  const accounts = await lockAccounts(tx, o.debit_account_id, o.credit_account_id);
  // With both accounts locked, a reversal committed by anyone else is seen here.
  const [reversal] = await tx.$queryRaw<{ id: bigint }[]>`SELECT id FROM ledger_transfers WHERE reverses_transfer_id = ${transferId}::bigint`;
  const payer = accounts.get(o.credit_account_id)!;
  const facts: ReversalFacts = {
    id: o.id.toString(),
    kind: o.kind,
    minutes: o.amount_minutes,
    reversesId: o.reverses_transfer_id?.toString() ?? null,
    reversedById: reversal?.id.toString() ?? null,
    reversalPayer: { ...refOf(payer), balanceMinutes: payer.balance_minutes, heldMinutes: payer.held_minutes, floorMinutes: payer.floor_minutes },
  };
  const members = [accounts.get(o.debit_account_id)!, payer].filter((a) => a.member_id !== null);
  return {
    original: o,
    facts,
    paidBack: refOf(accounts.get(o.debit_account_id)!),
    takenFrom: refOf(payer),
    memberIds: members.map((a) => a.member_id!),
    closedMember: members.find((a) => a.member_status === "closed")?.name ?? null,
  };
}

/** A refusal the pre-check did not foresee, in an admin's words; other errors pass through. */
function ledgerRefusal(err: unknown): unknown {
  if (!(err instanceof LedgerError)) return err;
  if (err.code === "below_floor") return new AppError("below_floor", "The ledger refused this: it would take an account below its floor. Nothing was changed.");
  if (err.code === "already_reversed") return conflict("This transfer was already reversed. Nothing was changed.");
  if (err.code === "idempotency_conflict") return conflict("This form was already used for a different correction. Reload the page and try again.");
  return fromLedgerError(err);
}

export interface ReversalResult {
  reversalId: string;
}

/**
 * Reverses a transfer: a new transfer moving the same minutes back, linked to the original, with
 * the admin's reason as its memo; at most once, never a reversal, never below a floor. An
 * exchange's transfer can be reversed: the exchange stays confirmed, only the hours go back.
 */
export async function reverseTransfer(adminId: string, input: unknown, database: PrismaClient = db()): Promise<ReversalResult> {
  const r = parseInput(reverseSchema, input);
  return transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    const { original, facts, paidBack, takenFrom, memberIds, closedMember } = await reversalFactsLocked(tx, BigInt(r.transferId));
    // Separation of duties: hours into or out of an admin's own account need another admin.
    if (memberIds.includes(adminId)) throw forbidden("This transfer is to or from your own account, so another admin must reverse it.");
    if (closedMember) throw conflict(`${closedMember}'s account is closed: its history is kept, but no hours move into or out of it any more.`);
    const refusal = reversalRefusal(facts);
    if (refusal) throw refusal;
    let reversalId: bigint;
    try {
      ({ transferId: reversalId } = await reverse(
        { transferId: original.id, idempotencyKey: reversalKey(facts.id), actorId: adminId, memo: r.reason },
        ledgerOf(tx),
      ));
    } catch (err) {
      throw ledgerRefusal(err);
    }
    await writeAudit(tx, {
      actorId: adminId,
      action: "ledger.reverse",
      targetType: "transfer",
      targetId: facts.id,
      details: { reversalId: reversalId.toString(), amountMinutes: facts.minutes, reason: r.reason, exchangeId: original.exchange_id },
    });
    const what = `the ${original.kind} of ${formatDay(original.created_at)}`;
    const why = `The reason given: “${r.reason}”`;
    const exchangeNote = original.exchange_id ? " The exchange itself stays confirmed." : "";
    await tellMember(tx, paidBack, `${formatMinutes(facts.minutes)} came back to you`, `An admin reversed ${what}.${exchangeNote} ${why}`);
    await tellMember(tx, takenFrom, `${formatMinutes(facts.minutes)} was taken back from your account`, `An admin reversed ${what}, so its hours went back.${exchangeNote} ${why}`);
    return { reversalId: reversalId.toString() };
  });
}

async function tellMember(tx: Tx, account: AccountRef, title: string, body: string): Promise<void> {
  if (!account.memberId) return;
  await notify(tx, { memberId: account.memberId, kind: "hours.corrected", title, body, link: "/dashboard" });
}

// -------------------------------------------------------------------------------------------
// Adjustments and grants

export const correctionKey = (adminId: string, requestKey: string) => `correction:${adminId}:${requestKey}`;

export interface CorrectionResult {
  transferId: string;
  replayed: boolean;
  minutes: number;
}

async function lockCorrectedMember(tx: Tx, memberId: string) {
  const [m] = await tx.$queryRaw<{ status: string; name: string | null; email: string }[]>`
    SELECT status::text AS status, name, email FROM members WHERE id = ${memberId}::uuid FOR SHARE`;
  if (!m || m.status === "closed") throw notFound("That member");
  const account = await tx.ledgerAccount.findUnique({ where: { memberId }, select: { id: true } });
  const name = m.name ?? m.email;
  if (!account) throw conflict(`${name} has no hours account yet: it opens when they are approved.`);
  return { name, accountId: account.id };
}

/**
 * An adjustment (to or from the adjustment account) or a grant (from issuance) for one member,
 * with the admin's reason. The form's one-time key makes a resubmission post once.
 */
export async function postCorrection(adminId: string, input: unknown, database: PrismaClient = db()): Promise<CorrectionResult> {
  const c = parseInput(correctionSchema, input);
  return transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    if (c.memberId === adminId) throw forbidden("An admin cannot correct or grant hours to their own account: ask another admin.");
    const member = await lockCorrectedMember(tx, c.memberId);
    const bank = await systemAccountId(c.kind === "grant" ? "issuance" : "adjustment", ledgerOf(tx));
    const [debitAccountId, creditAccountId] = c.direction === "credit" ? [bank, member.accountId] : [member.accountId, bank];
    const accounts = await lockAccounts(tx, debitAccountId, creditAccountId);
    const key = correctionKey(adminId, c.requestKey);
    const replay = await tx.ledgerTransfer.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
    if (!replay && c.direction === "debit") refuseBelowFloor(accounts.get(member.accountId)!, c.minutes);
    let result;
    try {
      result = await transfer(
        { kind: c.kind, debitAccountId, creditAccountId, amountMinutes: c.minutes, idempotencyKey: key, actorId: adminId, memo: c.reason },
        ledgerOf(tx),
      );
    } catch (err) {
      throw ledgerRefusal(err);
    }
    const transferId = result.transferId.toString();
    if (!result.replayed) {
      await writeAudit(tx, {
        actorId: adminId,
        action: c.kind === "grant" ? "ledger.grant" : "ledger.adjust",
        targetType: "member",
        targetId: c.memberId,
        details: { transferId, direction: c.direction, amountMinutes: c.minutes, reason: c.reason },
      });
      const amount = formatMinutes(c.minutes);
      const title = c.kind === "grant" ? `The bank granted you ${amount}` : c.direction === "credit" ? `An admin added ${amount} to your account` : `An admin took ${amount} from your account`;
      await notify(tx, { memberId: c.memberId, kind: "hours.corrected", title, body: `The reason given: “${c.reason}”`, link: "/dashboard" });
    }
    return { transferId, replayed: result.replayed, minutes: c.minutes };
  });
}

function refuseBelowFloor(account: LockedAccount, minutes: number): void {
  if (account.floor_minutes === null) return;
  const available = account.balance_minutes - account.held_minutes - account.floor_minutes;
  if (minutes <= available) return;
  throw new AppError(
    "below_floor",
    `Taking ${formatMinutes(minutes)} from ${account.name} would put them ${formatMinutes(minutes - available)} below their floor: they have ` +
      `${formatMinutes(Math.max(0, available))} available above it (counting hours held for exchanges). Nothing was changed.`,
    { minutes: [`At most ${formatMinutes(Math.max(0, available))}.`] },
  );
}

// -------------------------------------------------------------------------------------------
// Checks of the books

/** Runs one check for an admin, recorded in ledger_check_runs and in the audit log. */
export async function runCheck(adminId: string, input: unknown, database: PrismaClient = db()): Promise<LedgerCheckResult> {
  const { kind } = parseInput(checkSchema, input);
  return database.$transaction(
    async (tx) => {
      await lockAdmin(tx, adminId);
      const run = await runLedgerCheck(kind, adminId, ledgerOf(tx));
      await writeAudit(tx, {
        actorId: adminId,
        action: "ledger.check",
        details: { kind, ok: run.ok, problemCount: run.problemCount, runId: run.id, durationMs: run.durationMs },
      });
      return run;
    },
    { timeout: CHECK_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
}
