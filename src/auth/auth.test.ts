import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServedTestApp, createTestApp, TEST_PASSWORD } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { browserClient, signedInBrowser as signedInTo, tokenClient } from "../../tests/http-client.ts";
import { emailedLink, emailedToken, signUpByEmail, startSmtpServer } from "../../tests/smtp.ts";
import { loadConfig } from "../config.ts";
import { sendOutgoing } from "../outgoing/sender.ts";
import { AUTH_COOKIE, sha256 } from "./lucia.ts";
import { forgetExpiredSignInAttempts } from "./sign-in-limiter.ts";

const limits = {
  SIGN_IN_ATTEMPTS_PER_ACCOUNT_IP: "3",
  SIGN_IN_ATTEMPTS_PER_ACCOUNT: "5",
  SIGN_IN_ATTEMPTS_PER_IP: "8",
};
const smtp = await startSmtpServer();
const app = await createServedTestApp({ ...limits, SMTP_URL: smtp.url });
afterAll(() => smtp.stop());

const DAY = 86_400_000;
// The first account of an instance is its admin; these tests sign up ordinary users.
beforeAll(() => app.given.user({ role: "admin", name: "Owner" }));
const account = (name: string) => ({
  email: `${name}@example.test`,
  password: "a long enough password",
  displayName: name,
});
/** What sign-up asks for: no password (the emailed link asks for it). */
const pick = ({ email, displayName }: { email: string; displayName: string }) => ({ email, displayName });
/** A browser signed in as a new user (made directly: these tests are about what follows). */
async function signedInBrowser() {
  const user = await app.given.user();
  return { user, ...(await signedInTo(app.url, user)) };
}

