// The bench's honest baseline: a bare node:http server doing what Quorum's procedures
// do with the driver's own prepared statements (better-sqlite3, or node-postgres named
// statements), nothing of Quorum's code, no tRPC, no Prisma, no Kysely; it answers the
// same JSON (checked by the bench before it measures). What the app serves as a share
// of this is what tRPC, the typed reads and Prisma cost.
//   GET  /session.list?input=…   the first page of upcoming sessions (from, to, status, limit)
//   GET  /session.byId?input=…   one session
//   POST /participant.join, /participant.leave   {"sessionId"}, a seat taken and given back
//   POST /auth.signIn            {"email","password"}: verify, open an auth session, set the cookie
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { verify } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { stringify } from "devalue";
import pg from "pg";
import superjson from "superjson";

type Row = Record<string, unknown>;
type Store = {
  all(sql: string, params: unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction that holds the write lock (SQLite) or row locks (PostgreSQL). */
  transaction<T>(work: (all: Store["all"]) => Promise<T>): Promise<T>;
};

const url = process.env.DATABASE_URL ?? "";
const cutoffMinutes = Number(process.env.CANCEL_CUTOFF_MINUTES ?? 60);
const store = url.startsWith("postgres") ? postgresStore(url) : sqliteStore(url.replace(/^file:/, ""));

function sqliteStore(file: string): Store {
  const sqlite = new Database(file, { timeout: 15_000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  const statements = new Map<string, Database.Statement>();
  const toSqlite = (v: unknown) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v);
  const all = async (sql: string, params: unknown[]) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    if (!statement.reader) {
      statement.run(...params.map(toSqlite));
      return [];
    }
    const dates = statement.columns().filter((c) => c.type === "DATETIME");
    const flags = statement.columns().filter((c) => c.type === "BOOLEAN");
    return (statement.all(...params.map(toSqlite)) as Row[]).map((row) => {
      for (const { name } of dates) if (row[name] != null) row[name] = new Date(row[name] as string);
      for (const { name } of flags) row[name] = row[name] === 1;
      return row;
    });
  };
  let queue = Promise.resolve();
  return {
    all,
    transaction(work) {
      // One writer: transactions take turns, as SQLite would make them.
      const run = queue.then(async () => {
        sqlite.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(all);
          sqlite.exec("COMMIT");
          return result;
        } catch (error) {
          sqlite.exec("ROLLBACK");
          throw error;
        }
      });
      queue = run.then(
        () => {},
        () => {},
      );
      return run;
    },
  };
}

