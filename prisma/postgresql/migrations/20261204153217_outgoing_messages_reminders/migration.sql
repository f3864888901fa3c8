-- CreateEnum
CREATE TYPE "OutgoingChannel" AS ENUM ('email', 'discord');

-- CreateEnum
CREATE TYPE "OutgoingStatus" AS ENUM ('pending', 'sending', 'sent', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "EmailTokenPurpose" AS ENUM ('verify_email', 'reset_password');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationType" ADD VALUE 'session_reminder';
ALTER TYPE "NotificationType" ADD VALUE 'last_call';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "discordWebhookUrl" TEXT;

-- AlterTable
ALTER TABLE "GameSession" ADD COLUMN     "discordWebhookUrl" TEXT,
ADD COLUMN     "lastCallAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SessionReminder" (
    "gameSessionId" TEXT NOT NULL,
    "minutesBefore" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "SessionReminder_pkey" PRIMARY KEY ("gameSessionId","minutesBefore")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "type" "NotificationType" NOT NULL,
    "inApp" BOOLEAN NOT NULL,
    "email" BOOLEAN NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","type")
);

-- CreateTable
CREATE TABLE "OutgoingMessage" (
    "id" TEXT NOT NULL,
    "channel" "OutgoingChannel" NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "userId" TEXT,
    "gameSessionId" TEXT,
    "subject" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "status" "OutgoingStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutgoingMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailToken" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "EmailTokenPurpose" NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "InstallationSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "InstallationSecret_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "SessionReminder_sentAt_dueAt_idx" ON "SessionReminder"("sentAt", "dueAt");

-- CreateIndex
CREATE INDEX "OutgoingMessage_status_nextAttemptAt_idx" ON "OutgoingMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutgoingMessage_status_claimedAt_idx" ON "OutgoingMessage"("status", "claimedAt");

-- CreateIndex
CREATE INDEX "OutgoingMessage_status_createdAt_idx" ON "OutgoingMessage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "EmailToken_userId_purpose_idx" ON "EmailToken"("userId", "purpose");

-- CreateIndex
CREATE INDEX "EmailToken_expiresAt_idx" ON "EmailToken"("expiresAt");

-- AddForeignKey
ALTER TABLE "SessionReminder" ADD CONSTRAINT "SessionReminder_gameSessionId_fkey" FOREIGN KEY ("gameSessionId") REFERENCES "GameSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailToken" ADD CONSTRAINT "EmailToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Sessions already scheduled get the default reminders (24 hours and 1 hour before), those still ahead.
INSERT INTO "SessionReminder" ("gameSessionId", "minutesBefore", "dueAt")
SELECT "id", "minutes", "startsAt" - make_interval(mins => "minutes")
FROM "GameSession", (VALUES (1440), (60)) AS offsets ("minutes")
WHERE "status" = 'scheduled' AND "startsAt" - make_interval(mins => "minutes") > (now() AT TIME ZONE 'UTC');
