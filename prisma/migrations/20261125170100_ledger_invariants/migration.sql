-- The ledger's invariants, enforced by PostgreSQL itself (docs/LEDGER.md lists each one and
-- where it is enforced). lib/ledger calls the ledger_* functions at the end of this file; the
-- triggers make even a raw INSERT behind its back keep the books right, and refuse the rest.
--
-- Error codes (SQLSTATE class "TB", mapped to LedgerError codes in lib/ledger/errors.ts):
--   TB001 invalid transfer          TB002 below floor            TB003 idempotency key conflict
--   TB004 hold already resolved     TB005 already reversed       TB006 append-only / guarded
--   TB007 not found

-- Invariant 1: a positive whole number of minutes (integer column) between two different accounts.
ALTER TABLE "ledger_transfers"
  ADD CONSTRAINT "ledger_transfers_amount_positive" CHECK ("amount_minutes" > 0 AND "amount_minutes" <= 1000000),
  ADD CONSTRAINT "ledger_transfers_two_accounts" CHECK ("debit_account_id" <> "credit_account_id"),
  ADD CONSTRAINT "ledger_transfers_reversal_link" CHECK (("kind" = 'reversal') = ("reverses_transfer_id" IS NOT NULL)),
  -- Invariant 7: only an exchange transfer names an exchange, and exchange_id is unique.
  ADD CONSTRAINT "ledger_transfers_exchange_link" CHECK ("exchange_id" IS NULL OR "kind" = 'exchange'),
  ADD CONSTRAINT "ledger_transfers_key_length" CHECK (length("idempotency_key") BETWEEN 1 AND 200);

ALTER TABLE "ledger_holds"
  ADD CONSTRAINT "ledger_holds_amount_positive" CHECK ("amount_minutes" > 0 AND "amount_minutes" <= 1000000),
  ADD CONSTRAINT "ledger_holds_two_accounts" CHECK ("debit_account_id" <> "credit_account_id"),
  ADD CONSTRAINT "ledger_holds_key_length" CHECK (length("idempotency_key") BETWEEN 1 AND 200);

ALTER TABLE "ledger_hold_resolutions"
  ADD CONSTRAINT "ledger_hold_resolutions_transfer" CHECK (("outcome" = 'posted') = ("transfer_id" IS NOT NULL));

ALTER TABLE "ledger_entries"
  ADD CONSTRAINT "ledger_entries_amount_nonzero" CHECK ("amount_minutes" <> 0),
  ADD CONSTRAINT "ledger_entries_seq_positive" CHECK ("seq" > 0);

-- Invariant 4: no account goes below its floor, counting holds.
ALTER TABLE "ledger_accounts"
  ADD CONSTRAINT "ledger_accounts_floor" CHECK ("floor_minutes" IS NULL OR "balance_minutes" - "held_minutes" >= "floor_minutes"),
  ADD CONSTRAINT "ledger_accounts_floor_not_positive" CHECK ("floor_minutes" IS NULL OR "floor_minutes" <= 0),
  -- A bug that writes a huge negative floor must not quietly switch invariant 4 off.
  ADD CONSTRAINT "ledger_accounts_floor_bounded" CHECK ("floor_minutes" IS NULL OR "floor_minutes" >= -60000),
  ADD CONSTRAINT "ledger_accounts_held_not_negative" CHECK ("held_minutes" >= 0),
  ADD CONSTRAINT "ledger_accounts_member_link" CHECK (("kind" = 'member') = ("member_id" IS NOT NULL)),
  ADD CONSTRAINT "ledger_accounts_member_floor" CHECK ("kind" NOT IN ('member', 'pool') OR "floor_minutes" IS NOT NULL);

-- Invariant 8: the hash of one entry, over the previous entry's hash, the entry and its transfer.
-- Used both when an entry is written and when the chain is verified, so the two cannot drift.
CREATE FUNCTION "ledger_entry_hash"(
  p_prev bytea, p_account integer, p_seq integer, p_amount integer, p_balance_after integer,
  t "ledger_transfers"
) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(coalesce(p_prev, '\x'::bytea) || convert_to(concat_ws('|',
    p_account, p_seq, p_amount, p_balance_after,
    t.id, t.kind, t.debit_account_id, t.credit_account_id, t.amount_minutes, t.idempotency_key,
    coalesce(t.exchange_id::text, '-'), coalesce(t.hold_id::text, '-'), coalesce(t.reverses_transfer_id::text, '-'),
    coalesce(t.actor_id::text, '-'), coalesce(encode(sha256(convert_to(t.memo, 'UTF8')), 'hex'), '-'),
    (extract(epoch FROM t.created_at) * 1000000)::bigint), 'UTF8'))
