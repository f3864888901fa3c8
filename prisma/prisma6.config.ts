// Prisma 6.19 CLI configuration, used only by `prisma migrate diff` in prisma/schemas.ts
// (npm run db:migration, db:check). Prisma 7 dropped the JavaScript schema engine and
// its migrate commands need a native one that cannot be downloaded here; 6.19 (the
// npm alias "prisma6") still diffs two schema files offline with the WASM engine.

import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma6/config";

// The 6.19 CLI downloads a query engine at start unless this names an existing file.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= fileURLToPath(new URL("schema.prisma", import.meta.url));

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  // Diffing two schema files reads no database; the JS engine wants an adapter all the same.
  adapter: async () => new PrismaBetterSqlite3({ url: ":memory:" }),
});
