// Run before `npm start`: builds the web client when dist/client is missing or older
// than the client's sources, so a fresh clone and a pulled change both serve the latest.
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

const sourcesChanged = Math.max(newestChange(join(root, "client")), statSync(join(root, "vite.config.ts")).mtimeMs);
if (!existsSync(builtIndex) || statSync(builtIndex).mtimeMs < sourcesChanged) {
  console.log("Building the web client…");
  await build({ configFile: join(root, "vite.config.ts"), logLevel: "warn" });
}
