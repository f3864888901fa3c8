-- AlterTable
ALTER TABLE "GameSession" ADD COLUMN     "occurrenceAt" TIMESTAMP(3),
ADD COLUMN     "seriesId" TEXT;

-- CreateTable
CREATE TABLE "SessionSeries" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "campaignId" TEXT,
    "rule" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "firstStartsAt" TIMESTAMP(3) NOT NULL,
    "createdUntil" TIMESTAMP(3) NOT NULL,
    "seatMembers" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "venueId" TEXT,
    "durationMinutes" INTEGER,
    "minPlayers" INTEGER NOT NULL,
    "maxPlayers" INTEGER NOT NULL,
    "allowLateJoin" BOOLEAN NOT NULL DEFAULT false,
    "voiceChannelId" TEXT,
    "discordWebhookUrl" TEXT,
    "reminderMinutes" JSONB NOT NULL,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SessionSeries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SessionSeries_hostId_endedAt_idx" ON "SessionSeries"("hostId", "endedAt");

-- CreateIndex
CREATE INDEX "SessionSeries_endedAt_createdUntil_idx" ON "SessionSeries"("endedAt", "createdUntil");

-- CreateIndex
CREATE UNIQUE INDEX "GameSession_seriesId_occurrenceAt_key" ON "GameSession"("seriesId", "occurrenceAt");

-- AddForeignKey
ALTER TABLE "GameSession" ADD CONSTRAINT "GameSession_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "SessionSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSeries" ADD CONSTRAINT "SessionSeries_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSeries" ADD CONSTRAINT "SessionSeries_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSeries" ADD CONSTRAINT "SessionSeries_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

