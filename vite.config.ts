// Builds the SolidJS web client (client/) into dist/client, which the server serves.
// In development Vite serves the client and forwards /trpc to the API server.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

export default defineConfig({
  root: fileURLToPath(new URL("./client", import.meta.url)),
  plugins: [solid()],
  build: { outDir: fileURLToPath(new URL("./dist/client", import.meta.url)), emptyOutDir: true },
  server: {
    port: 5173,
    proxy: { "/trpc": { target: `http://localhost:${process.env.PORT ?? 3000}` } },
  },
});
