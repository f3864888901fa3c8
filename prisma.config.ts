// Prisma 7 CLI configuration, used only by `prisma generate` (npm run db:generate,
// postinstall). Migrations are applied by src/db/migrate*.ts and authored with the
// Prisma 6.19 CLI (prisma/prisma6.config.ts, prisma/schemas.ts): Prisma 7's migrate
// commands need its native schema engine, which cannot be downloaded here.
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// `generate` never runs the schema engine, but the CLI downloads one at start unless
// this names an existing file.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL("prisma/schema.prisma", import.meta.url));

export default defineConfig({
  schema: "prisma/schema.prisma",
});
