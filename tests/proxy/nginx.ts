// A real nginx (Debian's package) in front of server processes, configured as the
// README tells operators to: SSE unbuffered, long reads, the client's address forwarded.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { until } from "../processes.ts";
import { testTmpDir } from "../setup/paths.ts";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
/** CI installs nginx and must run these tests; elsewhere they are skipped without it. */
export const haveNginx = existsSync(NGINX) || process.env.CI === "true";

export function nginxConfig(port: number, upstreams: string[], prefix: string): string {
  return `
worker_processes 1;
error_log ${prefix}/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;

  upstream quorum {
${upstreams.map((address) => `    server ${address} max_fails=1 fail_timeout=10s;`).join("\n")}
    keepalive 16;
  }

  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://quorum;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Live updates are Server-Sent Events: pass each one on at once, keep streams open.
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
      # A process that went away: try the next one (nginx retries only idempotent requests).
      proxy_next_upstream error timeout;
    }
  }
}
`;
}

export async function startNginx(
  port: number,
  upstreams: string[],
): Promise<{ url: string; stop: () => Promise<void> }> {
  const prefix = join(testTmpDir, `nginx-${port}`);
  mkdirSync(prefix, { recursive: true });
  const conf = join(prefix, "nginx.conf");
  writeFileSync(conf, nginxConfig(port, upstreams, prefix));
  const child: ChildProcess = spawn(NGINX, ["-p", prefix, "-c", conf, "-g", "daemon off;"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  // Up once it answers (any answer: the upstreams may still be starting).
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}); see ${prefix}/error.log`);
      return fetch(`${url}/healthz`).then(
        () => true,
        () => false,
      );
    },
    "nginx to start",
    5_000,
    50,
  );
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGQUIT");
      await exited;
    },
  };
}
