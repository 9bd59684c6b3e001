-- AlterTable
ALTER TABLE "occurrence" ADD COLUMN     "digest_at" TIMESTAMPTZ(3),
ADD COLUMN     "digested_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "standup_reply" ADD COLUMN     "edited_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "occurrence_digest_at_idx" ON "occurrence"("digest_at");
