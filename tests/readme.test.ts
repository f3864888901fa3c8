// The README is the product's description in a clone of this repository: it names no
// file outside it, and every file or folder of the repository it names exists.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

describe("the README", () => {
  it("sends readers nowhere outside the repository", () => {
    expect(readme).not.toMatch(/\.\.\/shared|SPEC\.md/);
  });

  it("names only files and folders that exist", () => {
    const named = [...readme.matchAll(/`((?:src|tests|client|scripts|prisma|bench)\/[\w./-]*)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    const missing = named.filter((name) => !name.includes("<") && !existsSync(path.join(root, name)));
    expect(missing).toEqual([]);
  });
});
