-- CreateEnum
CREATE TYPE "PollChoice" AS ENUM ('yes', 'if_need_be', 'no');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationType" ADD VALUE 'poll_opened';
ALTER TYPE "NotificationType" ADD VALUE 'poll_decided';

-- CreateTable
CREATE TABLE "AvailabilityPoll" (
    "id" TEXT NOT NULL,
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
    "closedAt" TIMESTAMP(3),
    "pickedOptionId" TEXT,
    "gameSessionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AvailabilityPoll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollOption" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PollOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollAnswer" (
    "optionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "choice" "PollChoice" NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PollAnswer_pkey" PRIMARY KEY ("optionId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AvailabilityPoll_code_key" ON "AvailabilityPoll"("code");

-- CreateIndex
CREATE INDEX "AvailabilityPoll_hostId_closedAt_idx" ON "AvailabilityPoll"("hostId", "closedAt");

-- CreateIndex
CREATE INDEX "AvailabilityPoll_campaignId_closedAt_idx" ON "AvailabilityPoll"("campaignId", "closedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PollOption_pollId_startsAt_key" ON "PollOption"("pollId", "startsAt");

-- CreateIndex
CREATE INDEX "PollAnswer_userId_idx" ON "PollAnswer"("userId");

-- AddForeignKey
ALTER TABLE "AvailabilityPoll" ADD CONSTRAINT "AvailabilityPoll_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilityPoll" ADD CONSTRAINT "AvailabilityPoll_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilityPoll" ADD CONSTRAINT "AvailabilityPoll_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollOption" ADD CONSTRAINT "PollOption_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "AvailabilityPoll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollAnswer" ADD CONSTRAINT "PollAnswer_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "PollOption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollAnswer" ADD CONSTRAINT "PollAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

