// A real SMTP server for tests (smtp-server), whose received messages are parsed with
// mailparser. It can refuse (4xx or 5xx), hold messages mid-DATA, stop and start again
// on the same port. And the emailed links: read from it, as a person reads an inbox.
import type { AddressInfo, Socket } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { QuorumClient as QuorumRouterClient } from "../scripts/client.ts";
import { linkIn } from "../scripts/dev-mailbox.ts";
import { sendOutgoing } from "../src/outgoing/sender.ts";
import type { Services } from "../src/services.ts";
import { until } from "./processes.ts";

export type Received = ParsedMail & { envelopeTo: string[] };
type Refusal = { code: number; message: string };

export async function startSmtpServer() {
  const received: Received[] = [];
  let refusal: Refusal | null = null;
  let hold: Promise<void> | null = null;
  let held = 0;
  const sockets = new Set<Socket>();
  let port = 0;
  let server: SMTPServer | null = null;

  const listen = async () => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      closeTimeout: 200,
      onData(stream, session, callback) {
        void simpleParser(stream).then(async (mail) => {
          // Read now: the session is reset if the client goes away while the message is held.
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          if (hold) {
            held += 1;
            await hold;
            held -= 1;
          }
          if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          received.push(Object.assign(mail, { envelopeTo }));
          callback();
        }, callback);
      },
    });
    smtp.on("error", () => {}); // a client that vanishes mid-message is the test's doing
    smtp.server.on("connection", (socket: Socket) => {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", resolve));
    port = (smtp.server.address() as AddressInfo).port;
    server = smtp;
  };
  await listen();

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Answer every message with this SMTP code (4xx: try later, 5xx: never), or accept again (null). */
    refuse(code: number | null, message = code && code >= 500 ? "Mailbox unavailable" : "Try again later") {
      refusal = code ? { code, message } : null;
    },
    /** Holds every message after its DATA until the returned release() (a slow server). */
    holdMessages() {
      let release = () => {};
      hold = new Promise((resolve) => {
        release = () => {
          hold = null;
          resolve();
        };
      });
      return release;
    },
    /** How many messages have arrived whole and wait on holdMessages() now. */
    get held() {
      return held;
    },
    /** Cuts every open connection without a word (a network failure mid-conversation). */
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    /** Down: connections are refused until start(). */
    async stop() {
      const current = server;
      server = null;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start: listen,
    async waitFor(count: number, what = `${count} messages`) {
      await until(() => received.length >= count, what, 20_000);
      return received;
    },
    to(address: string) {
      return received.filter((mail) => mail.envelopeTo.includes(address));
    },
  };
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** The link to `path` in the latest email to `address`, once `app`'s outgoing job has run. */
export async function emailedLink(
  app: { services: Services },
  smtp: SmtpServer,
  address: string,
  path: string,
): Promise<URL> {
  await sendOutgoing(app.services, app.services.now());
  const mail = smtp.to(address).at(-1);
  const link = mail && linkIn(mail, path);
  if (!link) throw new Error(`no ${path} link in the last email to ${address}: ${mail?.text}`);
  return link;
}

/** The token the link to `path` in the latest email to `address` carries. */
export async function emailedToken(app: { services: Services }, smtp: SmtpServer, address: string, path: string) {
  return (await emailedLink(app, smtp, address, path)).searchParams.get("token") ?? "";
}

/**
 * Signs up the way a person does, over `client`: asks for the account, opens the link in
 * the email, chooses the password there (which signs `client` in).
 */
export async function signUpByEmail(
  app: { services: Services },
  smtp: SmtpServer,
  client: { auth: Pick<QuorumRouterClient["auth"], "signUp" | "finishSignUp"> },
  account: { email: string; displayName: string; password: string },
) {
  await client.auth.signUp.mutate({ email: account.email, displayName: account.displayName });
  const token = await emailedToken(app, smtp, account.email.toLowerCase(), "/welcome");
  return client.auth.finishSignUp.mutate({ token, password: account.password });
}
