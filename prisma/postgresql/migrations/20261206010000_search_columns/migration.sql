-- Text search, faster (src/db/text-search.ts): each scope a search ranks by has its words
-- in a stored column with its own GIN index: the title; the title with game system and
-- tags; everything (with the description). No text is parsed again at query time, each
-- index answers its scope exactly (no recheck of which part a word stood in), and each
-- column has statistics of its own, so the planner knows a common word from a rare one.
-- (Not in schema.prisma: Prisma neither reads nor writes them.)
ALTER TABLE "GameSession" ADD COLUMN "searchTitle" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "title")) STORED;
ALTER TABLE "GameSession" ADD COLUMN "searchAbout" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
    "title" || ' ' || coalesce("gameSystem", '') || ' ' || "tags")) STORED;
ALTER TABLE "GameSession" ADD COLUMN "searchAll" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
    "title" || ' ' || coalesce("gameSystem", '') || ' ' || "tags" || ' ' || "description")) STORED;
CREATE INDEX "GameSession_searchTitle_idx" ON "GameSession" USING GIN ("searchTitle");
CREATE INDEX "GameSession_searchAbout_idx" ON "GameSession" USING GIN ("searchAbout");
CREATE INDEX "GameSession_searchAll_idx" ON "GameSession" USING GIN ("searchAll");
DROP INDEX "GameSession_search_idx";
