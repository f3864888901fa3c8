-- AlterTable
ALTER TABLE "User" ADD COLUMN "deletedAt" DATETIME;

