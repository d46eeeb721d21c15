// A webhook receiver on 127.0.0.1 and a fake network for the webhook module: names resolve through a
// table the test controls, and every connection must go to a loopback address (any other ask is
// recorded and refused, so no packet leaves the machine). Signatures are checked with WebCrypto, an
// implementation of Standard Webhooks independent of the module's node:crypto one.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, isIP, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ConnectTarget, ResolvedAddress } from '../../src/modules/webhook/adapters/network.ts';
import { POLICY } from '../../src/modules/webhook/domain/policy.ts';
import { useNetwork } from '../../src/modules/webhook/runtime.ts';
import type { Config } from '../../src/platform/config/schema.ts';
import { startTestApp, type TestApp } from './app.ts';
import { staffToken } from './staff.ts';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}
/** endless: the answer's body never ends (a chunk every few ms), to test the response size limit. */
type Behaviour = (n: number) => { status: number; delayMs?: number; body?: string; endless?: boolean };

export interface Receiver {
  port: number;
  received: Received[];
  /** What `path` answers to its n-th request (1-based); default 200. */
  behave(path: string, b: Behaviour): void;
  on(path: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const behaviours = new Map<string, Behaviour>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const n = received.filter((r) => r.path === path).length;
      const b: ReturnType<Behaviour> = (behaviours.get(path) ?? (() => ({ status: 200 })))(n);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(b.status, { 'content-type': 'text/plain' });
        if (!b.endless) return res.end(b.body ?? `answer ${n}`);
        const chunk = 'x'.repeat(16 * 1024);
        const pump = setInterval(() => (res.destroyed ? clearInterval(pump) : res.write(chunk)), 5);
        res.on('close', () => clearInterval(pump));
      }, b.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    behave: (path, b) => behaviours.set(path, b),
    on: (path) => received.filter((r) => r.path === path),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

export interface FakeNetwork {
  /** Name -> addresses; change it to make a name resolve elsewhere later. */
  names: Map<string, string[]>;
  /** Connections asked for a non-loopback address: must stay empty. */
  strayConnects: ConnectTarget[];
  connects: ConnectTarget[];
}

const isLoopback = (a: string) => (isIP(a) === 4 ? a.startsWith('127.') : a === '::1');

/** Installs the fake network in the webhook module (before or after the app boots). */
export function installFakeNetwork(): FakeNetwork {
  const net: FakeNetwork = { names: new Map(), strayConnects: [], connects: [] };
  useNetwork({
    resolve: async (hostname: string): Promise<ResolvedAddress[]> => {
      const found = net.names.get(hostname.toLowerCase());
      if (!found) throw new Error(`ENOTFOUND ${hostname}`);
      return found.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
    },
    connect: (t: ConnectTarget): Socket => {
      net.connects.push(t);
      if (!isLoopback(t.address)) {
        net.strayConnects.push(t);
        throw new Error(`test network: refused to connect to ${t.address}`);
      }
      return connect({ host: t.address, port: t.port });
    },
  });
  return net;
}

/** Retries, timeouts and breaker thresholds small enough for a test; returns a restore. */
export function quickPolicy(over: Partial<typeof POLICY> = {}): () => void {
  const saved = { ...POLICY };
  Object.assign(POLICY, {
    maxAttempts: 3,
    retryBaseMs: 300,
    retryFactor: 2,
    timeoutMs: 1000,
    breakerThreshold: 100,
    disableAfter: 3,
    leaseMs: 30_000,
    ...over,
  });
  return () => Object.assign(POLICY, saved);
}

export interface WebhookRig {
  app: TestApp;
  receiver: Receiver;
  net: FakeNetwork;
  /** A staff token with webhooks:manage. */
  token: string;
  /** `path` on the receiver, by the one name the app may deliver to (receiver.test). */
  url(path: string): string;
  stop(): Promise<void>;
}

/**
 * A test's app (user and webhook modules unless `modules` says otherwise) with the quick policy,
 * the fake network (`receiver.test`, the only allowed host, plus `names`) and a receiver.
 */
export async function startWebhookRig(
  opts: {
    modules?: string;
    config?: Partial<Config>;
    policy?: Partial<typeof POLICY>;
    names?: Record<string, string[]>;
  } = {},
): Promise<WebhookRig> {
  const restore = quickPolicy(opts.policy);
  const net = installFakeNetwork();
  net.names.set('receiver.test', ['127.0.0.1']);
  for (const [name, addresses] of Object.entries(opts.names ?? {})) net.names.set(name, addresses);
  const receiver = await startReceiver();
  const app = await startTestApp({
    MODULES: opts.modules ?? 'user,webhook',
    WEBHOOK_ALLOW_HOSTS: 'receiver.test',
    ...opts.config,
  }).catch(async (err) => {
    restore();
    await receiver.close();
    throw err;
  });
  return {
    app,
    receiver,
    net,
    token: await staffToken(app, ['webhooks:manage']),
    url: (path) => `http://receiver.test:${receiver.port}${path}`,
    stop: async () => {
      restore();
      await app.stop();
      await receiver.close();
    },
  };
}

const b64 = (bytes: ArrayBuffer) => Buffer.from(new Uint8Array(bytes)).toString('base64');

/** Standard Webhooks verification: some `v1,` signature matches HMAC-SHA256(id.timestamp.body) under the secret. */
export async function verifySignature(secret: string, r: Received, toleranceSeconds = 300): Promise<boolean> {
  const id = String(r.headers['webhook-id']);
  const ts = Number(r.headers['webhook-timestamp']);
  if (!id || !Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > toleranceSeconds) return false;
  const keyBytes = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${ts}.${r.body}`));
  const expected = `v1,${b64(mac)}`;
  return String(r.headers['webhook-signature'] ?? '')
    .split(' ')
    .includes(expected);
}
