// Text filters match the same rows on both databases. SQLite's LIKE (what Prisma's
// `contains`, `startsWith` and `endsWith` compile to) ignores case; PostgreSQL's
// does not unless asked. This extension asks, on every PostgreSQL query, so the
// domain code writes `{ contains: query }` once and never learns which database it has.
import { Prisma } from "../generated/prisma-pg/client.ts";

const TEXT_FILTERS = ["contains", "startsWith", "endsWith"] as const;

function askForInsensitive(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) askForInsensitive(item);
    return;
  }
  if (value === null || typeof value !== "object" || value instanceof Date) return;
  const filter = value as Record<string, unknown>;
  if (TEXT_FILTERS.some((key) => typeof filter[key] === "string") && filter.mode === undefined) {
    filter.mode = "insensitive";
  }
  for (const nested of Object.values(filter)) askForInsensitive(nested);
}

export const caseInsensitiveText = Prisma.defineExtension({
  name: "case-insensitive-text",
  query: {
    $allModels: {
      $allOperations({ args, query }) {
        askForInsensitive(args);
        return query(args);
      },
    },
  },
});
