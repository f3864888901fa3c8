// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL from the schema
// as of the last migration (the schema.prisma snapshot kept beside each migration)
// to prisma/schema.prisma now. (`prisma migrate dev` does not work offline here.)
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { migrationsDir } from "../src/db/migrate.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lowercase letters, digits and _)");
  process.exit(2);
}

const last = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .at(-1);
const from = last ? ["--from-schema-datamodel", join(migrationsDir, last, "schema.prisma")] : ["--from-empty"];
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8" },
);
if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE)\b/i.test(sql)) {
  console.log("The schema matches the last migration: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir);
writeFileSync(join(dir, "migration.sql"), sql);
copyFileSync("prisma/schema.prisma", join(dir, "schema.prisma"));
console.log(`Wrote ${dir}/migration.sql: review it; npm start and npm test apply it.`);
