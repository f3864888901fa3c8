// npm run script -- <name> [args]: runs scripts/<name>.ts with the rest of the arguments.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith(".ts") && !["run.ts", "client.ts", "cli.ts"].includes(file))
  .map((file) => file.slice(0, -3))
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run script -- <name> [args]   (${available.join(", ")})`);
  process.exit(2);
}
process.argv = [process.argv[0] ?? "node", `${here}${name}.ts`, ...rest];
await import(`./${name}.ts`);
