// The books' three checks, each with its last result, when it ran (UTC, and how long ago), who ran
// it and how long it took, a button to run it again, and the problems it found.
import Link from "next/link";
import { Badge, Card } from "@/components/ui/page";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { now } from "@/lib/clock";
import { formatAgo } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";
import { LEDGER_CHECK_KINDS, MAX_RECORDED_PROBLEMS, type LedgerCheckKind, type LedgerCheckResult, type RecordedProblem } from "@/lib/ledger";
import { linkClass, TransferLink, UtcTime } from "./ledger-bits";
import { RunCheckForm } from "./run-check-form";

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<{ ok: boolean; problemCount: number }>>;

const CHECKS: Record<LedgerCheckKind, { name: string; what: string }> = {
  trial_balance: {
    name: "Trial balance",
    what: "All balances add up to zero: every minute paid out of one account was paid into another.",
  },
  reconcile: {
    name: "Reconciliation",
    what: "Each account's balance and held hours match its entries and open holds, and no account is below its floor.",
  },
  verify_chain: {
    name: "Hash-chain verification",
    what: "Every entry's fingerprint and link is worked out again, so a change made behind the ledger's back shows up here.",
  },
};

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

function Summary({ run }: { run: LedgerCheckResult }) {
  const s = run.summary ?? {};
  if (run.kind === "trial_balance") {
    return (
      <p className="text-sm text-ink-muted">
        Total {formatMinutes(s.totalMinutes ?? 0)}: members and pools {formatMinutes(s.memberMinutes ?? 0)}, bank accounts {formatMinutes(s.systemMinutes ?? 0)}; held{" "}
        {formatMinutes(s.heldMinutes ?? 0)}. {count(s.accounts ?? 0, "account")}, {count(s.transfers ?? 0, "transfer")}.
      </p>
    );
  }
  return (
    <p className="text-sm text-ink-muted">
      Checked {count(s.accounts ?? 0, "account")} and {count(s.entries ?? 0, "entry", "entries")}.
    </p>
  );
}

function Problems({ run }: { run: LedgerCheckResult }) {
  if (run.ok) return null;
  const shown = run.problems.length < run.problemCount ? ` (the first ${MAX_RECORDED_PROBLEMS} are listed)` : "";
  return (
    <details className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200">
      <summary className="cursor-pointer font-semibold">
        {count(run.problemCount, "problem")}
        {shown}
      </summary>
      <ul className="mt-2 space-y-1.5">
        {run.problems.map((p, i) => (
          <li key={i} className="break-words">
            <ProblemWhere problem={p} />
            {p.problem}
          </li>
        ))}
      </ul>
    </details>
  );
}

function ProblemWhere({ problem }: { problem: RecordedProblem }) {
  if (problem.accountId === null && problem.transferId === null) return <>The bank: </>;
  return (
    <>
      {problem.accountId !== null && (
        <Link href={`/admin/ledger/accounts/${problem.accountId}`} className={linkClass}>
          account {problem.accountId}
        </Link>
      )}
      {problem.accountId !== null && problem.transferId !== null && ", "}
      {problem.transferId !== null && (
        <>
          transfer <TransferLink id={problem.transferId} />
        </>
      )}
      {": "}
    </>
  );
}

function LastRun({ run }: { run: LedgerCheckResult | null }) {
  if (!run) {
    return (
      <p className="text-sm">
        <Badge tone="warning">Never run</Badge> <span className="text-ink-muted">Run it now to know the books are right.</span>
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <p>
        <Badge tone={run.ok ? "success" : "danger"}>{run.ok ? "No problems" : count(run.problemCount, "problem")}</Badge>
      </p>
      <p className="text-sm">
        Last run <UtcTime date={run.ranAt} /> ({formatAgo(run.ranAt, now())}) by {run.actorName ?? "the system"}, in {duration(run.durationMs)}.
      </p>
      <Summary run={run} />
      <Problems run={run} />
    </div>
  );
}

export function CheckPanel({ runs, action }: { runs: Record<LedgerCheckKind, LedgerCheckResult | null>; action: Action }) {
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      {LEDGER_CHECK_KINDS.map((kind) => (
        <Card key={kind} as="article" aria-labelledby={`check-${kind}`} data-testid={`ledger-check-${kind}`} className="flex flex-col gap-3">
          <h3 id={`check-${kind}`} className="text-lg font-semibold text-brand-900">
            {CHECKS[kind].name}
          </h3>
          <p className="text-sm text-ink-muted">{CHECKS[kind].what}</p>
          <LastRun run={runs[kind]} />
          <div className="mt-auto">
            <RunCheckForm kind={kind} label={CHECKS[kind].name} action={action} />
          </div>
        </Card>
      ))}
    </div>
  );
}
