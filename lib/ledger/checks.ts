// The books' three checks (trial balance, reconciliation, hash-chain verification), each run
// timed and kept in ledger_check_runs with its result, so the admin ledger page can say when the
// ledger was last shown to be right. The table is append-only (a trigger refuses UPDATE, DELETE
// and TRUNCATE): a record of a check is evidence.
import { z } from "zod";
import { now } from "../clock";
import { db as sharedDb, Prisma } from "../db/client";
import { LedgerError } from "./errors";
import { reconcile, trialBalance, verifyChain, type LedgerDb, type LedgerProblem } from "./index";

export const LEDGER_CHECK_KINDS = ["trial_balance", "reconcile", "verify_chain"] as const;
export type LedgerCheckKind = (typeof LEDGER_CHECK_KINDS)[number];

/** A run keeps its first problems only: the count says how many there were in all. */
export const MAX_RECORDED_PROBLEMS = 100;

/** A problem as stored (JSON has no bigint: transfer ids are strings). */
export interface RecordedProblem {
  accountId: number | null;
  transferId: string | null;
  problem: string;
}

export interface LedgerCheckResult {
  id: string;
  kind: LedgerCheckKind;
  ranAt: Date;
  actorId: string | null;
  actorName: string | null;
  ok: boolean;
  problemCount: number;
  problems: RecordedProblem[];
  /** What was checked: the trial balance's figures, or how many accounts and entries. */
  summary: Record<string, number> | null;
  durationMs: number;
}

const checkInput = z.object({
  kind: z.enum(LEDGER_CHECK_KINDS, { error: "Unknown ledger check." }),
  actorId: z.uuid("Unknown member.").nullable(),
});

interface Measured {
  problems: LedgerProblem[];
  summary: Record<string, number>;
}

async function ledgerSize(database: LedgerDb): Promise<Record<string, number>> {
  const rows = await database.$queryRaw<{ accounts: bigint; entries: bigint }[]>`
    SELECT count(*)::bigint AS accounts, coalesce(sum(entry_count), 0)::bigint AS entries FROM ledger_accounts`;
  return { accounts: Number(rows[0]?.accounts ?? 0), entries: Number(rows[0]?.entries ?? 0) };
}

async function measure(kind: LedgerCheckKind, database: LedgerDb): Promise<Measured> {
  switch (kind) {
    case "trial_balance": {
      const figures = await trialBalance(database);
      const problems =
        figures.totalMinutes === 0 ? [] : [{ accountId: null, problem: `the balances of all accounts sum to ${figures.totalMinutes} minutes, not 0` }];
      return { problems, summary: { ...figures } };
    }
    case "reconcile":
      return { problems: await reconcile(database), summary: await ledgerSize(database) };
    case "verify_chain":
      return { problems: await verifyChain(database), summary: await ledgerSize(database) };
  }
}

interface CheckRunRow {
  id: bigint;
  kind: LedgerCheckKind;
  ran_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  ok: boolean;
  problem_count: number;
  problems: RecordedProblem[];
  summary: Record<string, number> | null;
  duration_ms: number;
}

function toResult(r: CheckRunRow): LedgerCheckResult {
  return {
    id: r.id.toString(),
    kind: r.kind,
    ranAt: r.ran_at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    ok: r.ok,
    problemCount: r.problem_count,
    problems: r.problems,
    summary: r.summary,
    durationMs: r.duration_ms,
  };
}

/** Runs one check, records it (whoever asked, when, how long, what it found) and returns the record. */
export async function runLedgerCheck(kind: LedgerCheckKind, actorId: string | null, database: LedgerDb = sharedDb()): Promise<LedgerCheckResult> {
  const parsed = checkInput.safeParse({ kind, actorId });
  if (!parsed.success) throw new LedgerError("invalid", parsed.error.issues.map((i) => i.message).join(" "));
  const started = performance.now();
  const { problems, summary } = await measure(parsed.data.kind, database);
  const durationMs = Math.round(performance.now() - started);
  const recorded: RecordedProblem[] = problems.slice(0, MAX_RECORDED_PROBLEMS).map((p) => ({
    accountId: p.accountId,
    transferId: p.transferId == null ? null : p.transferId.toString(),
    problem: p.problem,
  }));
  const rows = await database.$queryRaw<CheckRunRow[]>`
    WITH r AS (
      INSERT INTO ledger_check_runs (kind, ran_at, actor_id, ok, problem_count, problems, summary, duration_ms)
      VALUES (${parsed.data.kind}, ${now()}, ${parsed.data.actorId}::uuid, ${problems.length === 0}, ${problems.length}::int,
              ${JSON.stringify(recorded)}::jsonb, ${JSON.stringify(summary)}::jsonb, ${durationMs}::int)
      RETURNING *)
    SELECT r.id, r.kind, r.ran_at, r.actor_id, m.name AS actor_name, r.ok, r.problem_count, r.problems, r.summary, r.duration_ms
      FROM r LEFT JOIN members m ON m.id = r.actor_id`;
  const row = rows[0];
  if (!row) throw new LedgerError("not_found", "The check run was not recorded.");
  return toResult(row);
}

/** The last run of each check (null for a check never run), newest by when it ran. */
export async function latestCheckRuns(database: LedgerDb = sharedDb()): Promise<Record<LedgerCheckKind, LedgerCheckResult | null>> {
  const kinds = Prisma.join(LEDGER_CHECK_KINDS.map((k) => Prisma.sql`(${k})`));
  // One index probe per kind on (kind, ran_at), however long the history grows.
  const rows = await database.$queryRaw<CheckRunRow[]>`
    SELECT r.id, r.kind, r.ran_at, r.actor_id, m.name AS actor_name, r.ok, r.problem_count, r.problems, r.summary, r.duration_ms
      FROM (VALUES ${kinds}) AS k(kind)
      CROSS JOIN LATERAL (
        SELECT * FROM ledger_check_runs c WHERE c.kind = k.kind ORDER BY c.ran_at DESC, c.id DESC LIMIT 1) r
      LEFT JOIN members m ON m.id = r.actor_id`;
  const latest = Object.fromEntries(LEDGER_CHECK_KINDS.map((k) => [k, null])) as Record<LedgerCheckKind, LedgerCheckResult | null>;
  for (const row of rows) latest[row.kind] = toResult(row);
  return latest;
}
