-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AvailabilityPoll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT NOT NULL,
    "campaignId" TEXT,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "venueId" TEXT,
    "durationMinutes" INTEGER,
    "minPlayers" INTEGER NOT NULL,
    "maxPlayers" INTEGER NOT NULL,
    "repeat" JSONB,
    "timeZone" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "closedAt" DATETIME,
    "pickedOptionId" TEXT,
    "gameSessionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AvailabilityPoll_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AvailabilityPoll_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AvailabilityPoll_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AvailabilityPoll_gameSessionId_fkey" FOREIGN KEY ("gameSessionId") REFERENCES "GameSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AvailabilityPoll" ("campaignId", "closedAt", "code", "createdAt", "description", "durationMinutes", "gameSessionId", "hostId", "id", "maxPlayers", "minPlayers", "pickedOptionId", "repeat", "timeZone", "title", "venueId", "version") SELECT "campaignId", "closedAt", "code", "createdAt", "description", "durationMinutes", "gameSessionId", "hostId", "id", "maxPlayers", "minPlayers", "pickedOptionId", "repeat", "timeZone", "title", "venueId", "version" FROM "AvailabilityPoll";
DROP TABLE "AvailabilityPoll";
ALTER TABLE "new_AvailabilityPoll" RENAME TO "AvailabilityPoll";
CREATE UNIQUE INDEX "AvailabilityPoll_code_key" ON "AvailabilityPoll"("code");
CREATE INDEX "AvailabilityPoll_hostId_closedAt_idx" ON "AvailabilityPoll"("hostId", "closedAt");
CREATE INDEX "AvailabilityPoll_campaignId_closedAt_idx" ON "AvailabilityPoll"("campaignId", "closedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