$$;

-- Where an account's chain starts: a hash of who the account is, so that moving an account's
-- history to another member (or another account's) breaks its first link.
CREATE FUNCTION "ledger_account_genesis"(a "ledger_accounts") RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(convert_to(concat_ws('|', 'genesis', a.id, a.kind, coalesce(a.member_id::text, '-'), coalesce(a.code, '-')), 'UTF8'))
$$;

-- Invariant 5: ledger rows are append-only.
CREATE FUNCTION "ledger_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % is refused; correct a transfer by reversing it', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'TB006';
END $$;

CREATE TRIGGER "ledger_transfers_append_only" BEFORE UPDATE OR DELETE ON "ledger_transfers"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_transfers_no_truncate" BEFORE TRUNCATE ON "ledger_transfers"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "ledger_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_holds_append_only" BEFORE UPDATE OR DELETE ON "ledger_holds"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_holds_no_truncate" BEFORE TRUNCATE ON "ledger_holds"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_hold_resolutions_append_only" BEFORE UPDATE OR DELETE ON "ledger_hold_resolutions"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_hold_resolutions_no_truncate" BEFORE TRUNCATE ON "ledger_hold_resolutions"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_accounts_no_delete" BEFORE DELETE ON "ledger_accounts"
  FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
CREATE TRIGGER "ledger_accounts_no_truncate" BEFORE TRUNCATE ON "ledger_accounts"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_refuse_change"();

-- Invariants 2, 3 and 8: an account opens empty, and its balance, holds and chain head change only
-- inside the ledger's own triggers (trigger depth >= 2), never by a direct UPDATE.
CREATE FUNCTION "ledger_accounts_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.balance_minutes <> 0 OR NEW.held_minutes <> 0 OR NEW.entry_count <> 0 OR NEW.head_hash IS NOT NULL THEN
      RAISE EXCEPTION 'an account opens with no balance, holds or entries; credit it with a transfer'
        USING ERRCODE = 'TB006';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.id, NEW.kind, NEW.member_id, NEW.code) IS DISTINCT FROM (OLD.id, OLD.kind, OLD.member_id, OLD.code) THEN
    RAISE EXCEPTION 'account %: its id, kind, member and code never change', OLD.id USING ERRCODE = 'TB006';
  END IF;
  IF (NEW.balance_minutes, NEW.held_minutes, NEW.entry_count, NEW.head_hash)
     IS NOT DISTINCT FROM (OLD.balance_minutes, OLD.held_minutes, OLD.entry_count, OLD.head_hash) THEN
    RETURN NEW; -- e.g. a new floor; the floor CHECK still applies
  END IF;
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'account %: balance, holds and history change only through transfers and holds', OLD.id
      USING ERRCODE = 'TB006';
  END IF;
  -- Even from inside a trigger, the balance moves only by the entries just written for it, and
  -- the chain head is the last of them (so a trigger of someone else's cannot move it either).
  IF (NEW.balance_minutes, NEW.entry_count, NEW.head_hash) IS DISTINCT FROM (OLD.balance_minutes, OLD.entry_count, OLD.head_hash) THEN
    IF NEW.entry_count < OLD.entry_count OR NEW.balance_minutes - OLD.balance_minutes IS DISTINCT FROM (
         SELECT coalesce(sum(amount_minutes), 0) FROM "ledger_entries"
          WHERE account_id = OLD.id AND seq > OLD.entry_count AND seq <= NEW.entry_count)
       OR NEW.head_hash IS DISTINCT FROM (
         SELECT hash FROM "ledger_entries" WHERE account_id = OLD.id AND seq = NEW.entry_count)
       OR (NEW.entry_count > 0 AND NEW.balance_minutes IS DISTINCT FROM (
         SELECT balance_after_minutes FROM "ledger_entries" WHERE account_id = OLD.id AND seq = NEW.entry_count)) THEN
      RAISE EXCEPTION 'account %: a balance change must match the entries written for it', OLD.id
        USING ERRCODE = 'TB006';
    END IF;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "ledger_accounts_guard" BEFORE INSERT OR UPDATE ON "ledger_accounts"
  FOR EACH ROW EXECUTE FUNCTION "ledger_accounts_guard"();

-- Entries are written only by the transfer trigger below.
CREATE FUNCTION "ledger_entries_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 OR NOT EXISTS (
       SELECT 1 FROM "ledger_transfers" t
        WHERE t.id = NEW.transfer_id
          AND ((t.debit_account_id = NEW.account_id AND NEW.amount_minutes = -t.amount_minutes)
            OR (t.credit_account_id = NEW.account_id AND NEW.amount_minutes = t.amount_minutes))) THEN
    RAISE EXCEPTION 'ledger entries are written only by their transfer; insert a transfer instead'
      USING ERRCODE = 'TB006';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "ledger_entries_guard" BEFORE INSERT ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entries_guard"();

