// npm run db:schema: writes prisma/postgresql/schema.prisma from prisma/schema.prisma.
// npm run db:check: fails when that copy is stale or a schema changed without a migration.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { migrationSql, postgresqlSchema, schemas } from "./schemas.ts";

const wanted = postgresqlSchema();
const current = existsSync(schemas.postgresql.schema) ? readFileSync(schemas.postgresql.schema, "utf8") : "";

if (process.argv[2] !== "--check") {
  if (current !== wanted) writeFileSync(schemas.postgresql.schema, wanted);
  console.log(
    current === wanted ? "prisma/postgresql/schema.prisma is up to date." : "Wrote prisma/postgresql/schema.prisma.",
  );
  process.exit(0);
}

const problems: string[] = [];
if (current !== wanted) problems.push("prisma/postgresql/schema.prisma is stale: run `npm run db:schema`.");
for (const [provider, { schema, snapshot }] of Object.entries(schemas)) {
  if (migrationSql(snapshot, schema)) {
    problems.push(`The ${provider} schema has changes no migration applies: run \`npm run db:migration -- <name>\`.`);
  }
}
for (const problem of problems) console.error(problem);
if (problems.length === 0) console.log("Both schemas match each other and their migrations.");
process.exit(problems.length > 0 ? 1 : 0);
