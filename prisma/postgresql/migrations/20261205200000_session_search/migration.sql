-- Text search over public sessions (src/db/text-search.ts): a GIN index over the
-- 'simple' text-search vector of title, game system, tags and description (the query
-- repeats this exact expression), the tags as an array for the tag filter, and the
-- game system without case for the system filter.
CREATE INDEX "GameSession_search_idx" ON "GameSession" USING GIN (
  to_tsvector('simple'::regconfig,
    "title" || ' ' || coalesce("gameSystem", '') || ' ' || "tags" || ' ' || "description")
);
CREATE INDEX "GameSession_tags_idx" ON "GameSession" USING GIN (string_to_array("tags", ','));
CREATE INDEX "GameSession_gameSystem_lower_idx" ON "GameSession" (lower("gameSystem"), "startsAt");
