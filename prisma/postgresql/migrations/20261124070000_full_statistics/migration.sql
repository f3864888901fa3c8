-- Whole-table statistics, once. This matters on SQLite (see its migration of the same
-- name); here it only refreshes what autovacuum keeps anyway, and keeps the two
-- migration folders in step.
ANALYZE;
