// Lucia over our Prisma client. The cookie holds a random token; the database keeps
// only its SHA-256, so a leaked database cannot be replayed as logins.
import { createHash } from "node:crypto";
import { type Adapter, type DatabaseSession, Lucia, TimeSpan } from "lucia";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { UserRole } from "../generated/prisma/enums.ts";
import { createSingleFlight } from "../in-flight.ts";
import { authUserColumns } from "./accounts.ts";

export type AuthUser = { id: string; email: string; displayName: string; role: UserRole };

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export const AUTH_COOKIE = "quorum_auth";

/** Whether an auth session still lets its holder in: not idle too long, and not older than the absolute lifetime. */
export function authSessionAlive(
  row: { expiresAt: Date; createdAt: Date },
  now: Date,
  config: Pick<Config, "AUTH_SESSION_MAX_DAYS">,
): boolean {
  const absoluteEnd = row.createdAt.getTime() + config.AUTH_SESSION_MAX_DAYS * 86_400_000;
  return row.expiresAt > now && absoluteEnd > now.getTime();
}

export function createLucia(db: Db, config: Config) {
  return new Lucia(hashedPrismaAdapter(db, config), {
    sessionExpiresIn: new TimeSpan(config.AUTH_SESSION_DAYS, "d"),
    sessionCookie: {
      name: AUTH_COOKIE,
      // Secure whenever people reach the app over https, whatever NODE_ENV says.
      attributes: {
        sameSite: "lax",
        secure: config.NODE_ENV === "production" || config.PUBLIC_URL.startsWith("https:"),
      },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      displayName: attributes.displayName,
      role: attributes.role,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: Omit<AuthUser, "id">;
  }
}

function hashedPrismaAdapter(db: Db, config: Pick<Config, "AUTH_SESSION_MAX_DAYS">): Adapter {
  // Lucia hands us the token as the session id; we store and look up its hash.
  const toDatabaseSession = (id: string, row: { userId: string; expiresAt: Date }): DatabaseSession => ({
    id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    attributes: {},
  });
  // Every request of a page arrives at once: one of them extends the session.
  const extending = createSingleFlight();
  return {
    async getSessionAndUser(token) {
      // Every browser call starts here: one typed query, session and user together.
      const row = await db.$reads
        .selectFrom("AuthSession as session")
        .innerJoin("User as user", "user.id", "session.userId")
        .select(["session.id as sessionId", "session.userId", "session.expiresAt", "session.createdAt"])
        .select(authUserColumns)
        .where("session.id", "=", sha256(token))
        .executeTakeFirst();
      if (!row) return [null, null];
      // Past its absolute lifetime a session ends however recently it was used (Lucia
      // only knows the sliding expiry).
      if (!authSessionAlive(row, new Date(), config)) {
        await db.authSession.deleteMany({ where: { id: row.sessionId } });
        return [null, null];
      }
      const { email, displayName, role } = row;
      return [toDatabaseSession(token, row), { id: row.userId, attributes: { email, displayName, role } }];
    },
    async getUserSessions(userId) {
      const rows = await db.authSession.findMany({ where: { userId } });
      return rows.map((row) => toDatabaseSession(row.id, row));
    },
    async setSession(session) {
      await db.authSession.create({
        data: { id: sha256(session.id), userId: session.userId, expiresAt: session.expiresAt },
      });
    },
    async updateSessionExpiration(token, expiresAt) {
      await extending(token, async () => {
        await db.authSession.updateMany({ where: { id: sha256(token) }, data: { expiresAt } });
      });
    },
    async deleteSession(token) {
      await db.authSession.deleteMany({ where: { id: sha256(token) } });
    },
    async deleteUserSessions(userId) {
      await db.authSession.deleteMany({ where: { userId } });
    },
    async deleteExpiredSessions() {
      await db.authSession.deleteMany({ where: { expiresAt: { lte: new Date() } } });
    },
  };
}
