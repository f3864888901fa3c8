-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "scenarioId" TEXT,
    "gmId" TEXT NOT NULL,
    "inviteCode" TEXT NOT NULL,
    "discordWebhookUrl" TEXT,
    "defaultVisibility" TEXT NOT NULL DEFAULT 'public',
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Campaign_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Campaign_gmId_fkey" FOREIGN KEY ("gmId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Campaign" ("archivedAt", "createdAt", "description", "discordWebhookUrl", "gmId", "id", "inviteCode", "scenarioId", "title", "updatedAt") SELECT "archivedAt", "createdAt", "description", "discordWebhookUrl", "gmId", "id", "inviteCode", "scenarioId", "title", "updatedAt" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE UNIQUE INDEX "Campaign_inviteCode_key" ON "Campaign"("inviteCode");
CREATE INDEX "Campaign_gmId_idx" ON "Campaign"("gmId");
CREATE TABLE "new_GameSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "gameSystem" TEXT,
    "tags" TEXT NOT NULL DEFAULT '',
    "language" TEXT,
    "experienceLevel" TEXT,
    "contentRating" TEXT,
    "contentNotes" TEXT NOT NULL DEFAULT '',
    "online" BOOLEAN NOT NULL DEFAULT false,
    "campaignId" TEXT,
    "venueId" TEXT,
    "hostId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "minPlayers" INTEGER NOT NULL DEFAULT 1,
    "maxPlayers" INTEGER NOT NULL DEFAULT 6,
    "allowLateJoin" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "joinCode" TEXT NOT NULL,
    "playerCount" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME,
    "pausedAt" DATETIME,
    "pausedMinutes" INTEGER NOT NULL DEFAULT 0,
    "endedAt" DATETIME,
    "durationMinutes" INTEGER,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT,
    "summary" TEXT,
    "gmNotes" TEXT,
    "voiceChannelId" TEXT,
    "discordWebhookUrl" TEXT,
    "lastCallAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "presenceVersion" INTEGER NOT NULL DEFAULT 0,
    "seriesId" TEXT,
    "occurrenceAt" DATETIME,
    CONSTRAINT "GameSession_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "GameSession_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "GameSession_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GameSession_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "SessionSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_GameSession" ("allowLateJoin", "campaignId", "cancelReason", "cancelledAt", "createdAt", "description", "discordWebhookUrl", "durationMinutes", "endedAt", "endsAt", "gmNotes", "hostId", "id", "joinCode", "lastCallAt", "maxPlayers", "minPlayers", "occurrenceAt", "pausedAt", "pausedMinutes", "playerCount", "presenceVersion", "seriesId", "startedAt", "startsAt", "status", "summary", "title", "updatedAt", "venueId", "version", "voiceChannelId") SELECT "allowLateJoin", "campaignId", "cancelReason", "cancelledAt", "createdAt", "description", "discordWebhookUrl", "durationMinutes", "endedAt", "endsAt", "gmNotes", "hostId", "id", "joinCode", "lastCallAt", "maxPlayers", "minPlayers", "occurrenceAt", "pausedAt", "pausedMinutes", "playerCount", "presenceVersion", "seriesId", "startedAt", "startsAt", "status", "summary", "title", "updatedAt", "venueId", "version", "voiceChannelId" FROM "GameSession";
DROP TABLE "GameSession";
ALTER TABLE "new_GameSession" RENAME TO "GameSession";
CREATE UNIQUE INDEX "GameSession_joinCode_key" ON "GameSession"("joinCode");
CREATE INDEX "GameSession_status_startsAt_idx" ON "GameSession"("status", "startsAt");
CREATE INDEX "GameSession_visibility_startsAt_idx" ON "GameSession"("visibility", "startsAt");
CREATE INDEX "GameSession_startsAt_id_idx" ON "GameSession"("startsAt", "id");
CREATE INDEX "GameSession_hostId_status_idx" ON "GameSession"("hostId", "status");
CREATE INDEX "GameSession_campaignId_startsAt_idx" ON "GameSession"("campaignId", "startsAt");
CREATE INDEX "GameSession_venueId_startsAt_idx" ON "GameSession"("venueId", "startsAt");
CREATE UNIQUE INDEX "GameSession_seriesId_occurrenceAt_key" ON "GameSession"("seriesId", "occurrenceAt");
CREATE TABLE "new_SessionSeries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT NOT NULL,
    "campaignId" TEXT,
    "rule" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "firstStartsAt" DATETIME NOT NULL,
    "createdUntil" DATETIME NOT NULL,
    "seatMembers" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "gameSystem" TEXT,
    "tags" TEXT NOT NULL DEFAULT '',
    "language" TEXT,
    "experienceLevel" TEXT,
    "contentRating" TEXT,
    "contentNotes" TEXT NOT NULL DEFAULT '',
    "online" BOOLEAN NOT NULL DEFAULT false,
    "venueId" TEXT,
    "durationMinutes" INTEGER,
    "minPlayers" INTEGER NOT NULL,
    "maxPlayers" INTEGER NOT NULL,
    "allowLateJoin" BOOLEAN NOT NULL DEFAULT false,
    "voiceChannelId" TEXT,
    "discordWebhookUrl" TEXT,
    "reminderMinutes" JSONB NOT NULL,
    "endedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SessionSeries_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SessionSeries_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SessionSeries_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SessionSeries" ("allowLateJoin", "campaignId", "createdAt", "createdUntil", "description", "discordWebhookUrl", "durationMinutes", "endedAt", "firstStartsAt", "hostId", "id", "maxPlayers", "minPlayers", "reminderMinutes", "rule", "seatMembers", "timeZone", "title", "updatedAt", "venueId", "voiceChannelId") SELECT "allowLateJoin", "campaignId", "createdAt", "createdUntil", "description", "discordWebhookUrl", "durationMinutes", "endedAt", "firstStartsAt", "hostId", "id", "maxPlayers", "minPlayers", "reminderMinutes", "rule", "seatMembers", "timeZone", "title", "updatedAt", "venueId", "voiceChannelId" FROM "SessionSeries";
DROP TABLE "SessionSeries";
ALTER TABLE "new_SessionSeries" RENAME TO "SessionSeries";
CREATE INDEX "SessionSeries_hostId_endedAt_idx" ON "SessionSeries"("hostId", "endedAt");
CREATE INDEX "SessionSeries_endedAt_createdUntil_idx" ON "SessionSeries"("endedAt", "createdUntil");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Sessions and series that existed keep today's behaviour (public, as every session was
-- listed to everyone signed in); their game system is their campaign's scenario's, and a
-- venue with only a link is online.
UPDATE "GameSession" SET "gameSystem" = (
  SELECT sc."gameSystem" FROM "Campaign" c JOIN "Scenario" sc ON sc."id" = c."scenarioId"
  WHERE c."id" = "GameSession"."campaignId") WHERE "campaignId" IS NOT NULL;
UPDATE "SessionSeries" SET "gameSystem" = (
  SELECT sc."gameSystem" FROM "Campaign" c JOIN "Scenario" sc ON sc."id" = c."scenarioId"
  WHERE c."id" = "SessionSeries"."campaignId") WHERE "campaignId" IS NOT NULL;
UPDATE "GameSession" SET "online" = true
  WHERE "venueId" IN (SELECT "id" FROM "Venue" WHERE "onlineUrl" IS NOT NULL AND "address" IS NULL);
UPDATE "SessionSeries" SET "online" = true
  WHERE "venueId" IN (SELECT "id" FROM "Venue" WHERE "onlineUrl" IS NOT NULL AND "address" IS NULL);
