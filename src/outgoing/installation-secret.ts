// Keys generated once per installation, kept in the database so every server process
// (and every restart) signs and checks with the same one.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { isUniqueViolation } from "../db/unique.ts";

const cache = new WeakMap<Db, Map<string, Promise<Buffer>>>();

export function installationSecret(db: Db, name: string): Promise<Buffer> {
  const secrets = cache.get(db) ?? new Map<string, Promise<Buffer>>();
  cache.set(db, secrets);
  let secret = secrets.get(name);
  if (!secret) {
    secret = readOrCreate(db, name);
    secrets.set(name, secret);
    secret.catch(() => secrets.delete(name)); // a failed read is tried again next time
  }
  return secret;
}

async function readOrCreate(db: Db, name: string): Promise<Buffer> {
  const existing = await db.installationSecret.findUnique({ where: { name } });
  if (existing) return Buffer.from(existing.value, "base64url");
  try {
    const created = await db.installationSecret.create({
      data: { name, value: randomBytes(32).toString("base64url") },
    });
    return Buffer.from(created.value, "base64url");
  } catch (error) {
    // Another process created it first: use theirs.
    if (!isUniqueViolation(error)) throw error;
    const theirs = await db.installationSecret.findUniqueOrThrow({ where: { name } });
    return Buffer.from(theirs.value, "base64url");
  }
}
