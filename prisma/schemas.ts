// The two Prisma schemas and their migration folders. prisma/schema.prisma (SQLite)
// is the one people edit; the PostgreSQL copy is derived from it by `postgresqlSchema`
// and written by `npm run db:schema`, so the two never drift (`npm run db:check`).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const prismaDir = fileURLToPath(new URL(".", import.meta.url));

export type Provider = "sqlite" | "postgresql";

export const schemas: Record<Provider, { schema: string; migrations: string; snapshot: string }> = {
  sqlite: {
    schema: `${prismaDir}schema.prisma`,
    migrations: `${prismaDir}migrations`,
    snapshot: `${prismaDir}migrations/schema.snapshot.prisma`,
  },
  postgresql: {
    schema: `${prismaDir}postgresql/schema.prisma`,
    migrations: `${prismaDir}postgresql/migrations`,
    snapshot: `${prismaDir}postgresql/migrations/schema.snapshot.prisma`,
  },
};

const GENERATED_NOTE = `// GENERATED from prisma/schema.prisma by \`npm run db:schema\`. Edit that file, not this one.\n`;

/** The PostgreSQL schema: the SQLite one with its provider, url and client output swapped. */
export function postgresqlSchema(sqliteSchema: string = readFileSync(schemas.sqlite.schema, "utf8")): string {
  const swaps: [RegExp, string][] = [
    [/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'],
    [/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost/quorum"'],
    [/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output     = "../../src/generated/prisma-pg"'],
  ];
  let schema = sqliteSchema;
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(schema))
      throw new Error(`prisma/schema.prisma no longer matches ${pattern}: update prisma/schemas.ts`);
    schema = schema.replace(pattern, replacement);
  }
  return GENERATED_NOTE + schema;
}

/** The SQL that takes a database from schema `from` (or nothing) to schema `to`; "" when they agree. */
export function migrationSql(from: string | null, to: string): string {
  const sql = execFileSync(
    "npx",
    [
      "prisma",
      "migrate",
      "diff",
      ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
      "--to-schema-datamodel",
      to,
      "--script",
    ],
    { encoding: "utf8" },
  );
  return /\b(CREATE|ALTER|DROP|INSERT|UPDATE)\b/i.test(sql) ? sql : "";
}
