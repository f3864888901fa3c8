// The development mailbox: a server without SMTP_URL writes each email to MAIL_DIR as an
// .eml file. seed-demo reads its people's sign-up emails there, as a person reads an inbox.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";

/**
 * The newest email to `to` written since `since`, waiting up to `timeoutMs` for the
 * server's outgoing job (every few seconds) to write it.
 */
export async function emailTo(mailDir: string, to: string, since: Date, timeoutMs = 30_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await newestTo(mailDir, to, since);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `No email to ${to} appeared in ${mailDir}: run the server without SMTP_URL (it then writes mail there), or pass --mail-dir with its MAIL_DIR.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function newestTo(mailDir: string, to: string, since: Date): Promise<ParsedMail | null> {
  const names = await readdir(mailDir).catch(() => [] as string[]);
  const recent: { path: string; written: number }[] = [];
  for (const name of names.filter((n) => n.endsWith(".eml"))) {
    const path = join(mailDir, name);
    const written = (await stat(path)).mtimeMs;
    if (written >= since.getTime()) recent.push({ path, written });
  }
  recent.sort((a, b) => b.written - a.written);
  for (const { path } of recent) {
    const mail = await simpleParser(await readFile(path));
    const recipients = [mail.to ?? []].flat().flatMap((address) => address.value.map((v) => v.address));
    if (recipients.includes(to)) return mail;
  }
  return null;
}

/** The link to `path` on the server in an email's text, if it holds one. */
export function linkIn(mail: ParsedMail, path: string): URL | null {
  for (const match of (mail.text ?? "").matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname === path) return url;
  }
  return null;
}
