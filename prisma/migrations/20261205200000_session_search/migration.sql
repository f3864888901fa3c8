-- Text search over public sessions (src/db/text-search.ts): an FTS5 index of each
-- session's title, "about" (game system and tags) and description, kept by triggers.
-- FTS rows are keyed by SessionSearchKey's INTEGER PRIMARY KEY, which VACUUM and table
-- rebuilds keep (GameSession's own rowid they may renumber).
-- A later migration that rebuilds "GameSession" (RedefineTables) drops these triggers:
-- it must create them again (tests/search.test.ts fails until it does).
CREATE TABLE "SessionSearchKey" (
    "key" INTEGER NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE "SessionSearch" USING fts5(
    "title", "about", "description",
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO "SessionSearchKey" ("sessionId") SELECT "id" FROM "GameSession";
INSERT INTO "SessionSearch" (rowid, "title", "about", "description")
  SELECT k."key", s."title", coalesce(s."gameSystem", '') || ' ' || replace(s."tags", ',', ' '), s."description"
  FROM "GameSession" s JOIN "SessionSearchKey" k ON k."sessionId" = s."id";

CREATE TRIGGER "GameSession_search_insert" AFTER INSERT ON "GameSession" BEGIN
  INSERT INTO "SessionSearchKey" ("sessionId") VALUES (new."id");
  INSERT INTO "SessionSearch" (rowid, "title", "about", "description")
    VALUES (last_insert_rowid(), new."title",
            coalesce(new."gameSystem", '') || ' ' || replace(new."tags", ',', ' '), new."description");
END;

CREATE TRIGGER "GameSession_search_update" AFTER UPDATE OF "title", "gameSystem", "tags", "description" ON "GameSession" BEGIN
  UPDATE "SessionSearch"
    SET "title" = new."title",
        "about" = coalesce(new."gameSystem", '') || ' ' || replace(new."tags", ',', ' '),
        "description" = new."description"
    WHERE rowid = (SELECT "key" FROM "SessionSearchKey" WHERE "sessionId" = new."id");
END;

CREATE TRIGGER "GameSession_search_delete" AFTER DELETE ON "GameSession" BEGIN
  DELETE FROM "SessionSearch" WHERE rowid = (SELECT "key" FROM "SessionSearchKey" WHERE "sessionId" = old."id");
  DELETE FROM "SessionSearchKey" WHERE "sessionId" = old."id";
END;
