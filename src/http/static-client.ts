// Serves the built web client (dist/client): precompressed (.br, .gz, written by the
// build) to browsers that accept it; files with a content hash in their name cached
// for good, everything else (index.html above all) checked again on every load.
import { existsSync } from "node:fs";
import type http from "node:http";
import { fileURLToPath } from "node:url";
import sirv from "sirv";

export const clientDistDir = fileURLToPath(new URL("../../dist/client", import.meta.url));

/** Null when the client has not been built (the API still serves). */
export function staticClient(dir = clientDistDir) {
  if (!existsSync(dir)) return null;
  return sirv(dir, {
    single: true,
    etag: true,
    gzip: true,
    brotli: true,
    immutable: true,
    maxAge: 31_536_000,
    setHeaders(res: http.ServerResponse, pathname: string) {
      // Vite names everything under assets/ by content hash.
      if (!pathname.startsWith("/assets/")) res.setHeader("Cache-Control", "no-cache");
    },
  });
}
