// The credential behind a call (an auth-session cookie or an API token), checked again
// later: a live stream asks whether its caller is still signed in, and as whom.
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { authUserSelect } from "./accounts.ts";
import { apiTokenAlive } from "./api-tokens.ts";
import { type AuthUser, authSessionAlive, sha256 } from "./lucia.ts";

export type Credential = { kind: "authSession"; token: string } | { kind: "apiToken"; token: string };

/** The user a credential stands for now (their current role included), or null once it has ended. */
export async function userForCredential(
  db: Db,
  config: Pick<Config, "AUTH_SESSION_MAX_DAYS">,
  credential: Credential,
  now: Date,
): Promise<AuthUser | null> {
  if (credential.kind === "authSession") {
    const row = await db.authSession.findUnique({
      where: { id: sha256(credential.token) },
      select: { expiresAt: true, createdAt: true, user: { select: authUserSelect } },
    });
    return row && authSessionAlive(row, now, config) ? row.user : null;
  }
  const row = await db.apiToken.findUnique({
    where: { tokenHash: sha256(credential.token) },
    select: { expiresAt: true, user: { select: authUserSelect } },
  });
  return row && apiTokenAlive(row, now) ? row.user : null;
}

/** Deletes auth sessions and API tokens that can no longer sign anyone in; returns how many. */
export async function forgetEndedCredentials(
  db: Db,
  config: Pick<Config, "AUTH_SESSION_MAX_DAYS">,
  now: Date,
): Promise<number> {
  const oldestAlive = new Date(now.getTime() - config.AUTH_SESSION_MAX_DAYS * 86_400_000);
  const sessions = await db.authSession.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { createdAt: { lte: oldestAlive } }] },
  });
  const tokens = await db.apiToken.deleteMany({ where: { expiresAt: { lte: now } } });
  return sessions.count + tokens.count;
}