-- Before a transfer row exists: check what it refers to, and lock its two accounts in id order
-- (every ledger write locks accounts in ascending id, so concurrent transfers cannot deadlock).
-- FOR NO KEY UPDATE, not FOR UPDATE: it serialises balance writers just the same, but does not
-- block the KEY SHARE lock that PostgreSQL's foreign-key checks take on the other account (with
-- FOR UPDATE, hold(A->B) and hold(B->A) could each wait for the other).
CREATE FUNCTION "ledger_transfers_check"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  h "ledger_holds";
  o "ledger_transfers";
  n integer;
BEGIN
  IF NEW.debit_account_id = NEW.credit_account_id THEN
    RAISE EXCEPTION 'a transfer moves minutes between two different accounts' USING ERRCODE = 'TB001';
  END IF;
  IF NEW.hold_id IS NOT NULL THEN
    SELECT * INTO h FROM "ledger_holds" WHERE id = NEW.hold_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'hold % does not exist', NEW.hold_id USING ERRCODE = 'TB007';
    END IF;
    IF h.debit_account_id <> NEW.debit_account_id OR h.credit_account_id <> NEW.credit_account_id
       OR h.exchange_id IS DISTINCT FROM NEW.exchange_id THEN
      RAISE EXCEPTION 'hold % posts only between its own accounts and for its own exchange', NEW.hold_id
        USING ERRCODE = 'TB001';
    END IF;
  END IF;
  IF NEW.reverses_transfer_id IS NOT NULL THEN
    SELECT * INTO o FROM "ledger_transfers" WHERE id = NEW.reverses_transfer_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'transfer % does not exist', NEW.reverses_transfer_id USING ERRCODE = 'TB007';
    END IF;
    IF o.kind = 'reversal' THEN
      RAISE EXCEPTION 'transfer % is itself a reversal; post a new transfer instead of reversing it', o.id
        USING ERRCODE = 'TB001';
    END IF;
    IF o.debit_account_id <> NEW.credit_account_id OR o.credit_account_id <> NEW.debit_account_id
       OR o.amount_minutes <> NEW.amount_minutes THEN
      RAISE EXCEPTION 'a reversal moves the same % minutes back between the same two accounts', o.amount_minutes
        USING ERRCODE = 'TB001';
    END IF;
  END IF;

  SELECT count(*) INTO n FROM (
    SELECT 1 FROM "ledger_accounts" WHERE id IN (NEW.debit_account_id, NEW.credit_account_id) ORDER BY id FOR NO KEY UPDATE
  ) locked;
  IF n < 2 THEN
    RAISE EXCEPTION 'account % or % does not exist', NEW.debit_account_id, NEW.credit_account_id USING ERRCODE = 'TB007';
  END IF;

  -- A retry racing its original: once the original has committed, its key is taken; let the
  -- unique key (or the caller's ON CONFLICT) settle it as a replay rather than an error.
  IF EXISTS (SELECT 1 FROM "ledger_transfers" WHERE idempotency_key = NEW.idempotency_key) THEN
    RETURN NEW;
  END IF;
  -- With both accounts locked, these see every committed resolution and reversal of them.
  IF NEW.hold_id IS NOT NULL AND EXISTS (SELECT 1 FROM "ledger_hold_resolutions" WHERE hold_id = NEW.hold_id) THEN
    RAISE EXCEPTION 'hold % was already %', NEW.hold_id,
      (SELECT outcome FROM "ledger_hold_resolutions" WHERE hold_id = NEW.hold_id) USING ERRCODE = 'TB004';
  END IF;
  IF NEW.reverses_transfer_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM "ledger_transfers" WHERE reverses_transfer_id = NEW.reverses_transfer_id) THEN
    RAISE EXCEPTION 'transfer % was already reversed', NEW.reverses_transfer_id USING ERRCODE = 'TB005';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "ledger_transfers_check" BEFORE INSERT ON "ledger_transfers"
  FOR EACH ROW EXECUTE FUNCTION "ledger_transfers_check"();

