-- Whole-table statistics, once. Earlier versions sampled them (PRAGMA analysis_limit =
-- 1000), and a sample of the status index sees a single status: SQLite then sorted
-- every upcoming session to serve one page of the list. src/db/reads.ts keeps them
-- fresh from here on (PRAGMA optimize, unsampled).
ANALYZE;
