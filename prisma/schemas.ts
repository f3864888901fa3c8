// The two Prisma schemas and their migration folders. prisma/schema.prisma (SQLite)
// is the one people edit; the PostgreSQL copy is derived from it by `postgresqlSchema`
// and written by `npm run db:schema`, so the two never drift (`npm run db:check`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/** The PostgreSQL schema: the SQLite one with its provider and client output swapped. */
export function postgresqlSchema(sqliteSchema: string = readFileSync(schemas.sqlite.schema, "utf8")): string {
  const swaps: [RegExp, string][] = [
    [/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'],
    [/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output   = "../../src/generated/prisma-pg"'],
  ];
  let schema = sqliteSchema;
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(schema))
      throw new Error(`prisma/schema.prisma no longer matches ${pattern}: update prisma/schemas.ts`);
    schema = schema.replace(pattern, replacement);
  }
  return GENERATED_NOTE + schema;
}

// Migrations are authored with the Prisma 6.19 CLI (npm alias "prisma6"): Prisma 7's
// `migrate diff` needs a native schema engine, which cannot be downloaded here, while
// 6.19 still has the WASM one. Both packages name their bin `prisma`, so call it by path.
const prisma6Cli = createRequire(import.meta.url).resolve("prisma6/build/index.js");
const prisma6Config = `${prismaDir}prisma6.config.ts`;

/** Prisma 6.19 requires a datasource url, which Prisma 7 forbids: a copy with a placeholder one. */
function withDatasourceUrl(schemaPath: string, dir: string, name: string): string {
  const schema = readFileSync(schemaPath, "utf8").replace(
    /(datasource\s+\w+\s*\{)([^}]*)\}/,
    (block, head: string, body: string) => {
      if (/^\s*url\s*=/m.test(body)) return block;
      const url = /provider\s*=\s*"postgresql"/.test(body) ? "postgresql://localhost/unused" : "file:./unused.db";
      return `${head}${body}  url = "${url}"\n}`;
    },
  );
  const path = join(dir, name);
  writeFileSync(path, schema);
  return path;
}

/** The SQL that takes a database from schema `from` (or nothing) to schema `to`; "" when they agree. */
export function migrationSql(from: string | null, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), "quorum-migration-"));
  try {
    const sql = execFileSync(
      process.execPath,
      [
        prisma6Cli,
        "migrate",
        "diff",
        "--config",
        prisma6Config,
        ...(from ? ["--from-schema-datamodel", withDatasourceUrl(from, dir, "from.prisma")] : ["--from-empty"]),
        "--to-schema-datamodel",
        withDatasourceUrl(to, dir, "to.prisma"),
        "--script",
      ],
      { encoding: "utf8" },
    );
    return /\b(CREATE|ALTER|DROP|INSERT|UPDATE)\b/i.test(sql) ? sql : "";
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
