-- AlterTable
ALTER TABLE "Participant" ADD COLUMN "removedAt" DATETIME;