describe("signing up and in over HTTP (cookie)", () => {
  it("signs up from the emailed link: the password is chosen there, which signs in with an HttpOnly SameSite=Lax cookie", async () => {
    const { client, cookies } = browserClient(app.url);
    expect(await client.auth.me.query()).toBeNull();
    const asked = await client.auth.signUp.mutate({ email: "Ada@Example.test", displayName: "Ada" });
    expect(asked).toEqual({
      email: "ada@example.test",
      message: "Check your inbox: we sent a link to ada@example.test. Open it to finish.",
    });
    // Not signed in yet, and the account has no password: nobody can sign in to it.
    expect(await cookies()).toEqual([]);
    const pending = await app.db.user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    expect(pending).toMatchObject({ passwordHash: null, emailVerifiedAt: null, role: "user" });

    const link = await emailedLink(app, smtp, "ada@example.test", "/welcome");
    expect(smtp.to("ada@example.test").at(-1)?.subject).toBe("Finish creating your Quorum account");
    const user = await client.auth.finishSignUp.mutate({
      token: link.searchParams.get("token") ?? "",
      password: account("ada").password,
    });
    expect(user).toMatchObject({ email: "ada@example.test", displayName: "Ada", role: "user" });
    const [cookie] = await cookies();
    expect(cookie).toMatchObject({ key: AUTH_COOKIE, httpOnly: true, sameSite: "lax", path: "/" });
    expect(await client.auth.me.query()).toMatchObject({ id: user.id });

    // The database holds only hashes: of the password, and of the cookie's token. The link
    // came to the address, so it is confirmed; it works once.
    const stored = await app.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.emailVerifiedAt).not.toBeNull();
    const authSessions = await app.db.authSession.findMany({ where: { userId: user.id } });
    expect(authSessions.map((s) => s.id)).toEqual([sha256(cookie!.value)]);
    await expectRefusal(
      browserClient(app.url).client.auth.finishSignUp.mutate({
        token: link.searchParams.get("token") ?? "",
        password: "another long passphrase",
      }),
      "BAD_REQUEST",
      /expired or was already used/,
    );
  });

  it("answers the same whether or not the address has an account, and tells the owner instead of making a second", async () => {
    const { client } = browserClient(app.url);
    const grace = await signUpByEmail(app, smtp, client, account("grace"));
    const { client: stranger } = browserClient(app.url);
    const fresh = await stranger.auth.signUp.mutate({ email: "someone-new@example.test", displayName: "New" });
    const taken = await stranger.auth.signUp.mutate({ email: "GRACE@example.test", displayName: "Not Grace" });
    expect(taken).toEqual({
      ...fresh,
      email: "grace@example.test",
      message: fresh.message.replace("someone-new", "grace"),
    });

    expect(await app.db.user.count({ where: { email: "grace@example.test" } })).toBe(1);
    await sendOutgoing(app.services, app.services.now());
    const told = smtp.to("grace@example.test").at(-1);
    expect(told?.subject).toBe("You already have a Quorum account");
    expect(told?.text).toContain("tried to create a Quorum account with this address, which already has one");
    expect(told?.text).toContain(`${app.config.PUBLIC_URL}/forgot-password`);
    expect(told?.text).not.toMatch(/token=/);
    // Nothing about Grace changed: her name, her password.
    expect(await app.db.user.findUniqueOrThrow({ where: { id: grace.id } })).toMatchObject({ displayName: "grace" });
    await browserClient(app.url).client.auth.signIn.mutate({ email: grace.email, password: account("grace").password });
  });

  it("an unfinished sign-up cannot sign in; signing up again renames it and sends a new link; the link used first finishes it, the other stops working", async () => {
    const { client } = browserClient(app.url);
    await client.auth.signUp.mutate({ email: "hedy@example.test", displayName: "Hedy Typo", timeZone: "UTC" });
    const first = await emailedToken(app, smtp, "hedy@example.test", "/welcome");
    await expectRefusal(
      client.auth.signIn.mutate({ email: "hedy@example.test", password: "a long enough password" }),
      "UNAUTHORIZED",
      "Wrong email or password",
    );
    await client.auth.signUp.mutate({ email: "hedy@example.test", displayName: "Hedy", timeZone: "Europe/Vienna" });
    const second = await emailedToken(app, smtp, "hedy@example.test", "/welcome");
    expect(await app.db.user.findUniqueOrThrow({ where: { email: "hedy@example.test" } })).toMatchObject({
      displayName: "Hedy",
      timeZone: "Europe/Vienna",
    });
    await client.auth.finishSignUp.mutate({ token: second, password: account("hedy").password });
    await expectRefusal(
      client.auth.finishSignUp.mutate({ token: first, password: "someone else's passphrase" }),
      "BAD_REQUEST",
      /expired or was already used/,
    );
    await browserClient(app.url).client.auth.signIn.mutate({
      email: "hedy@example.test",
      password: account("hedy").password,
    });
  });

  it("carries where sign-up started (a join link) through the email, and refuses an address elsewhere", async () => {
    const { client } = browserClient(app.url);
    await client.auth.signUp.mutate({ ...pick(account("joiner")), returnTo: "/join/K7M2QX" });
    const link = await emailedLink(app, smtp, "joiner@example.test", "/welcome");
    expect(link.searchParams.get("next")).toBe("/join/K7M2QX");
    await expectRefusal(
      client.auth.signUp.mutate({ ...pick(account("joiner")), returnTo: "//evil.example/join" }),
      "BAD_REQUEST",
      /a path on this site/,
    );
  });

  it("refuses a password that is long enough but easy to guess, saying why, without spending the link", async () => {
    const { client } = browserClient(app.url);
    await client.auth.signUp.mutate({ email: "weakling@example.test", displayName: "Weakling" });
    const token = await emailedToken(app, smtp, "weakling@example.test", "/welcome");
    for (const [password, why] of [
      ["1111111111", /too easy to guess\. Repeated characters/],
      ["password12", /too easy to guess\. This is a commonly used password\./],
      ["qwertyuiop", /too easy to guess/],
      ["Weakling2026!", /too easy to guess\. It contains your name, your email address/], // the account's own name
    ] as const) {
      const error = await expectRefusal(client.auth.finishSignUp.mutate({ token, password }), "BAD_REQUEST", why);
      expect((error as { data?: { fieldErrors?: Record<string, string[]> } }).data?.fieldErrors?.password).toEqual([
        expect.stringMatching(why),
      ]);
    }
    expect(await app.db.user.findUniqueOrThrow({ where: { email: "weakling@example.test" } })).toMatchObject({
      passwordHash: null,
    });
    await client.auth.finishSignUp.mutate({ token, password: "tangerine lighthouse quarrel" });
  });

  it("refuses bad sign-up input with the fields named, a password among them (the link asks for it)", async () => {
    const { client } = browserClient(app.url);
    const before = await app.db.user.count();
    const error = await expectRefusal(
      client.auth.signUp.mutate({ email: "not-an-email", displayName: "" }),
      "BAD_REQUEST",
      /Email: .*Your name: /,
    );
    expect((error as { data?: { fieldErrors?: object } }).data?.fieldErrors).toMatchObject({
      email: ["Enter a valid email address."],
    });
    await expectRefusal(
      client.auth.signUp.mutate({ ...pick(account("eager")), password: "a long enough password" } as never),
      "BAD_REQUEST",
      /password/,
    );
    await expectRefusal(
      client.auth.finishSignUp.mutate({ token: "", password: "short" }),
      "BAD_REQUEST",
      "Link: this one is incomplete; open the whole link from the email. Password: use at least 10 characters.",
    );
    expect(await app.db.user.count()).toBe(before);
  });

  it("signs in with the right password, not with a wrong one; signs out", async () => {
    const { user, client: first } = await signedInBrowser();
    const { client } = browserClient(app.url);
    await expectRefusal(
      client.auth.signIn.mutate({ email: user.email, password: "wrong password" }),
      "UNAUTHORIZED",
      "Wrong email or password",
    );
    await expectRefusal(
      client.auth.signIn.mutate({ email: "nobody@example.test", password: "wrong password" }),
      "UNAUTHORIZED",
      "Wrong email or password",
    );
    await client.auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD });
    expect(await client.auth.me.query()).toMatchObject({ email: user.email });
    await client.auth.signOut.mutate();
    expect(await client.auth.me.query()).toBeNull();
    expect(await first.auth.me.query()).toMatchObject({ email: user.email });
  });

  it("makes the first account finished on an instance its admin, and only that one", async () => {
    const fresh = await createTestApp({ SMTP_URL: smtp.url });
    try {
      const signUp = (name: string) => fresh.as(null).auth.signUp(pick(account(name)));
      const finish = async (name: string) =>
        fresh.as(null).auth.finishSignUp({
          token: await emailedToken(fresh, smtp, `${name}@example.test`, "/welcome"),
          password: account(name).password,
        });
      // A first sign-up never finished (a mistyped address) does not keep the instance
      // from having an admin: the first one finished is.
      await signUp("typo");
      const typoToken = await emailedToken(fresh, smtp, "typo@example.test", "/welcome");
      await signUp("owner");
      await signUp("guest");
      expect((await finish("owner")).role).toBe("admin");
      expect((await finish("guest")).role).toBe("user");
      const typo = await fresh.as(null).auth.finishSignUp({ token: typoToken, password: account("typo").password });
      expect(typo.role).toBe("user");
      // An address cannot claim admin by name: roles come only from user.setRole.
      expect(
        (await fresh.as(null).auth.signIn({ email: "guest@example.test", password: account("guest").password })).role,
      ).toBe("user");
    } finally {
      await fresh.close();
    }
  });

  it("extends an auth session that is half spent, and refuses an expired or tampered one", async () => {
    const { user, client } = await signedInBrowser();
    const halfSpent = new Date(Date.now() + 10 * DAY);
    await app.db.authSession.updateMany({ where: { userId: user.id }, data: { expiresAt: halfSpent } });
    await client.auth.me.query();
    const [row] = await app.db.authSession.findMany({ where: { userId: user.id } });
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);

    await app.db.authSession.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await client.auth.me.query()).toBeNull();

    const { client: other, cookies, jar } = browserClient(app.url);
    await other.auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD });
    const [cookie] = await cookies();
    const tampered = cookie!.value.slice(0, -1) + (cookie!.value.endsWith("a") ? "b" : "a");
    await jar.setCookie(`${AUTH_COOKIE}=${tampered}; Path=/`, app.url);
    expect(await other.auth.me.query()).toBeNull();
    await expectRefusal(other.session.hostCap.query(), "UNAUTHORIZED", "Sign in first");
  });

  it("refuses a cookie-authenticated mutation from another origin, and changes nothing", async () => {
    const { user, client: home, jar } = await signedInBrowser();
    const { client: evil, jar: evilJar } = browserClient(app.url, { origin: "https://evil.example" });
    for (const cookie of await jar.getCookies(app.url)) await evilJar.setCookie(cookie, app.url);
    const before = await app.db.gameSession.count();
    await expectRefusal(
      evil.session.create.mutate({ title: "Forged", startsAt: new Date(Date.now() + DAY) }),
      "FORBIDDEN",
      "Cross-origin",
    );
    await expectRefusal(evil.auth.signOut.mutate(), "FORBIDDEN", "Cross-origin");
    expect(await app.db.gameSession.count()).toBe(before);
    expect(await home.auth.me.query()).toMatchObject({ email: user.email });
  });
});

