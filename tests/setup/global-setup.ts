// Migrates one template database per test run; each test app copies it
// (tests/setup/test-database.ts). TEST_DB=postgresql runs the suite on PostgreSQL.
import { mkdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/db/migrate.ts";
import { buildClient, haveChromium } from "../e2e/browser.ts";
import { testTmpDir } from "./paths.ts";
import {
  createTemplateDatabase,
  dropAbandonedDatabases,
  onPostgresServer,
  runDatabasePrefix,
  testProvider,
} from "./test-database.ts";

export default async function setup(project: TestProject) {
  rmSync(testTmpDir, { recursive: true, force: true });
  mkdirSync(testTmpDir, { recursive: true });
  // The browser tests (and the servers they start) serve a fresh build of the client.
  if (haveChromium) await buildClient();
  const template = await createTemplateDatabase();
  await migrate(template);
  project.provide("templateDatabaseUrl", template);
  return async () => {
    rmSync(testTmpDir, { recursive: true, force: true });
    if (testProvider === "postgresql") {
      await onPostgresServer((client) => dropAbandonedDatabases(client, runDatabasePrefix()));
    }
  };
}
