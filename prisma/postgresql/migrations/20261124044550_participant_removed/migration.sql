-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "removedAt" TIMESTAMP(3);

