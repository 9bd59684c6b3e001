-- AlterTable
ALTER TABLE "occurrence" ADD COLUMN     "asked" JSONB;
