// WEB_CONCURRENCY: one command, several server processes sharing the port, one
// metrics endpoint for the machine, and a refusal to run several on SQLite.
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createTestApp, type TestApp } from "./app.ts";
import { freePort, printed, startTs, stop } from "./processes.ts";
import { testProvider } from "./setup/test-database.ts";

/** GET over a fresh connection each time, so the cluster may hand it to any worker. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

describe("configuration for several processes", () => {
  it("refuses several processes on a SQLite file, with a sentence saying what to do", () => {
    expect(() => loadConfig({ WEB_CONCURRENCY: "2", DATABASE_URL: "file:./data/x.db" })).toThrow(
      /Several server processes need PostgreSQL/,
    );
  });

  it("refuses metrics reachable beyond this machine without a token", () => {
    expect(() => loadConfig({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" })).toThrow(/need a METRICS_TOKEN/);
    expect(loadConfig({ METRICS_PORT: "9464" }).METRICS_HOST).toBe("127.0.0.1");
  });
});

// node:cluster with several workers needs PostgreSQL (see above).
describe.runIf(testProvider === "postgresql")("WEB_CONCURRENCY=2 on PostgreSQL", () => {
  let app: TestApp;
  let server: ChildProcess;
  let url: string;
  let metricsUrl: string;
  const token = "a-metrics-token-for-tests";

  beforeAll(async () => {
    app = await createTestApp({}, { realClock: true });
    const [port, metricsPort] = [await freePort(), await freePort()];
    url = `http://127.0.0.1:${port}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    server = startTs("src/main.ts", {
      DATABASE_URL: app.config.DATABASE_URL,
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "2",
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN: token,
    });
    // Both workers say they listen.
    let listening = 0;
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on("data", (chunk: Buffer) => {
        listening += chunk.toString().split("listening on").length - 1;
        if (listening >= 2) resolve();
      });
      server.once("exit", (code) => reject(new Error(`the cluster exited (${code}) before listening`)));
    });
  }, 60_000);

  afterAll(async () => {
    await stop(server);
    await app.close();
  });

  it("serves from two processes on one port, each healthy", async () => {
    const processes = new Set<string>();
    for (let i = 0; i < 40 && processes.size < 2; i++) {
      const { status, body } = await get(`${url}/healthz`);
      expect(status).toBe(200);
      processes.add((JSON.parse(body) as { process: string }).process);
    }
    expect(processes.size).toBe(2);
  });

  it("serves one /metrics for the machine, summed over the workers, only with the token", async () => {
    for (let i = 0; i < 6; i++) await get(`${url}/trpc/auth.me`);
    expect((await get(metricsUrl)).status).toBe(401);
    expect((await get(metricsUrl, { authorization: "Bearer wrong-token-of-some-length" })).status).toBe(401);
    const { status, body } = await get(metricsUrl, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    const calls = body.match(/^quorum_requests_total\{procedure="auth\.me",type="query",outcome="ok"\} (\d+)$/m);
    expect(Number(calls?.[1])).toBe(6);
    expect(body).toMatch(/^quorum_request_duration_seconds_bucket\{/m);
    expect(body).toMatch(/^quorum_job_runs_total\{job="presence-timeout",outcome="ok"\} \d+$/m);
  });

  it("replaces a worker that dies", async () => {
    const { body } = await get(`${url}/healthz`);
    const pid = Number((JSON.parse(body) as { process: string }).process.split(":")[1]);
    process.kill(pid, "SIGKILL");
    await printed(server, "starting another");
    const processes = new Set<string>();
    for (let i = 0; i < 100 && processes.size < 2; i++) {
      const answer = await get(`${url}/healthz`).catch(() => null);
      if (answer?.status === 200) processes.add((JSON.parse(answer.body) as { process: string }).process);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(processes.size).toBe(2);
    expect([...processes].some((p) => p.includes(`:${pid}:`))).toBe(false);
  });
});
