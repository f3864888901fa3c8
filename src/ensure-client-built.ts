// Run before `npm start`: builds the web client when dist/client is missing or older
// than its sources (client/ and the src/ files it bundles), so a fresh clone and a
// pulled change both serve the latest.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
const builtIndex = join(root, "dist/client/index.html");

function newestChange(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

// The client bundles some of src/ too (the wire format, input limits, shared wording):
// any change there may change the bundle.
const sourcesChanged = Math.max(
  newestChange(join(root, "client")),
  newestChange(join(root, "src")),
  statSync(join(root, "vite.config.ts")).mtimeMs,
);
if (!existsSync(builtIndex) || statSync(builtIndex).mtimeMs < sourcesChanged) {
  console.log("Building the web client…");
  await build({ configFile: join(root, "vite.config.ts"), logLevel: "warn" });
}
