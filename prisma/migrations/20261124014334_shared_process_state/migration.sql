-- CreateTable
CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- CreateTable
CREATE TABLE "PresenceStream" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gameSessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "aliveAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "RateLimiterFlexible_expire_idx" ON "RateLimiterFlexible"("expire");

-- CreateIndex
CREATE INDEX "PresenceStream_gameSessionId_userId_idx" ON "PresenceStream"("gameSessionId", "userId");

-- CreateIndex
CREATE INDEX "PresenceStream_processId_idx" ON "PresenceStream"("processId");

-- CreateIndex
CREATE INDEX "PresenceStream_aliveAt_idx" ON "PresenceStream"("aliveAt");