-- After a transfer row is inserted: write its two entries (each extending its account's hash
-- chain), move both balances in the same statement's transaction (invariants 2 and 3), release
-- the hold it posts, and check the debit account's floor (invariant 4).
CREATE FUNCTION "ledger_transfers_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d "ledger_accounts";
  c "ledger_accounts";
  released integer := 0;
  d_prev bytea;
  c_prev bytea;
  d_hash bytea;
  c_hash bytea;
BEGIN
  SELECT * INTO d FROM "ledger_accounts" WHERE id = NEW.debit_account_id;
  SELECT * INTO c FROM "ledger_accounts" WHERE id = NEW.credit_account_id;
  IF NEW.hold_id IS NOT NULL THEN
    SELECT amount_minutes INTO released FROM "ledger_holds" WHERE id = NEW.hold_id;
  END IF;
  IF d.floor_minutes IS NOT NULL
     AND d.balance_minutes - NEW.amount_minutes - (d.held_minutes - released) < d.floor_minutes THEN
    RAISE EXCEPTION 'account % cannot pay % minutes: % minutes available above its floor of % minutes',
      d.id, NEW.amount_minutes, d.balance_minutes - (d.held_minutes - released) - d.floor_minutes, d.floor_minutes
      USING ERRCODE = 'TB002';
  END IF;

  d_prev := coalesce(d.head_hash, "ledger_account_genesis"(d));
  d_hash := "ledger_entry_hash"(d_prev, d.id, d.entry_count + 1, -NEW.amount_minutes,
                                d.balance_minutes - NEW.amount_minutes, NEW);
  INSERT INTO "ledger_entries" (transfer_id, account_id, seq, amount_minutes, balance_after_minutes, prev_hash, hash, created_at)
  VALUES (NEW.id, d.id, d.entry_count + 1, -NEW.amount_minutes, d.balance_minutes - NEW.amount_minutes, d_prev, d_hash, NEW.created_at);
  UPDATE "ledger_accounts"
     SET balance_minutes = balance_minutes - NEW.amount_minutes,
         held_minutes = held_minutes - released,
         entry_count = entry_count + 1,
         head_hash = d_hash
   WHERE id = d.id;

  c_prev := coalesce(c.head_hash, "ledger_account_genesis"(c));
  c_hash := "ledger_entry_hash"(c_prev, c.id, c.entry_count + 1, NEW.amount_minutes,
                                c.balance_minutes + NEW.amount_minutes, NEW);
  INSERT INTO "ledger_entries" (transfer_id, account_id, seq, amount_minutes, balance_after_minutes, prev_hash, hash, created_at)
  VALUES (NEW.id, c.id, c.entry_count + 1, NEW.amount_minutes, c.balance_minutes + NEW.amount_minutes, c_prev, c_hash, NEW.created_at);
  UPDATE "ledger_accounts"
     SET balance_minutes = balance_minutes + NEW.amount_minutes,
         entry_count = entry_count + 1,
         head_hash = c_hash
   WHERE id = c.id;

  IF NEW.hold_id IS NOT NULL THEN
    INSERT INTO "ledger_hold_resolutions" (hold_id, outcome, transfer_id, idempotency_key, actor_id, memo, created_at)
    VALUES (NEW.hold_id, 'posted', NEW.id, NEW.idempotency_key, NEW.actor_id, NEW.memo, NEW.created_at);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ledger_transfers_apply" AFTER INSERT ON "ledger_transfers"
  FOR EACH ROW EXECUTE FUNCTION "ledger_transfers_apply"();

-- A hold reserves minutes on its debit account (invariant 4 counts them).
CREATE FUNCTION "ledger_holds_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d "ledger_accounts";
BEGIN
  SELECT * INTO d FROM "ledger_accounts" WHERE id = NEW.debit_account_id FOR NO KEY UPDATE;
  IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM "ledger_accounts" WHERE id = NEW.credit_account_id) THEN
    RAISE EXCEPTION 'account % or % does not exist', NEW.debit_account_id, NEW.credit_account_id USING ERRCODE = 'TB007';
  END IF;
  IF d.floor_minutes IS NOT NULL AND d.balance_minutes - d.held_minutes - NEW.amount_minutes < d.floor_minutes THEN
    RAISE EXCEPTION 'account % cannot hold % minutes: % minutes available above its floor of % minutes',
      d.id, NEW.amount_minutes, d.balance_minutes - d.held_minutes - d.floor_minutes, d.floor_minutes
      USING ERRCODE = 'TB002';
  END IF;
  UPDATE "ledger_accounts" SET held_minutes = held_minutes + NEW.amount_minutes WHERE id = d.id;
  RETURN NULL;