describe("the Origin check", () => {
  const forge = (client: ReturnType<typeof browserClient>["client"]) =>
    client.session.create.mutate({ title: "Forged", startsAt: new Date(Date.now() + DAY) });

  it("compares scheme, host and port: the same host on https or another port is another origin", async () => {
    const { jar } = await signedInBrowser();
    const port = Number(new URL(app.url).port);
    const before = await app.db.gameSession.count();
    for (const origin of [app.url.replace("http:", "https:"), `http://127.0.0.1:${port + 1}`, "null"]) {
      const { client: forged, jar: forgedJar } = browserClient(app.url, { origin });
      for (const cookie of await jar.getCookies(app.url)) await forgedJar.setCookie(cookie, app.url);
      await expectRefusal(forge(forged), "FORBIDDEN", "Cross-origin");
    }
    // Without a trusted proxy, X-Forwarded-Proto is the client's word and changes nothing.
    const { client: claimsHttps, jar: claimsJar } = browserClient(app.url, {
      origin: app.url.replace("http:", "https:"),
      headers: { "x-forwarded-proto": "https" },
    });
    for (const cookie of await jar.getCookies(app.url)) await claimsJar.setCookie(cookie, app.url);
    await expectRefusal(forge(claimsHttps), "FORBIDDEN", "Cross-origin");
    expect(await app.db.gameSession.count()).toBe(before);
  });

  it("behind a trusted proxy, takes the scheme the proxy saw; PUBLIC_URL and ALLOWED_ORIGINS are allowed", async () => {
    const proxied = await createTestApp({
      TRUST_PROXY: "1",
      PUBLIC_URL: "https://quorum.example",
      ALLOWED_ORIGINS: "https://admin.quorum.example:8443",
    });
    const server = await proxied.listen();
    try {
      const https = server.url.replace("http:", "https:");
      const viaProxy = { "x-forwarded-proto": "https" };
      const { client: home, jar } = browserClient(server.url, { origin: https, headers: viaProxy });
      const user = await proxied.given.user();
      await home.auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD });
      await forge(home);
      const withCookie = async (origin: string, headers: Record<string, string> = viaProxy) => {
        const { client, jar: otherJar } = browserClient(server.url, { origin, headers });
        for (const cookie of await jar.getCookies(server.url)) await otherJar.setCookie(cookie, server.url);
        return client;
      };
      await forge(await withCookie("https://quorum.example"));
      await forge(await withCookie("https://admin.quorum.example:8443"));
      await expectRefusal(forge(await withCookie(server.url)), "FORBIDDEN", "Cross-origin");
      await expectRefusal(forge(await withCookie("https://admin.quorum.example")), "FORBIDDEN", "Cross-origin");
      expect(await proxied.db.gameSession.count()).toBe(3);
    } finally {
      await server.close();
      await proxied.close();
    }
  });

  it("refuses an ALLOWED_ORIGINS entry that is not a full origin, in a sentence", () => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: "quorum.example" })).toThrow(/give each origin in full/);
    expect(loadConfig({ ALLOWED_ORIGINS: "https://Quorum.example/, http://a.example:80" }).ALLOWED_ORIGINS).toEqual([
      "https://quorum.example",
      "http://a.example",
    ]);
  });
});

