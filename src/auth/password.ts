// Passwords are hashed with Argon2id (memory-hard), with the library's OWASP-level defaults.
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

// Verified against when the account does not exist, so a wrong email takes as long
// as a wrong password and does not reveal which accounts exist.
let decoyHash: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hash("decoy password that matches nothing");
  await verify(await decoyHash, password);
  return false;
}
