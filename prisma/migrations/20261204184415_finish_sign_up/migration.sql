-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'user',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "calendarFeedHash" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "emailVerifiedAt" DATETIME
);
INSERT INTO "new_User" ("calendarFeedHash", "createdAt", "displayName", "email", "emailVerifiedAt", "id", "passwordHash", "role", "timeZone", "updatedAt") SELECT "calendarFeedHash", "createdAt", "displayName", "email", "emailVerifiedAt", "id", "passwordHash", "role", "timeZone", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_calendarFeedHash_key" ON "User"("calendarFeedHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

