-- The admin area (issue 4): each run of the ledger's checks is kept with its result and when it
-- ran, so the ledger review page can say "last verified 3 hours ago: no problems".

CREATE TABLE "ledger_check_runs" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "ran_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "ok" BOOLEAN NOT NULL,
    "problem_count" INTEGER NOT NULL,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "summary" JSONB,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "ledger_check_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_check_runs_kind" CHECK ("kind" IN ('trial_balance', 'reconcile', 'verify_chain')),
    CONSTRAINT "ledger_check_runs_counts" CHECK ("problem_count" >= 0 AND "duration_ms" >= 0 AND "ok" = ("problem_count" = 0))
);
CREATE INDEX "ledger_check_runs_kind_ran_at_idx" ON "ledger_check_runs"("kind", "ran_at");
ALTER TABLE "ledger_check_runs" ADD CONSTRAINT "ledger_check_runs_actor_id_fkey"
  FOREIGN KEY ("actor_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A record of a check is evidence: like the audit log, it is never changed or removed.
CREATE FUNCTION "refuse_change_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'TB006';
END $$;
CREATE TRIGGER "ledger_check_runs_append_only" BEFORE UPDATE OR DELETE ON "ledger_check_runs"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change_append_only"();
CREATE TRIGGER "ledger_check_runs_no_truncate" BEFORE TRUNCATE ON "ledger_check_runs"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change_append_only"();

-- The audit log is filtered by what an entry is about (a member's history, a transfer's).
CREATE INDEX "audit_log_target_type_target_id_at_idx" ON "audit_log"("target_type", "target_id", "at");
