// What a server on the open internet needs: security headers on every response, a
// bound on request bodies, and a compressed, well-cached web client. Over real HTTP.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { clientDistDir } from "../src/http/static-client.ts";
import { createServedTestApp, createTestApp } from "./app.ts";
import { replyError, tokenClient } from "./http-client.ts";

const app = await createServedTestApp();
const clientBuilt = existsSync(path.join(clientDistDir, "index.html"));

/** A raw GET, so nothing (no fetch decompression, no cache) stands between the test and the bytes. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .once("error", reject);
  });
}

describe("security headers", () => {
  const expectSecurityHeaders = (headers: http.IncomingHttpHeaders) => {
    const csp = String(headers["content-security-policy"]);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("unsafe-inline");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-powered-by"]).toBeUndefined();
  };

  it("are on the API, a 404, the calendar feed and (when built) the page; HSTS only in production", async () => {
    const user = await app.given.user();
    const { url: feedUrl } = await app.as(user).calendar.rotateFeedUrl();
    const feedPath = new URL(feedUrl).pathname;
    const responses = [
      await get(`${app.url}/trpc/auth.me`),
      await get(`${app.url}/trpc/no.such.procedure`),
      await get(`${app.url}${feedPath}`),
      await get(`${app.url}/calendar/not-a-feed.ics`),
      await get(`${app.url}/healthz`),
      ...(clientBuilt ? [await get(`${app.url}/`), await get(`${app.url}/sessions/some-id`)] : []),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 404, 200, 404, 200, ...(clientBuilt ? [200, 200] : [])]);
    for (const response of responses) {
      expectSecurityHeaders(response.headers);
      expect(response.headers["strict-transport-security"]).toBeUndefined();
    }
    // The feed still reads as a calendar to calendar programs.
    expect(responses[2]!.headers["content-type"]).toBe("text/calendar; charset=utf-8");

    const production = await createTestApp({ NODE_ENV: "production", PUBLIC_URL: "https://quorum.example" });
    const server = await production.listen();
    try {
      const answer = await get(`${server.url}/healthz`);
      expect(answer.headers["strict-transport-security"]).toBe("max-age=31536000");
      expect(String(answer.headers["content-security-policy"])).toContain("upgrade-insecure-requests");
    } finally {
      await server.close();
      await production.close();
    }
  });
});

describe("request limits", () => {
  it("refuses a body over the limit with 413 before reading it, and changes nothing", async () => {
    const url = new URL(`${app.url}/trpc/session.create`);
    const before = await app.db.gameSession.count();
    const answer = await new Promise<{ status: number; body: string; sentBytes: number }>((resolve, reject) => {
      const request = http.request(url, {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": String(10_000_000), origin: app.url },
      });
      let sentBytes = 0;
      request.on("response", (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, sentBytes }));
      });
      request.on("error", reject);
      // 64 KB of the promised 10 MB, then wait: the answer must come without the rest.
      const chunk = Buffer.alloc(65_536, "x");
      request.write(chunk);
      sentBytes += chunk.length;
    });
    expect(answer.status).toBe(413);
    expect(answer.sentBytes).toBeLessThan(10_000_000);
    expect(replyError(answer.body).message).toBe("That request is too large: at most 1,000 KB.");
    expect(await app.db.gameSession.count()).toBe(before);
  });

  it("refuses a body without a declared length once it passes the limit", async () => {
    const { token } = await app.as(await app.given.user()).apiToken.create({ name: "chunked" });
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${app.url}/trpc/session.create`, {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "transfer-encoding": "chunked",
          authorization: `Bearer ${token}`,
        },
      });
      request.on("response", (answer) => {
        let body = "";
        answer.setEncoding("utf8");
        answer.on("data", (chunk: string) => {
          body += chunk;
        });
        answer.on("end", () => resolve({ status: answer.statusCode ?? 0, body }));
      });
      request.on("error", reject);
      const chunk = Buffer.alloc(65_536, "x");
      for (let sent = 0; sent < 2_000_000; sent += chunk.length) request.write(chunk);
      request.end();
    });
    expect(response.status).toBe(413);
    expect(replyError(response.body).message).toBe("That request is too large: at most 1,000 KB.");
  });

  it("still takes an ordinary request", async () => {
    const { token } = await app.as(await app.given.user()).apiToken.create({ name: "limits" });
    const created = await tokenClient(app.url, token).session.create.mutate({
      title: "x".repeat(100),
      description: "d".repeat(5_000),
      startsAt: new Date(Date.now() + 86_400_000),
    });
    expect(created.description).toHaveLength(5_000);
  });
});

describe.runIf(clientBuilt)("the built web client", () => {
  const assets = clientBuilt ? readdirSync(path.join(clientDistDir, "assets")) : [];
  const script = assets.find((name) => name.endsWith(".js"))!;

  it("is sent compressed to browsers that accept it, decoding to the same bytes", async () => {
    const original = readFileSync(path.join(clientDistDir, "assets", script));
    const brotli = await get(`${app.url}/assets/${script}`, { "accept-encoding": "br, gzip" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.body.length).toBeLessThan(original.length);
    expect(brotliDecompressSync(brotli.body).equals(original)).toBe(true);
    const gzip = await get(`${app.url}/assets/${script}`, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);
    const plain = await get(`${app.url}/assets/${script}`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it("caches hashed files for good and checks the page on every load", async () => {
    const asset = await get(`${app.url}/assets/${script}`);
    expect(asset.headers["cache-control"]).toBe("public,max-age=31536000,immutable");
    for (const page of ["/", "/index.html", "/sessions/some-id"]) {
      expect((await get(`${app.url}${page}`)).headers["cache-control"]).toBe("private, no-cache");
    }
  });
});
