// Migrates one template database per test run; each test file copies it (tests/app.ts).
import { mkdirSync, rmSync } from "node:fs";
import { migrate } from "../../src/db/migrate.ts";
import { templateDbFile, testTmpDir } from "./paths.ts";

export default function setup() {
  rmSync(testTmpDir, { recursive: true, force: true });
  mkdirSync(testTmpDir, { recursive: true });
  migrate(`file:${templateDbFile}`);
  return () => rmSync(testTmpDir, { recursive: true, force: true });
}
