-- AlterEnum
ALTER TYPE "EmailTokenPurpose" ADD VALUE 'finish_sign_up';

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "passwordHash" DROP NOT NULL;