function postgresStore(connectionString: string): Store {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: "text") => {
        if (oid === 1114) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
        if (oid === 20) return Number;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  const names = new Map<string, string>();
  const query = async (client: pg.Pool | pg.PoolClient, sql: string, params: unknown[]) => {
    let text = names.get(sql);
    if (!text) {
      let n = 0;
      text = sql.replace(/\?/g, () => `$${++n}`);
      names.set(sql, text);
    }
    const values = params.map((v) => (v instanceof Date ? v.toISOString() : v));
    const name = `q${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    return (await client.query({ name, text, values })).rows as Row[];
  };
  return {
    all: (sql, params) => query(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work((sql, params) => query(client, sql, params));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function viewer(req: http.IncomingMessage) {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  if (!bearer) return null;
  const [row] = await store.all(
    `SELECT u."id", u."email", u."displayName", u."role", t."expiresAt" FROM "ApiToken" t
     JOIN "User" u ON u."id" = t."userId" WHERE t."tokenHash" = ?`,
    [sha256(bearer)],
  );
  if (!row || (row.expiresAt && (row.expiresAt as Date) <= new Date())) return null;
  return { id: row.id as string, email: row.email, displayName: row.displayName, role: row.role };
}

const sessionColumns = `s."id", s."title", s."description", s."status", s."version", s."startsAt", s."endsAt",
  s."minPlayers", s."maxPlayers", s."playerCount", s."allowLateJoin", s."startedAt", s."endedAt", s."durationMinutes",
  s."cancelledAt", s."cancelReason", s."voiceChannelId", s."createdAt", s."updatedAt", s."hostId",
  h."displayName" AS "hostName", s."campaignId", c."title" AS "campaignTitle", sc."gameSystem", s."venueId",
  v."name" AS "venueName", v."address" AS "venueAddress", v."onlineUrl" AS "venueOnlineUrl",
  (SELECT COUNT(*) FROM "Participant" w WHERE w."gameSessionId" = s."id" AND w."status" = 'waitlisted') AS "waitlistCount"
  FROM "GameSession" s JOIN "User" h ON h."id" = s."hostId" LEFT JOIN "Campaign" c ON c."id" = s."campaignId"
  LEFT JOIN "Scenario" sc ON sc."id" = c."scenarioId" LEFT JOIN "Venue" v ON v."id" = s."venueId"`;

function present(row: Row) {
  const { hostName, campaignId, campaignTitle, gameSystem, venueId, venueName, venueAddress, venueOnlineUrl, ...own } =
    row;
  const startsAt = row.startsAt as Date;
  return {
    ...own,
    host: { id: row.hostId, displayName: hostName },
    campaign: campaignId
      ? { id: campaignId, title: campaignTitle, scenario: gameSystem ? { gameSystem } : null }
      : null,
    venue: venueId ? { id: venueId, name: venueName, address: venueAddress, onlineUrl: venueOnlineUrl } : null,
    waitlistCount: Number(row.waitlistCount),
    openSeats: Math.max(0, (row.maxPlayers as number) - (row.playerCount as number)),
    playersNeeded: Math.max(0, (row.minPlayers as number) - (row.playerCount as number)),
    cancelDeadline: new Date(startsAt.getTime() - cutoffMinutes * 60_000),
  };
}

type ListInput = { from?: Date; to?: Date; status?: string[]; limit?: number };

async function listSessions(userId: string, input: ListInput) {
  const limit = input.limit ?? 20;
  const campaigns = await store.all(
    `SELECT c."id" FROM "Campaign" c WHERE c."gmId" = ? OR EXISTS
     (SELECT 1 FROM "CampaignMember" m WHERE m."campaignId" = c."id" AND m."userId" = ?)`,
    [userId, userId],
  );
  if (campaigns.length > 0) throw new Error("the baseline lists for viewers without campaigns only");
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.from) where.push(`s."startsAt" >= ?`), params.push(input.from);
  if (input.to) where.push(`s."startsAt" < ?`), params.push(input.to);
  if (input.status)
    where.push(`s."status" IN (${input.status.map(() => "?").join(", ")})`), params.push(...input.status);
  const rows = await store.all(
    `SELECT ${sessionColumns} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY s."startsAt", s."id" LIMIT ?`,
    [...params, limit + 1],
  );
  const page = rows.slice(0, limit);
  const ids = page.map((row) => row.id);
  const places = ids.length
    ? await store.all(
        `SELECT p."gameSessionId", p."role", p."status", p."joinOrder" FROM "Participant" p
         WHERE p."userId" = ? AND p."gameSessionId" IN (${ids.map(() => "?").join(", ")}) AND p."status" <> 'left'`,
        [userId, ...ids],
      )
    : [];
  if (places.some((place) => place.status === "waitlisted")) throw new Error("the baseline has no waitlist places");
  const placeOf = new Map(
    places.map((p) => [p.gameSessionId, { role: p.role, status: p.status, waitlistPosition: null }]),
  );
  return {
    items: page.map((row) => ({ ...present(row), myPlace: placeOf.get(row.id) ?? null })),
    nextCursor: rows.length > limit ? `all:${page.at(-1)?.id}` : null,
  };
}

async function sessionById(user: { id: string; role: unknown }, sessionId: string) {
  const [row] = await store.all(
    `SELECT ${sessionColumns.replace('s."id",', 's."id", s."gmNotes", s."joinCode", s."discordWebhookUrl",')} WHERE s."id" = ?`,
    [sessionId],
  );
  if (!row) return null;
  const { gmNotes, joinCode, discordWebhookUrl, ...visible } = row;
  const manages = row.hostId === user.id || user.role === "admin";
  const reminders = manages
    ? await store.all(
        `SELECT "minutesBefore" FROM "SessionReminder" WHERE "gameSessionId" = ? ORDER BY "minutesBefore" DESC`,
        [sessionId],
      )
    : null;
  return {
    ...present(visible),
    gmNotes: manages ? gmNotes : null,
    joinCode: manages ? joinCode : null,
    discordWebhookUrl: manages ? discordWebhookUrl : null,
    reminderMinutes: reminders ? reminders.map((r) => r.minutesBefore) : null,
  };
}

/** Join: lock the session, check the seat, take it (players only, no waitlist: the bench's table has room). */
async function join(userId: string, sessionId: string) {
  return store.transaction(async (all) => {
    const [session] = await all(
      `UPDATE "GameSession" SET "version" = "version" + 1 WHERE "id" = ?
       RETURNING "version", "status", "playerCount", "maxPlayers"`,
      [sessionId],
    );
    if (!session || session.status !== "scheduled") throw new Error("not open");
    const [existing] = await all(
      `SELECT "id", "status" FROM "Participant" WHERE "gameSessionId" = ? AND "userId" = ?`,
      [sessionId, userId],
    );
    if (existing && existing.status !== "left") throw new Error("already in");
    if ((session.playerCount as number) >= (session.maxPlayers as number)) throw new Error("full");
    const now = new Date();
    const [participant] = existing
      ? await all(
          `UPDATE "Participant" SET "status" = 'joined', "role" = 'player', "joinOrder" = ?, "joinedAt" = ?, "leftAt" = NULL
           WHERE "id" = ? RETURNING "id", "status", "role", "joinOrder"`,
          [session.version, now, existing.id],
        )
      : await all(
          `INSERT INTO "Participant" ("id", "gameSessionId", "userId", "role", "status", "joinOrder", "joinedAt")
           VALUES (?, ?, ?, 'player', 'joined', ?, ?) RETURNING "id", "status", "role", "joinOrder"`,
          [randomBytes(12).toString("hex"), sessionId, userId, session.version, now],
        );
    await all(`UPDATE "GameSession" SET "playerCount" = "playerCount" + 1, "updatedAt" = ? WHERE "id" = ?`, [
      now,
      sessionId,
    ]);
    return participant;
  });
}

async function leave(userId: string, sessionId: string) {
  await store.transaction(async (all) => {
    await all(`UPDATE "GameSession" SET "version" = "version" + 1 WHERE "id" = ? RETURNING "version"`, [sessionId]);
    const now = new Date();
    const [left] = await all(
      `UPDATE "Participant" SET "status" = 'left', "leftAt" = ? WHERE "gameSessionId" = ? AND "userId" = ? AND "status" = 'joined'
       RETURNING "id"`,
      [now, sessionId, userId],
    );
    if (!left) throw new Error("not in");
    await all(`UPDATE "GameSession" SET "playerCount" = "playerCount" - 1, "updatedAt" = ? WHERE "id" = ?`, [
      now,
      sessionId,
    ]);
  });
  return { left: true };
}

async function signIn(email: string, password: string) {
  const [user] = await store.all(
    `SELECT "id", "email", "displayName", "role", "passwordHash" FROM "User" WHERE "email" = ?`,
    [email],
  );
  if (!user || !(await verify(user.passwordHash as string, password))) return null;
  const token = randomBytes(20).toString("base64url");
  await store.all(`INSERT INTO "AuthSession" ("id", "userId", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`, [
    sha256(token),
    user.id,
    new Date(Date.now() + 30 * 86_400_000),
    new Date(),
  ]);
  const { passwordHash: _, ...shown } = user;
  return { user: shown, cookie: `quorum_auth=${token}; Path=/; HttpOnly; SameSite=Lax` };
}

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
const ok = (res: http.ServerResponse, data: unknown) => json(res, 200, { result: { data: stringify(data) } });

async function readBody(req: http.IncomingMessage) {
  let text = "";
  for await (const chunk of req) text += chunk;
  return superjson.deserialize(JSON.parse(text)) as Record<string, string>;
}

const server = http.createServer(async (req, res) => {
  try {
    const { pathname, searchParams } = new URL(req.url ?? "/", "http://x");
    if (pathname === "/auth.signIn") {
      const { email, password } = await readBody(req);
      const signedIn = await signIn(email as string, password as string);
      if (!signedIn) return json(res, 401, { error: "Wrong email or password." });
      res.setHeader("set-cookie", signedIn.cookie);
      return ok(res, signedIn.user);
    }
    const user = await viewer(req);
    if (!user) return json(res, 401, { error: "Sign in first." });
    const input =
      req.method === "GET" ? superjson.deserialize(JSON.parse(searchParams.get("input") ?? "{}")) : await readBody(req);
    const given = input as { sessionId: string };
    if (pathname === "/session.list") return ok(res, await listSessions(user.id, input as ListInput));
    if (pathname === "/session.byId") return ok(res, await sessionById(user, given.sessionId));
    if (pathname === "/participant.join") return ok(res, await join(user.id, given.sessionId));
    if (pathname === "/participant.leave") return ok(res, await leave(user.id, given.sessionId));
    json(res, 404, { error: "No such procedure." });
  } catch (error) {
    json(res, 500, { error: String(error) });
  }
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
