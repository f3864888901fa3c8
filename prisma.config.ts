// Prisma CLI configuration. The JavaScript schema engine and the better-sqlite3
// adapter keep every Prisma command offline.
import { mkdirSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// Our client is generated with engineType "client" and never loads a query engine,
// but the CLI still tries to download one unless this points at an existing file.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "prisma/schema.prisma";

const url = process.env.DATABASE_URL ?? "file:./data/quorum.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => {
    if (url.startsWith("file:")) mkdirSync("data", { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
