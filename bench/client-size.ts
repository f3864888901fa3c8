// The web client's initial JavaScript, gzipped: what a phone downloads before the
// first screen (the scripts and modulepreloads index.html names).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "vite";

export async function benchClientSize(): Promise<{ files: number; bytes: number; gzipBytes: number }> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  await build({ configFile: join(root, "vite.config.ts"), logLevel: "silent" });
  const dist = join(root, "dist/client");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of new Set(initial)) {
    const content = readFileSync(join(dist, file));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: new Set(initial).size, bytes, gzipBytes };
}
