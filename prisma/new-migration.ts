// npm run db:migration -- <name>
// Writes one migration per database, both named <timestamp>_<name>: the SQL from each
// provider's snapshot (its schema as of its last migration) to its schema now, then
// moves the snapshots forward. (`prisma migrate dev` does not work offline here.)
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { migrationSql, postgresqlSchema, schemas } from "./schemas.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lowercase letters, digits and _)");
  process.exit(2);
}

writeFileSync(schemas.postgresql.schema, postgresqlSchema());
const changes = Object.values(schemas).map((s) => ({ ...s, sql: migrationSql(s.snapshot, s.schema) }));
if (changes.every((change) => !change.sql)) {
  console.log("The schema matches the last migration: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const { schema, migrations, snapshot, sql } of changes) {
  const dir = join(migrations, `${stamp}_${name}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "migration.sql"), sql);
  copyFileSync(schema, snapshot);
  console.log(
    `Wrote ${dir}/migration.sql (${readFileSync(join(dir, "migration.sql"), "utf8").split("\n").length} lines)`,
  );
}
execFileSync("npm", ["run", "--silent", "db:generate"], { stdio: "inherit" });
console.log("Regenerated both clients. Review both migrations; npm start and npm test apply them.");
