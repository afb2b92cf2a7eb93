-- Rate limits shared by every app instance (issue 5): one row per limit (bucket) and key (an
-- address, a client, a member) holding the GCRA's theoretical arrival time, decided and moved in
-- one statement by lib/rate-limit. A row whose tat has passed says nothing any more: a daily job
-- deletes it. Keys longer than 200 characters are stored as their SHA-256 (lib/rate-limit), so a
-- huge made-up address cannot bloat the table.
CREATE TABLE "rate_limits" (
    "bucket" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "tat" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("bucket", "key"),
    CONSTRAINT "rate_limits_sizes" CHECK (char_length("bucket") BETWEEN 1 AND 40 AND char_length("key") BETWEEN 1 AND 200)
);
-- For the daily clean-up of expired rows.
CREATE INDEX "rate_limits_tat_idx" ON "rate_limits"("tat");
