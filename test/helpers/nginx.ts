// The real nginx (/usr/sbin/nginx) in front of test processes, configured by the same generator as
// deploy/gateway/*.conf (only the upstream addresses differ). It runs unprivileged, from a temp
// folder, on a free port of 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RouteEntry } from '../../src/platform/gateway/collect-routes.ts';
import type { Layout } from '../../src/platform/gateway/layouts.ts';
import { nginxServer } from '../../src/platform/gateway/nginx.ts';
import { locationsFor } from '../../src/platform/gateway/route-table.ts';

export const NGINX = '/usr/sbin/nginx';
const root = resolve(import.meta.dirname, '../..');
export const routeTable = (): RouteEntry[] => JSON.parse(readFileSync(join(root, 'deploy/routes.json'), 'utf8')).routes;

/** A port nothing listens on right now (the OS picks it; a tiny race we accept in tests). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export interface Gateway {
  url: string;
  config: string;
  log: () => string;
  stop(): Promise<void>;
}

/** Starts nginx with the layout's locations, sending each group to `upstreams[group]`. */
export async function startGateway(layout: Layout, upstreams: Record<string, string[]>): Promise<Gateway> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-nginx-'));
  const port = await freePort();
  copyFileSync(join(root, 'deploy/openapi.json'), join(dir, 'openapi.json'));
  const server = nginxServer(locationsFor(routeTable(), layout), layout, {
    listen: `127.0.0.1:${port}`,
    openapiFile: join(dir, 'openapi.json'),
    upstreams,
  });
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${join(dir, t)};`)
    .join('\n');
  const config = `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents { worker_connections 512; }\nhttp {\n  access_log ${dir}/access.log;\n${temp}\n${server}\n}\n`;
  writeFileSync(join(dir, 'nginx.conf'), config);
  // As root (CI), nginx runs as `nobody`: never as root, and it must read its folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(dir, 0o777);
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const log = () => {
    try {
      return out + readFileSync(join(dir, 'error.log'), 'utf8');
    } catch {
      return out;
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}:\n${log()}`);
    const up = await fetch(`${url}/docs/json`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    if (Date.now() > until) throw new Error(`nginx did not answer:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    config,
    log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
