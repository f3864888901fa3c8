// The metrics listener: METRICS_PORT on METRICS_HOST (loopback by default), apart from
// the public port so a reverse proxy never exposes it by accident; with METRICS_TOKEN
// set it also asks for `Authorization: Bearer <token>`.
import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { Config } from "../config.ts";

export type MetricsSource = () => Promise<{ contentType: string; body: string }>;

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export function serveMetrics(
  config: Pick<Config, "METRICS_PORT" | "METRICS_HOST" | "METRICS_TOKEN">,
  source: MetricsSource,
  onError: (error: unknown) => void,
): http.Server | null {
  if (!config.METRICS_PORT) return null;
  const server = http.createServer(async (req, res) => {
    if ((req.url ?? "/").split("?")[0] !== "/metrics") return void res.writeHead(404).end("Not found");
    if (config.METRICS_TOKEN && !tokenMatches(req.headers.authorization, config.METRICS_TOKEN)) {
      return void res.writeHead(401, { "www-authenticate": "Bearer" }).end("A metrics token is required.");
    }
    try {
      const { contentType, body } = await source();
      res.writeHead(200, { "content-type": contentType }).end(body);
    } catch (error) {
      onError(error);
      res.writeHead(500).end("Metrics are unavailable.");
    }
  });
  server.listen(config.METRICS_PORT, config.METRICS_HOST);
  return server;
}
