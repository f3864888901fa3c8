// Hands emails to the SMTP server in SMTP_URL (a pool of connections), or, without one,
// writes each to MAIL_DIR as an .eml file: the development mailbox, which any mail
// program opens.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { RenderedEmail } from "./email-content.ts";

export type Mailer = {
  send: (id: string, to: string, email: RenderedEmail) => Promise<void>;
  close: () => void;
};

/** Where mail goes, for the one line the server logs at start. */
export function mailDestination(config: Pick<Config, "SMTP_URL" | "MAIL_DIR">): string {
  return config.SMTP_URL
    ? `Email is sent through the SMTP server at ${new URL(config.SMTP_URL).host}.`
    : `Email is not sent (no SMTP_URL): each message is written to ${config.MAIL_DIR} instead.`;
}

export function createMailer(config: Pick<Config, "SMTP_URL" | "MAIL_FROM" | "MAIL_DIR">, log?: Logger): Mailer {
  const message = (to: string, email: RenderedEmail) => ({
    from: config.MAIL_FROM,
    to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: email.headers,
  });
  if (config.SMTP_URL) {
    const smtp = nodemailer.createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: 5,
      // The pool would send a message again on a new connection when its connection closed
      // mid-delivery, which may already have delivered it. The outgoing job decides instead.
      maxRequeues: 0,
      // Bounded, so a claimed message is settled well within the sender's claim timeout.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    return {
      send: async (_id, to, email) => {
        await smtp.sendMail(message(to, email));
      },
      close: () => smtp.close(),
    };
  }
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    send: async (id, to, email) => {
      const { message: raw } = await files.sendMail(message(to, email));
      await mkdir(config.MAIL_DIR, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = join(config.MAIL_DIR, `${stamp}-${id}.eml`);
      await writeFile(file, raw as Buffer);
      // Whoever runs Quorum without SMTP reads its mail here: the links are one click away
      // in the log (sign-up's link, for one, is the only way to finish creating an account).
      const links = email.text.match(/https?:\/\/\S+/g) ?? [];
      log?.info({ to, subject: email.subject, file, links }, `Email to ${to}: ${email.subject}`);
    },
    close: () => files.close(),
  };
}
