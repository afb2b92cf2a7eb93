-- Members sign in, trade and close their accounts; exchanges link to their ledger rows.
-- Generated with scripts/schema-diff.sh from the schema.prisma of the foundation, then the
-- hand-written part at the end.
-- AlterEnum
ALTER TYPE "member_status" ADD VALUE 'closed';

-- AlterTable
ALTER TABLE "members" ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "email_opt_out" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "listings" ADD COLUMN     "request_key" TEXT;

-- AlterTable
ALTER TABLE "exchanges" ADD COLUMN     "request_key" TEXT;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "request_key" TEXT;

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "email_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "email_pending" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "email_claimed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "dev_mail" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dev_mail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dev_mail_created_at_idx" ON "dev_mail"("created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "listings_request_key_key" ON "listings"("request_key");

-- CreateIndex
CREATE UNIQUE INDEX "exchanges_request_key_key" ON "exchanges"("request_key");

-- CreateIndex
CREATE UNIQUE INDEX "messages_request_key_key" ON "messages"("request_key");

-- CreateIndex
CREATE INDEX "notifications_member_id_read_at_idx" ON "notifications"("member_id", "read_at");

-- CreateIndex
CREATE INDEX "notifications_email_pending_created_at_idx" ON "notifications"("email_pending", "created_at");

-- AddForeignKey
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_hold_id_fkey" FOREIGN KEY ("hold_id") REFERENCES "ledger_holds"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "ledger_transfers"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;


-- A member's email opt-outs are a list, never NULL.
UPDATE "members" SET "email_opt_out" = ARRAY[]::TEXT[] WHERE "email_opt_out" IS NULL;

-- Forms carry a one-time key so a resubmission finds what the first submission made; a blank key
-- would be no key at all.
ALTER TABLE "listings" ADD CONSTRAINT "listings_request_key_length" CHECK ("request_key" IS NULL OR length("request_key") BETWEEN 8 AND 100);
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_request_key_length" CHECK ("request_key" IS NULL OR length("request_key") BETWEEN 8 AND 100);
ALTER TABLE "messages" ADD CONSTRAINT "messages_request_key_length" CHECK ("request_key" IS NULL OR length("request_key") BETWEEN 8 AND 100);
ALTER TABLE "messages" ADD CONSTRAINT "messages_body_length" CHECK (length("body") BETWEEN 1 AND 4000);

-- The community pool members donate hours to (a pool may not go below zero).
SELECT ledger_open_account('pool'::ledger_account_kind, NULL, 'community', 'Community pool', 0);
