import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, HOUR, TEST_PASSWORD } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { emailedToken, startSmtpServer } from "../../tests/smtp.ts";
import { sendOutgoing } from "../outgoing/sender.ts";
import { RESET_REQUESTED } from "./account-settings.ts";
import { forgetSpentEmailTokens } from "./email-tokens.ts";

const smtp = await startSmtpServer();
const app = await createTestApp({ SMTP_URL: smtp.url });
afterAll(async () => {
  await smtp.stop();
  await app.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

const NEW_PASSWORD = "a new and rather long passphrase";
let ips = 0;
/** Each test from its own address, so the per-address budgets do not leak between tests. */
const fromNewIp = () => ({ clientIp: `10.0.0.${++ips}` });

/** The token in the link to `path` in the latest email to `address`, after the outgoing job has run. */
const linkSentTo = (address: string, path: string) => emailedToken(app, smtp, address, path);

/**
 * An account whose address awaits confirmation, with its link sent: one made before
 * sign-up confirmed addresses (signing up now confirms through its own link, auth.test.ts).
 */
async function unconfirmed() {
  const user = await app.given.user({ verified: false, name: "Ada" });
  expect(await app.as(user, fromNewIp()).account.resendVerification()).toEqual({ sentTo: user.email });
  return user;
}

describe("email verification", () => {
  it("an unconfirmed address gets a confirmation link; only once it is used do other emails go to it", async () => {
    const user = await unconfirmed();
    const ada = user.email;
    expect(await app.as(user).account.get()).toMatchObject({ emailVerified: false });

    const token = await linkSentTo(ada, "/verify-email");
    expect(smtp.received[0]?.subject).toBe("Confirm your email address for Quorum");
    // Meanwhile a cancellation reaches Ada in the app only.
    const { id, host } = await app.given.session({ minPlayers: 1 });
    await app.given.join(id, user);
    await app.as(host).session.cancel({ sessionId: id });
    await sendOutgoing(app.services, app.clock.now);
    expect(smtp.to(ada)).toHaveLength(1);

    // The link works signed out. Opened again (a mail scanner may open it first), it says
    // the same; a made-up one does not.
    expect(await app.as(null).account.verifyEmail({ token })).toMatchObject({ email: ada });
    expect(await app.as(null).account.verifyEmail({ token })).toMatchObject({ email: ada });
    await expectRefusal(
      app.as(null).account.verifyEmail({ token: `${token}x` }),
      "BAD_REQUEST",
      /expired or was already used/,
    );
    expect(await app.as(user).account.get()).toMatchObject({ emailVerified: true });
    await expectRefusal(app.as(user).account.resendVerification(), "CONFLICT", "already confirmed");

    const second = await app.given.session({ minPlayers: 1 });
    await app.given.join(second.id, user);
    await app.as(second.host).session.cancel({ sessionId: second.id });
    await sendOutgoing(app.services, app.clock.now);
    expect(smtp.to(ada).at(-1)?.subject).toBe('"The Sunless Citadel" was cancelled.');
  });

  it("a new address must be confirmed again; a link sent to the old one no longer confirms anything", async () => {
    const user = await unconfirmed();
    const oldLink = await linkSentTo(user.email, "/verify-email");
    await expectRefusal(
      app.as(user).account.changeEmail({ email: "hopper@example.test", password: "wrong password" }),
      "BAD_REQUEST",
      /not your current password/,
    );
    const taken = await app.given.user();
    await expectRefusal(
      app.as(user).account.changeEmail({ email: taken.email, password: TEST_PASSWORD }),
      "BAD_REQUEST",
      /another account/i,
    );
    expect(
      await app.as(user).account.changeEmail({ email: "Hopper@Example.test", password: TEST_PASSWORD }),
    ).toMatchObject({ email: "hopper@example.test", emailVerified: false });
    await expectRefusal(app.as(null).account.verifyEmail({ token: oldLink }), "BAD_REQUEST");
    const newLink = await linkSentTo("hopper@example.test", "/verify-email");
    await app.as(null).account.verifyEmail({ token: newLink });
    expect(await app.as({ ...user, email: "hopper@example.test" }).account.get()).toMatchObject({
      emailVerified: true,
    });
  });

  it("confirmation links expire after a day", async () => {
    const user = await unconfirmed();
    const token = await linkSentTo(user.email, "/verify-email");
    app.advance(24 * HOUR + 1);
    await expectRefusal(app.as(null).account.verifyEmail({ token }), "BAD_REQUEST", /expired/);
    await app.as(user, fromNewIp()).account.resendVerification();
    await app.as(null).account.verifyEmail({ token: await linkSentTo(user.email, "/verify-email") });
    // The housekeeping job forgets the expired link and the used one.
    expect(await app.db.emailToken.count({ where: { userId: user.id } })).toBe(2);
    await forgetSpentEmailTokens(app.db, app.clock.now);
    expect(await app.db.emailToken.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("forgot password", () => {
  it("answers the same whether or not the address has an account, and mails only a real one", async () => {
    const user = await app.given.user({ verified: false });
    const known = await app.as(null, fromNewIp()).account.requestPasswordReset({ email: user.email });
    const unknown = await app.as(null, fromNewIp()).account.requestPasswordReset({ email: "nobody@example.test" });
    expect(known).toEqual({ message: RESET_REQUESTED });
    expect(unknown).toEqual(known);
    await sendOutgoing(app.services, app.clock.now);
    // Reset emails go to unconfirmed addresses too: the link is how people get back in.
    expect(smtp.received.map((m) => m.to && "value" in m.to && m.to.value[0]?.address)).toEqual([user.email]);
    expect(smtp.received[0]?.subject).toBe("Reset your Quorum password");
  });

  it("a reset link works once, within the hour, and signs out every other device", async () => {
    const user = await app.given.user();
    const phone = await app.services.lucia.createSession(user.id, {});
    const laptop = await app.services.lucia.createSession(user.id, {});
    await app.as(null, fromNewIp()).account.requestPasswordReset({ email: user.email });
    const token = await linkSentTo(user.email, "/reset-password");

    await expectRefusal(
      app.as(null).account.resetPassword({ token, password: "password123" }),
      "BAD_REQUEST",
      /password/i,
    );
    let cookie = "";
    const signedIn = await app
      .as(null, {
        setCookie: (c) => {
          cookie = c;
        },
      })
      .account.resetPassword({ token, password: NEW_PASSWORD });
    expect(signedIn).toMatchObject({ id: user.id });
    expect(cookie).toMatch(/^quorum_auth=/);
    expect((await app.services.lucia.validateSession(phone.id)).session).toBeNull();
    expect((await app.services.lucia.validateSession(laptop.id)).session).toBeNull();
    expect(await app.db.authSession.count({ where: { userId: user.id } })).toBe(1);
    await expectRefusal(
      app.as(null).account.resetPassword({ token, password: "yet another long passphrase" }),
      "BAD_REQUEST",
      /already used/,
    );
    await app.as(null, fromNewIp()).auth.signIn({ email: user.email, password: NEW_PASSWORD });

    await app.as(null, fromNewIp()).account.requestPasswordReset({ email: user.email });
    const late = await linkSentTo(user.email, "/reset-password");
    app.advance(HOUR + 1);
    await expectRefusal(app.as(null).account.resetPassword({ token: late, password: NEW_PASSWORD }), "BAD_REQUEST");
  });

  it("is rate limited per address, whether or not it has an account", async () => {
    for (let i = 0; i < 3; i++) {
      await app.as(null, fromNewIp()).account.requestPasswordReset({ email: "target@example.test" });
    }
    await expectRefusal(
      app.as(null, fromNewIp()).account.requestPasswordReset({ email: "target@example.test" }),
      "TOO_MANY_REQUESTS",
      /Try again in/,
    );
  });
});

describe("account", () => {
  it("changes the name and time zone; refuses a zone that does not exist", async () => {
    const user = await app.given.user();
    expect(
      await app.as(user).account.updateProfile({ displayName: "Ada L.", timeZone: "america/los_angeles" }),
    ).toMatchObject({ displayName: "Ada L.", timeZone: "America/Los_Angeles" });
    await expectRefusal(
      app.as(user).account.updateProfile({ timeZone: "Mars/Olympus_Mons" }),
      "BAD_REQUEST",
      /time zone/,
    );
    await expectRefusal(app.as(user).account.updateProfile({ displayName: "  " }), "BAD_REQUEST", /name/);
  });

  it("a new password needs the current one and signs out the other devices, not this one", async () => {
    const user = await app.given.user();
    const other = await app.services.lucia.createSession(user.id, {});
    const mine = await app.services.lucia.createSession(user.id, {});
    await expectRefusal(
      app.as(user).account.changePassword({ currentPassword: "nope", newPassword: NEW_PASSWORD }),
      "BAD_REQUEST",
      /current password/,
    );
    await app
      .as(user, { authSessionToken: mine.id })
      .account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect((await app.services.lucia.validateSession(other.id)).session).toBeNull();
    expect((await app.services.lucia.validateSession(mine.id)).session).not.toBeNull();
  });

  it("is for the signed-in person only; the outbox for admins only; a campaign's webhook for its GM only", async () => {
    const anonymous = app.as(null);
    await expectRefusal(anonymous.account.get(), "UNAUTHORIZED");
    await expectRefusal(anonymous.account.updateProfile({ displayName: "X" }), "UNAUTHORIZED");
    await expectRefusal(
      anonymous.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
      "UNAUTHORIZED",
    );
    await expectRefusal(anonymous.account.changeEmail({ email: "x@example.test", password: "x" }), "UNAUTHORIZED");
    await expectRefusal(anonymous.account.resendVerification(), "UNAUTHORIZED");
    await expectRefusal(anonymous.notification.preferences(), "UNAUTHORIZED");
    await expectRefusal(anonymous.notification.setPreference({ type: "last_call", email: false }), "UNAUTHORIZED");
    await expectRefusal(anonymous.outgoing.list({}), "UNAUTHORIZED");
    const player = await app.given.user();
    await expectRefusal(app.as(player).outgoing.retry({ messageId: "any" }), "FORBIDDEN", "Only admins");
    const admin = await app.given.user({ role: "admin" });
    await expectRefusal(app.as(admin).outgoing.retry({ messageId: "nothing-failed" }), "CONFLICT");

    const gm = await app.given.user();
    const campaign = await app.as(gm).campaign.create({ title: "Hooked" });
    const { inviteCode } = await app.as(gm).campaign.byId({ campaignId: campaign.id });
    await app.as(player).campaign.joinByCode({ code: inviteCode! });
    const hook = "https://discord.com/api/webhooks/1/secret";
    await expectRefusal(
      app.as(player).campaign.update({ campaignId: campaign.id, discordWebhookUrl: hook }),
      "FORBIDDEN",
    );
    expect(
      (await app.as(gm).campaign.update({ campaignId: campaign.id, discordWebhookUrl: hook })).discordWebhookUrl,
    ).toBe(hook);
    expect((await app.as(admin).campaign.byId({ campaignId: campaign.id })).discordWebhookUrl).toBe(hook);
    expect((await app.as(player).campaign.byId({ campaignId: campaign.id })).discordWebhookUrl).toBeNull();
    await expectRefusal(
      app.as(gm).campaign.update({ campaignId: campaign.id, discordWebhookUrl: hook, extra: 1 } as never),
      "BAD_REQUEST",
      /extra/,
    );
  });
});
