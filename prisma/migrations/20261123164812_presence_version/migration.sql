-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_GameSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "presenceVersion" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "GameSession_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "GameSession_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "GameSession_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_GameSession" ("allowLateJoin", "campaignId", "cancelReason", "cancelledAt", "createdAt", "description", "durationMinutes", "endedAt", "endsAt", "gmNotes", "hostId", "id", "joinCode", "maxPlayers", "minPlayers", "pausedAt", "pausedMinutes", "playerCount", "startedAt", "startsAt", "status", "summary", "title", "updatedAt", "venueId", "version", "voiceChannelId") SELECT "allowLateJoin", "campaignId", "cancelReason", "cancelledAt", "createdAt", "description", "durationMinutes", "endedAt", "endsAt", "gmNotes", "hostId", "id", "joinCode", "maxPlayers", "minPlayers", "pausedAt", "pausedMinutes", "playerCount", "startedAt", "startsAt", "status", "summary", "title", "updatedAt", "venueId", "version", "voiceChannelId" FROM "GameSession";
DROP TABLE "GameSession";
ALTER TABLE "new_GameSession" RENAME TO "GameSession";
CREATE UNIQUE INDEX "GameSession_joinCode_key" ON "GameSession"("joinCode");
CREATE INDEX "GameSession_status_startsAt_idx" ON "GameSession"("status", "startsAt");
CREATE INDEX "GameSession_startsAt_id_idx" ON "GameSession"("startsAt", "id");
CREATE INDEX "GameSession_hostId_status_idx" ON "GameSession"("hostId", "status");
CREATE INDEX "GameSession_campaignId_startsAt_idx" ON "GameSession"("campaignId", "startsAt");
CREATE INDEX "GameSession_venueId_startsAt_idx" ON "GameSession"("venueId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

