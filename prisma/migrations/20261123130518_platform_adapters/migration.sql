-- CreateEnum
CREATE TYPE "DeliveryPlatform" AS ENUM ('slack', 'teams', 'console', 'pagerduty');

-- CreateEnum
CREATE TYPE "ConversationKind" AS ENUM ('channel', 'personal', 'group');

-- AlterTable (edited: Prisma's diff drops and re-adds the column, which would lose queued messages;
-- every ChatPlatform value exists in DeliveryPlatform, so the text cast keeps them)
ALTER TABLE "outbox_message" ALTER COLUMN "platform" TYPE "DeliveryPlatform" USING "platform"::text::"DeliveryPlatform";

-- AlterTable
ALTER TABLE "plan" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "conversation_reference" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "kind" "ConversationKind" NOT NULL,
    "user_id" TEXT,
    "reference" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_reference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seen_request" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "seen_request_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "pending_import" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "channel" TEXT,
    "requested_by" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "start_date" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pending_import_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "conversation_reference_workspace_id_user_id_idx" ON "conversation_reference"("workspace_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_reference_workspace_id_conversation_id_key" ON "conversation_reference"("workspace_id", "conversation_id");

-- CreateIndex
CREATE INDEX "seen_request_expires_at_idx" ON "seen_request"("expires_at");

-- CreateIndex
CREATE INDEX "pending_import_expires_at_idx" ON "pending_import"("expires_at");

-- CreateIndex
CREATE INDEX "outbox_message_platform_ref_idx" ON "outbox_message"("platform_ref");

-- AddForeignKey
ALTER TABLE "conversation_reference" ADD CONSTRAINT "conversation_reference_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_import" ADD CONSTRAINT "pending_import_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
