// A real SMTP server for tests (smtp-server), whose received messages are parsed with
// mailparser. It can refuse (4xx or 5xx), hold messages mid-DATA, stop and start again
// on the same port.
import type { AddressInfo, Socket } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
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
