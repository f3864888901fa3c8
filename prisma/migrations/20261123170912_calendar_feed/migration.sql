-- AlterTable
ALTER TABLE "User" ADD COLUMN "calendarFeedHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarFeedHash_key" ON "User"("calendarFeedHash");