END $$;

-- Lock the payer's account before the row (and its foreign-key check, which takes a weaker lock
-- on the same row) so that concurrent holds queue on one lock instead of deadlocking.
CREATE FUNCTION "ledger_holds_lock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "ledger_accounts" WHERE id = NEW.debit_account_id FOR NO KEY UPDATE;
  RETURN NEW;
END $$;

CREATE TRIGGER "ledger_holds_lock" BEFORE INSERT ON "ledger_holds"
  FOR EACH ROW EXECUTE FUNCTION "ledger_holds_lock"();
-- AFTER INSERT: a retry whose key already exists is skipped by ON CONFLICT and reserves nothing.
CREATE TRIGGER "ledger_holds_apply" AFTER INSERT ON "ledger_holds"
  FOR EACH ROW EXECUTE FUNCTION "ledger_holds_apply"();

-- A hold ends once: posted (only by its transfer's trigger) or voided (releasing its minutes).
CREATE FUNCTION "ledger_hold_resolutions_check"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  h "ledger_holds";
BEGIN
  IF NEW.outcome = 'posted' THEN
    IF pg_trigger_depth() < 2 THEN
      RAISE EXCEPTION 'a hold is posted by inserting its transfer, not by recording a resolution'
        USING ERRCODE = 'TB006';
    END IF;
    RETURN NEW;
  END IF;
  SELECT * INTO h FROM "ledger_holds" WHERE id = NEW.hold_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'hold % does not exist', NEW.hold_id USING ERRCODE = 'TB007';
  END IF;
  PERFORM 1 FROM "ledger_accounts" WHERE id = h.debit_account_id FOR NO KEY UPDATE;
  -- A retry racing its original: let the unique key (or ON CONFLICT) settle it as a replay.
  IF EXISTS (SELECT 1 FROM "ledger_hold_resolutions" WHERE idempotency_key = NEW.idempotency_key) THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM "ledger_hold_resolutions" WHERE hold_id = NEW.hold_id) THEN
    RAISE EXCEPTION 'hold % was already %', NEW.hold_id,
      (SELECT outcome FROM "ledger_hold_resolutions" WHERE hold_id = NEW.hold_id) USING ERRCODE = 'TB004';
  END IF;
  RETURN NEW;
END $$;

-- AFTER INSERT, so that a void skipped by ON CONFLICT releases nothing.
CREATE FUNCTION "ledger_hold_resolutions_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.outcome = 'voided' THEN
    UPDATE "ledger_accounts" a SET held_minutes = a.held_minutes - h.amount_minutes
      FROM "ledger_holds" h WHERE h.id = NEW.hold_id AND a.id = h.debit_account_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ledger_hold_resolutions_check" BEFORE INSERT ON "ledger_hold_resolutions"
  FOR EACH ROW EXECUTE FUNCTION "ledger_hold_resolutions_check"();
CREATE TRIGGER "ledger_hold_resolutions_apply" AFTER INSERT ON "ledger_hold_resolutions"
  FOR EACH ROW EXECUTE FUNCTION "ledger_hold_resolutions_apply"();

