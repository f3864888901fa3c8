-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "data" JSONB;

