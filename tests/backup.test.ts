// npm run backup while the server runs and takes writes: the copy is a sound SQLite
// database holding every write acknowledged before the backup began, and a server
// started on it (the README's restore) serves them. (SQLite: PostgreSQL uses pg_dump.)
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createApiToken } from "../src/auth/api-tokens.ts";
import { createTestApp } from "./app.ts";
import { tokenClient } from "./http-client.ts";
import { freePort, printed, startTs, stop, until } from "./processes.ts";
import { testProvider } from "./setup/test-database.ts";

const root = path.resolve(import.meta.dirname, "..");

describe.runIf(testProvider === "sqlite")("npm run backup", () => {
  it("copies the database while writes go on: sound, and holding every write acknowledged before it", {
    timeout: 90_000,
  }, async () => {
    const app = await createTestApp({}, { realClock: true });
    const folder = mkdtempSync(path.join(tmpdir(), "quorum-backup-"));
    const port = await freePort();
    const server = startTs("src/main.ts", {
      DATABASE_URL: app.config.DATABASE_URL,
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    let restored: ReturnType<typeof startTs> | undefined;
    try {
      await printed(server, "listening");
      const gm = await app.given.user();
      const client = tokenClient(`http://127.0.0.1:${port}`, (await createApiToken(app.db, gm.id, "writer")).token);
      const readerToken = (await createApiToken(app.db, gm.id, "reader")).token;
      const acknowledged: string[] = [];
      let writing = true;
      const writer = (async () => {
        for (let n = 0; writing; n++) {
          const { id } = await client.character.create.mutate({ name: `Write ${n}` });
          acknowledged.push(id);
        }
      })();
      await until(() => acknowledged.length >= 50, "50 acknowledged writes", 30_000);

      const before = [...acknowledged];
      const copy = path.join(folder, "quorum-backup.db");
      const backup = spawn(process.execPath, ["--import", "tsx", "src/backup.ts", "--to", copy], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: app.config.DATABASE_URL },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let said = "";
      backup.stdout?.on("data", (chunk: Buffer) => {
        said += chunk.toString();
      });
      const code = await new Promise<number | null>((resolve) => backup.once("exit", resolve));
      const during = acknowledged.length;
      await until(() => acknowledged.length > during + 10, "writes after the backup", 30_000);
      writing = false;
      await writer;
      expect(code).toBe(0);
      expect(said).toContain(`to ${copy}.`);

      const sqlite = new Database(copy, { readonly: true });
      try {
        expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
        const ids = new Set(
          (sqlite.prepare(`SELECT id FROM "Character"`).all() as { id: string }[]).map((row) => row.id),
        );
        expect(before.filter((id) => !ids.has(id))).toEqual([]);
      } finally {
        sqlite.close();
      }

      // The restore the README describes: a server started on the copy serves what it holds.
      const restoredFile = path.join(folder, "restored.db");
      copyFileSync(copy, restoredFile);
      const restoredPort = await freePort();
      restored = startTs("src/main.ts", {
        DATABASE_URL: `file:${restoredFile}`,
        PORT: String(restoredPort),
        HOST: "127.0.0.1",
      });
      await printed(restored, "listening");
      const reader = tokenClient(`http://127.0.0.1:${restoredPort}`, readerToken);
      const last = before.length - 1;
      expect(await reader.character.byId.query({ characterId: before[last]! })).toMatchObject({
        name: `Write ${last}`,
      });
    } finally {
      if (restored) await stop(restored);
      await stop(server);
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("says what to do instead on PostgreSQL, and fails", async () => {
    const run = spawn(process.execPath, ["--import", "tsx", "src/backup.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/quorum" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let said = "";
    run.stderr?.on("data", (chunk: Buffer) => {
      said += chunk.toString();
    });
    expect(await new Promise((resolve) => run.once("exit", resolve))).toBe(2);
    expect(said).toContain("back it up with pg_dump");
  });
});
