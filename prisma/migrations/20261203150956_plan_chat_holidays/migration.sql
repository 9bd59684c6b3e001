-- AlterTable
ALTER TABLE "plan" ADD COLUMN     "holidays" JSONB;