-- ---------------------------------------------------------------------------------------------
-- The API lib/ledger calls. Each is one round trip and one transaction (or part of the caller's).
-- Invariant 6: a key is looked up first; a retry with the same parameters returns the first
-- result (replayed = true); the same key with other parameters is refused (TB003).

CREATE FUNCTION "ledger_open_account"(
  p_kind "ledger_account_kind", p_member uuid, p_code text, p_name text, p_floor integer
) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
BEGIN
  SELECT id INTO v_id FROM "ledger_accounts"
   WHERE (p_member IS NOT NULL AND member_id = p_member) OR (p_code IS NOT NULL AND code = p_code);
  IF FOUND THEN
    RETURN v_id;
  END IF;
  INSERT INTO "ledger_accounts" (kind, member_id, code, name, floor_minutes)
  VALUES (p_kind, p_member, p_code, p_name, p_floor)
  ON CONFLICT DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT id INTO v_id FROM "ledger_accounts"
     WHERE (p_member IS NOT NULL AND member_id = p_member) OR (p_code IS NOT NULL AND code = p_code);
  END IF;
  RETURN v_id;
END $$;

CREATE FUNCTION "ledger_transfer"(
  p_kind "transfer_kind", p_debit integer, p_credit integer, p_amount integer, p_key text,
  p_actor uuid, p_memo text, p_exchange uuid, p_reverses bigint, p_hold bigint
) RETURNS TABLE (transfer_id bigint, replayed boolean) LANGUAGE plpgsql AS $$
DECLARE
  t "ledger_transfers";
BEGIN
  SELECT * INTO t FROM "ledger_transfers" WHERE idempotency_key = p_key;
  IF NOT FOUND THEN
    INSERT INTO "ledger_transfers" (kind, debit_account_id, credit_account_id, amount_minutes, idempotency_key,
                                    actor_id, memo, exchange_id, reverses_transfer_id, hold_id)
    VALUES (p_kind, p_debit, p_credit, p_amount, p_key, p_actor, p_memo, p_exchange, p_reverses, p_hold)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING * INTO t;
    IF t.id IS NOT NULL THEN
      RETURN QUERY SELECT t.id, false;
      RETURN;
    END IF;
    SELECT * INTO t FROM "ledger_transfers" WHERE idempotency_key = p_key;
  END IF;
  IF (t.kind, t.debit_account_id, t.credit_account_id, t.amount_minutes, t.exchange_id, t.reverses_transfer_id, t.hold_id)
     IS DISTINCT FROM (p_kind, p_debit, p_credit, p_amount, p_exchange, p_reverses, p_hold) THEN
    RAISE EXCEPTION 'idempotency key % was already used for a different transfer (%)', p_key, t.id
      USING ERRCODE = 'TB003';
  END IF;
  RETURN QUERY SELECT t.id, true;
END $$;

CREATE FUNCTION "ledger_hold"(
  p_debit integer, p_credit integer, p_amount integer, p_key text, p_actor uuid, p_memo text, p_exchange uuid
) RETURNS TABLE (hold_id bigint, replayed boolean) LANGUAGE plpgsql AS $$
DECLARE
  h "ledger_holds";
BEGIN
  SELECT * INTO h FROM "ledger_holds" WHERE idempotency_key = p_key;
  IF NOT FOUND THEN
    INSERT INTO "ledger_holds" (debit_account_id, credit_account_id, amount_minutes, idempotency_key, actor_id, memo, exchange_id)
    VALUES (p_debit, p_credit, p_amount, p_key, p_actor, p_memo, p_exchange)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING * INTO h;
    IF h.id IS NOT NULL THEN
      RETURN QUERY SELECT h.id, false;
      RETURN;
    END IF;
    SELECT * INTO h FROM "ledger_holds" WHERE idempotency_key = p_key;
  END IF;
  IF (h.debit_account_id, h.credit_account_id, h.amount_minutes, h.exchange_id)
     IS DISTINCT FROM (p_debit, p_credit, p_amount, p_exchange) THEN
    RAISE EXCEPTION 'idempotency key % was already used for a different hold (%)', p_key, h.id
      USING ERRCODE = 'TB003';
  END IF;
  RETURN QUERY SELECT h.id, true;
END $$;

-- Posts a hold: its full amount, or p_amount when an admin settles a dispute for a different sum.
CREATE FUNCTION "ledger_post_hold"(
  p_hold bigint, p_amount integer, p_key text, p_actor uuid, p_memo text
) RETURNS TABLE (transfer_id bigint, replayed boolean) LANGUAGE plpgsql AS $$
DECLARE
  h "ledger_holds";
BEGIN
  SELECT * INTO h FROM "ledger_holds" WHERE id = p_hold;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'hold % does not exist', p_hold USING ERRCODE = 'TB007';
  END IF;
  RETURN QUERY SELECT * FROM "ledger_transfer"(
    CASE WHEN h.exchange_id IS NULL THEN 'grant'::"transfer_kind" ELSE 'exchange'::"transfer_kind" END,
    h.debit_account_id, h.credit_account_id, coalesce(p_amount, h.amount_minutes), p_key,
    p_actor, coalesce(p_memo, h.memo), h.exchange_id, NULL, h.id);
END $$;

CREATE FUNCTION "ledger_void_hold"(
  p_hold bigint, p_key text, p_actor uuid, p_memo text
) RETURNS TABLE (hold_id bigint, replayed boolean) LANGUAGE plpgsql AS $$
DECLARE
  r "ledger_hold_resolutions";
BEGIN
  SELECT * INTO r FROM "ledger_hold_resolutions" WHERE idempotency_key = p_key;
  IF FOUND THEN
    IF r.hold_id <> p_hold OR r.outcome <> 'voided' THEN
      RAISE EXCEPTION 'idempotency key % was already used for a different hold resolution', p_key
        USING ERRCODE = 'TB003';
    END IF;
    RETURN QUERY SELECT r.hold_id, true;
    RETURN;
  END IF;
  INSERT INTO "ledger_hold_resolutions" (hold_id, outcome, idempotency_key, actor_id, memo)
  VALUES (p_hold, 'voided', p_key, p_actor, p_memo)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING * INTO r;
  IF r.hold_id IS NOT NULL THEN
    RETURN QUERY SELECT p_hold, false;
    RETURN;
  END IF;
  SELECT * INTO r FROM "ledger_hold_resolutions" WHERE idempotency_key = p_key;
  IF r.hold_id <> p_hold OR r.outcome <> 'voided' THEN
    RAISE EXCEPTION 'idempotency key % was already used for a different hold resolution', p_key
      USING ERRCODE = 'TB003';
  END IF;
  RETURN QUERY SELECT r.hold_id, true;
END $$;

CREATE FUNCTION "ledger_reverse"(
  p_transfer bigint, p_key text, p_actor uuid, p_memo text
) RETURNS TABLE (transfer_id bigint, replayed boolean) LANGUAGE plpgsql AS $$
DECLARE
  o "ledger_transfers";
BEGIN
  SELECT * INTO o FROM "ledger_transfers" WHERE id = p_transfer;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'transfer % does not exist', p_transfer USING ERRCODE = 'TB007';
  END IF;
  RETURN QUERY SELECT * FROM "ledger_transfer"(
    'reversal', o.credit_account_id, o.debit_account_id, o.amount_minutes, p_key, p_actor, p_memo, NULL, o.id, NULL);
END $$;

-- Invariants 2 and 3, checked from the entries: every account whose cached balance or holds
-- disagree with its entries and open holds, and the bank's total if it is not zero.
CREATE FUNCTION "ledger_reconcile"() RETURNS TABLE (account_id integer, problem text)
LANGUAGE sql STABLE AS $$
  SELECT a.id, format('cached balance %s minutes, entries sum to %s', a.balance_minutes, coalesce(e.total, 0))
    FROM "ledger_accounts" a
    LEFT JOIN (SELECT account_id, sum(amount_minutes) AS total FROM "ledger_entries" GROUP BY account_id) e
      ON e.account_id = a.id
   WHERE a.balance_minutes <> coalesce(e.total, 0)
  UNION ALL
  SELECT a.id, format('cached holds %s minutes, open holds sum to %s', a.held_minutes, coalesce(h.total, 0))
    FROM "ledger_accounts" a
    LEFT JOIN (SELECT debit_account_id, sum(amount_minutes) AS total FROM "ledger_holds" hh
                WHERE NOT EXISTS (SELECT 1 FROM "ledger_hold_resolutions" r WHERE r.hold_id = hh.id)
                GROUP BY debit_account_id) h
      ON h.debit_account_id = a.id
   WHERE a.held_minutes <> coalesce(h.total, 0)
  UNION ALL
  SELECT NULL::integer, format('the balances of all accounts sum to %s minutes, not 0', total)
    FROM (SELECT coalesce(sum(balance_minutes), 0) AS total FROM "ledger_accounts") s
   WHERE total <> 0
  UNION ALL
  SELECT a.id, format('floor %s minutes broken: balance %s, held %s', a.floor_minutes, a.balance_minutes, a.held_minutes)
    FROM "ledger_accounts" a
   WHERE a.floor_minutes IS NOT NULL AND a.balance_minutes - a.held_minutes < a.floor_minutes
$$;

-- Invariant 8: recompute every entry's hash and check each account's chain links, its head and
-- its count, and that every transfer has exactly its two balanced entries.
CREATE FUNCTION "ledger_verify_chain"() RETURNS TABLE (account_id integer, transfer_id bigint, problem text)
LANGUAGE sql STABLE AS $$
  WITH e AS (
    SELECT e.*, t AS tr,
           coalesce(lag(e.hash) OVER w, "ledger_account_genesis"(a)) AS expected_prev,
           row_number() OVER w AS position
      FROM "ledger_entries" e
      JOIN "ledger_transfers" t ON t.id = e.transfer_id
      JOIN "ledger_accounts" a ON a.id = e.account_id
    WINDOW w AS (PARTITION BY e.account_id ORDER BY e.seq)
  )
  SELECT e.account_id, e.transfer_id, format('entry %s: hash does not match its contents', e.seq)
    FROM e WHERE e.hash <> "ledger_entry_hash"(e.prev_hash, e.account_id, e.seq, e.amount_minutes, e.balance_after_minutes, e.tr)
  UNION ALL
  SELECT e.account_id, e.transfer_id, format('entry %s: does not link to the entry before it', e.seq)
    FROM e WHERE e.prev_hash IS DISTINCT FROM e.expected_prev OR e.position <> e.seq
  UNION ALL
  SELECT a.id, NULL::bigint, 'the account''s chain head or entry count does not match its last entry'
    FROM "ledger_accounts" a
    LEFT JOIN LATERAL (SELECT count(*) AS n, (array_agg(hash ORDER BY seq DESC))[1] AS head
                         FROM "ledger_entries" x WHERE x.account_id = a.id) l ON true
   WHERE a.entry_count <> l.n OR a.head_hash IS DISTINCT FROM l.head
  UNION ALL
  SELECT NULL::integer, t.id, 'the transfer does not have exactly its two balanced entries'
    FROM "ledger_transfers" t
    LEFT JOIN LATERAL (SELECT count(*) AS n,
                              bool_and((x.account_id = t.debit_account_id AND x.amount_minutes = -t.amount_minutes)
                                    OR (x.account_id = t.credit_account_id AND x.amount_minutes = t.amount_minutes)) AS ok,
                              count(DISTINCT x.account_id) AS accounts
                         FROM "ledger_entries" x WHERE x.transfer_id = t.id) l ON true
   WHERE l.n <> 2 OR NOT l.ok OR l.accounts <> 2
$$;

-- The bank's two system accounts. Issuance is where welcome credit and grants come from (its
-- balance goes negative by what it has issued); adjustment takes admin corrections.
INSERT INTO "ledger_accounts" (kind, code, name) VALUES
  ('issuance', 'issuance', 'Issuance'),
  ('adjustment', 'adjustment', 'Adjustments');

