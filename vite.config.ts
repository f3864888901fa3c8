// Builds the SolidJS web client (client/) into dist/client, which the server serves
// (precompressed, see src/http/static-client.ts).
// In development Vite serves the client and forwards /trpc to the API server.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";
import solid from "vite-plugin-solid";

export default defineConfig({
  root: fileURLToPath(new URL("./client", import.meta.url)),
  // Each built file also as .br and .gz, which the server sends to browsers that accept them.
  plugins: [solid(), compression({ algorithms: ["brotliCompress", "gzip"] })],
  build: {
    outDir: fileURLToPath(new URL("./dist/client", import.meta.url)),
    emptyOutDir: true,
    // .vite/manifest.json: which files each screen needs, for the server's page (src/http/first-screen.ts).
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: { "/trpc": { target: `http://localhost:${process.env.PORT ?? 3000}` } },
  },
});
