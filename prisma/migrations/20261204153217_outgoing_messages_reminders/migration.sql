-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "discordWebhookUrl" TEXT;

-- AlterTable
ALTER TABLE "GameSession" ADD COLUMN "discordWebhookUrl" TEXT;
ALTER TABLE "GameSession" ADD COLUMN "lastCallAt" DATETIME;

-- CreateTable
CREATE TABLE "SessionReminder" (
    "gameSessionId" TEXT NOT NULL,
    "minutesBefore" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "sentAt" DATETIME,

    PRIMARY KEY ("gameSessionId", "minutesBefore"),
    CONSTRAINT "SessionReminder_gameSessionId_fkey" FOREIGN KEY ("gameSessionId") REFERENCES "GameSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "inApp" BOOLEAN NOT NULL,
    "email" BOOLEAN NOT NULL,

    PRIMARY KEY ("userId", "type"),
    CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutgoingMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "userId" TEXT,
    "gameSessionId" TEXT,
    "subject" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "sentAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EmailToken" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "EmailToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InstallationSecret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'user',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "calendarFeedHash" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "emailVerifiedAt" DATETIME
);
INSERT INTO "new_User" ("calendarFeedHash", "createdAt", "displayName", "email", "id", "passwordHash", "role", "updatedAt") SELECT "calendarFeedHash", "createdAt", "displayName", "email", "id", "passwordHash", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_calendarFeedHash_key" ON "User"("calendarFeedHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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


-- Sessions already scheduled get the default reminders (24 hours and 1 hour before), those still ahead.
INSERT INTO "SessionReminder" ("gameSessionId", "minutesBefore", "dueAt")
SELECT "id", "minutes", strftime('%Y-%m-%dT%H:%M:%f', "startsAt", '-' || "minutes" || ' minutes') || '+00:00'
FROM "GameSession", (SELECT 1440 AS "minutes" UNION ALL SELECT 60)
WHERE "status" = 'scheduled' AND julianday("startsAt", '-' || "minutes" || ' minutes') > julianday('now');