describe("API tokens (Bearer)", () => {
  it("are shown once, stored hashed, authenticate scripts, and stop working at once when revoked", async () => {
    const { user, client } = await signedInBrowser();
    const created = await client.apiToken.create.mutate({ name: "season planner" });
    expect(created.token).toMatch(/^qrm_[\w-]{40,}$/);
    const listed = await client.apiToken.list.query();
    expect(listed).toEqual([
      expect.objectContaining({ id: created.id, name: "season planner", prefix: created.prefix }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(await app.db.apiToken.findFirst({ where: { tokenHash: created.token } })).toBeNull();

    const script = tokenClient(app.url, created.token);
    expect(await script.auth.me.query()).toMatchObject({ id: user.id });
    const gameSession = await script.session.create.mutate({ title: "Scripted", startsAt: new Date(Date.now() + DAY) });
    expect(gameSession.hostId).toBe(user.id);
    expect((await client.apiToken.list.query())[0]!.lastUsedAt).toBeInstanceOf(Date);

    await client.apiToken.revoke.mutate({ tokenId: created.id });
    // A dead token is refused outright, even where anonymous callers are welcome.
    await expectRefusal(script.auth.me.query(), "UNAUTHORIZED", /token is revoked, expired or mistyped/);
    await expectRefusal(script.session.list.query({}), "UNAUTHORIZED");
    await expectRefusal(script.session.hostCap.query(), "UNAUTHORIZED");
    await expectRefusal(client.apiToken.revoke.mutate({ tokenId: created.id }), "NOT_FOUND");
    await expectRefusal(tokenClient(app.url, "qrm_forged").session.hostCap.query(), "UNAUTHORIZED");
  });

  it("belong to their owner: nobody else lists or revokes them", async () => {
    const owner = await app.given.user();
    const other = await app.given.user();
    const created = await app.as(owner).apiToken.create({ name: "mine" });
    expect(await app.as(other).apiToken.list()).toEqual([]);
    await expectRefusal(app.as(other).apiToken.revoke({ tokenId: created.id }), "NOT_FOUND");
    await expectRefusal(app.as(null).apiToken.create({ name: "x" }), "UNAUTHORIZED");
    await expectRefusal(app.as(null).apiToken.list(), "UNAUTHORIZED");
    await expectRefusal(app.as(owner).apiToken.create({ name: "" }), "BAD_REQUEST", /^Name: /);
  });
});

describe("sign-in rate limits", () => {
  const callerFrom = (clientIp: string) => app.as(null, { clientIp }).auth;
  const wrong = (ip: string, email: string) =>
    expectRefusal(callerFrom(ip).signIn({ email, password: "wrong password" }), "UNAUTHORIZED");

  it("stops one address guessing at one account, even with the right password, while the owner signs in elsewhere", async () => {
    const user = await app.given.user();
    for (let i = 0; i < 3; i++) await wrong("10.0.0.1", user.email);
    await expectRefusal(
      callerFrom("10.0.0.1").signIn({ email: user.email, password: TEST_PASSWORD }),
      "TOO_MANY_REQUESTS",
      /Try again in \d+ minutes?/,
    );
    await callerFrom("10.0.0.2").signIn({ email: user.email, password: TEST_PASSWORD });
  });

  it("stops a guesser spread over many addresses at the account's own budget", async () => {
    const user = await app.given.user();
    for (let i = 1; i <= 5; i++) await wrong(`10.1.0.${i}`, user.email);
    await expectRefusal(
      callerFrom("10.1.0.99").signIn({ email: user.email, password: TEST_PASSWORD }),
      "TOO_MANY_REQUESTS",
    );
  });

  it("limits one address across many accounts, well above one account's budget (a club behind one address)", async () => {
    const users = await app.given.users(9);
    for (const user of users.slice(0, 8)) await wrong("10.9.9.9", user.email);
    await expectRefusal(
      callerFrom("10.9.9.9").signIn({ email: users[8]!.email, password: TEST_PASSWORD }),
      "TOO_MANY_REQUESTS",
    );
    await callerFrom("10.9.9.10").signIn({ email: users[8]!.email, password: TEST_PASSWORD });
  });

  it("limits new accounts per address per hour, with a sentence saying when to try again", async () => {
    const strict = await createTestApp({ SIGN_UPS_PER_IP_PER_HOUR: "3" });
    try {
      const from = (clientIp: string) => strict.as(null, { clientIp }).auth;
      for (let i = 0; i < 3; i++) await from("10.3.0.1").signUp(pick(account(`burst${i}`)));
      await expectRefusal(
        from("10.3.0.1").signUp(pick(account("burst3"))),
        "TOO_MANY_REQUESTS",
        /^Too many new accounts from your network\. Try again in \d+ minutes?\.$/,
      );
      expect(await strict.db.user.count({ where: { email: "burst3@example.test" } })).toBe(0);
      await from("10.3.0.2").signUp(pick(account("elsewhere")));
      // Each sign-up lands in someone's inbox: three an hour to one address, from anywhere,
      // whether or not it has an account (the refusal must not tell which).
      const owner = await strict.given.user();
      for (const email of [owner.email, "nobody-yet@example.test"]) {
        for (let i = 0; i < 3; i++) await from(`10.4.${i}.1`).signUp({ email, displayName: "Again" });
        await expectRefusal(
          from("10.4.9.1").signUp({ email, displayName: "Again" }),
          "TOO_MANY_REQUESTS",
          /^Too many emails were sent to this address\. Try again in \d+ minutes?\.$/,
        );
      }
    } finally {
      await strict.close();
    }
  });

  it("forgets counters an hour after their window ended, and no sooner", async () => {
    const now = new Date();
    await app.db.rateLimiterFlexible.createMany({
      data: [
        { key: "test:old", points: 3, expire: new Date(now.getTime() - 3_600_001) },
        { key: "test:recent", points: 3, expire: new Date(now.getTime() - 60_000) },
      ],
    });
    expect(await forgetExpiredSignInAttempts(app.db, now)).toBeGreaterThanOrEqual(1);
    const left = await app.db.rateLimiterFlexible.findMany({ where: { key: { startsWith: "test:" } } });
    expect(left.map((row) => row.key)).toEqual(["test:recent"]);
  });

  it("shares the budgets between server processes on one database", async () => {
    const second = await createTestApp({ ...limits, DATABASE_URL: app.config.DATABASE_URL });
    try {
      const user = await app.given.user();
      await wrong("10.2.0.1", user.email);
      await expectRefusal(
        second.as(null, { clientIp: "10.2.0.1" }).auth.signIn({ email: user.email, password: "wrong password" }),
        "UNAUTHORIZED",
      );
      await wrong("10.2.0.1", user.email);
      // Three attempts in all, through two processes: the pair's budget is spent in both.
      await expectRefusal(
        second.as(null, { clientIp: "10.2.0.1" }).auth.signIn({ email: user.email, password: TEST_PASSWORD }),
        "TOO_MANY_REQUESTS",
      );
    } finally {
      await second.close();
    }
  });
});
