-- AlterTable
ALTER TABLE "workspace" ADD COLUMN     "uninstalled_at" TIMESTAMPTZ(3);
