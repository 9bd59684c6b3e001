-- AlterTable
ALTER TABLE "outbox_message" ADD COLUMN     "platform_channel" TEXT;