INSERT INTO "bank_settings" (id) VALUES (1);
ALTER TABLE "bank_settings" ADD CONSTRAINT "bank_settings_single_row" CHECK ("id" = 1);

-- The audit log is append-only too.
CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP USING ERRCODE = 'TB006';
END $$;
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();

-- Exchanges: agreed and delivered minutes are positive and bounded; the two parties differ.
ALTER TABLE "exchanges"
  ADD CONSTRAINT "exchanges_agreed_minutes" CHECK ("agreed_minutes" > 0 AND "agreed_minutes" <= 6000),
  ADD CONSTRAINT "exchanges_delivered_minutes" CHECK ("delivered_minutes" IS NULL OR ("delivered_minutes" > 0 AND "delivered_minutes" <= 6000)),
  ADD CONSTRAINT "exchanges_two_parties" CHECK ("provider_id" <> "payer_id"),
  -- The exchange side of invariant 7: an agreed exchange has its hold, a confirmed one its one
  -- transfer (unique per exchange in the ledger), and nothing else has a transfer.
  ADD CONSTRAINT "exchanges_hold_once_agreed" CHECK ("state" NOT IN ('accepted', 'delivered', 'disputed', 'confirmed') OR "hold_id" IS NOT NULL),
  ADD CONSTRAINT "exchanges_transfer_when_confirmed" CHECK ("state" <> 'confirmed' OR "transfer_id" IS NOT NULL),
  ADD CONSTRAINT "exchanges_transfer_only_when_settled" CHECK ("transfer_id" IS NULL OR "state" IN ('confirmed', 'resolved'));

ALTER TABLE "listings"
  ADD CONSTRAINT "listings_estimated_minutes" CHECK ("estimated_minutes" > 0 AND "estimated_minutes" <= 6000),
  ADD CONSTRAINT "listings_wanted_by_requests_only" CHECK ("wanted_by" IS NULL OR "kind" = 'request');

-- Full-text search over a listing's title, description, tags and its skill's name.
CREATE FUNCTION "listings_search_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce((SELECT name FROM "skills" WHERE id = NEW.skill_id), '')), 'B') ||
    setweight(to_tsvector('english', array_to_string(NEW.tags, ' ')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END $$;
CREATE TRIGGER "listings_search_vector" BEFORE INSERT OR UPDATE OF title, description, tags, skill_id ON "listings"
  FOR EACH ROW EXECUTE FUNCTION "listings_search_vector"();
CREATE INDEX "listings_search_vector_idx" ON "listings" USING gin ("search_vector");
