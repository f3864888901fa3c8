-- CreateEnum
CREATE TYPE "SessionVisibility" AS ENUM ('public', 'unlisted', 'campaign');

-- CreateEnum
CREATE TYPE "ExperienceLevel" AS ENUM ('newcomers', 'mixed', 'experienced', 'veterans');

-- CreateEnum
CREATE TYPE "ContentRating" AS ENUM ('all_ages', 'teen', 'mature');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "defaultVisibility" "SessionVisibility" NOT NULL DEFAULT 'public';

-- AlterTable
ALTER TABLE "GameSession" ADD COLUMN     "contentNotes" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contentRating" "ContentRating",
ADD COLUMN     "experienceLevel" "ExperienceLevel",
ADD COLUMN     "gameSystem" TEXT,
ADD COLUMN     "language" TEXT,
ADD COLUMN     "online" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tags" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "visibility" "SessionVisibility" NOT NULL DEFAULT 'public';

-- AlterTable
ALTER TABLE "SessionSeries" ADD COLUMN     "contentNotes" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contentRating" "ContentRating",
ADD COLUMN     "experienceLevel" "ExperienceLevel",
ADD COLUMN     "gameSystem" TEXT,
ADD COLUMN     "language" TEXT,
ADD COLUMN     "online" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tags" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "visibility" "SessionVisibility" NOT NULL DEFAULT 'public';

-- CreateIndex
CREATE INDEX "GameSession_visibility_startsAt_idx" ON "GameSession"("visibility", "startsAt");


-- Sessions and series that existed keep today's behaviour (public, as every session was
-- listed to everyone signed in); their game system is their campaign's scenario's, and a
-- venue with only a link is online.
UPDATE "GameSession" s SET "gameSystem" = sc."gameSystem"
  FROM "Campaign" c JOIN "Scenario" sc ON sc."id" = c."scenarioId" WHERE c."id" = s."campaignId";
UPDATE "SessionSeries" s SET "gameSystem" = sc."gameSystem"
  FROM "Campaign" c JOIN "Scenario" sc ON sc."id" = c."scenarioId" WHERE c."id" = s."campaignId";
UPDATE "GameSession" s SET "online" = true
  FROM "Venue" v WHERE v."id" = s."venueId" AND v."onlineUrl" IS NOT NULL AND v."address" IS NULL;
UPDATE "SessionSeries" s SET "online" = true
  FROM "Venue" v WHERE v."id" = s."venueId" AND v."onlineUrl" IS NOT NULL AND v."address" IS NULL;
