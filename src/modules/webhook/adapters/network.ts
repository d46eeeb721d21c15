// The only way out of the module to a receiver. Names are resolved once, every resolved address is
// judged (domain/address.ts), and the connection goes to the address judged, never to a second
// lookup, so a name that changes its answer between check and connect (DNS rebinding) gains nothing.
// Resolver and connector are injectable: tests resolve names themselves and keep every packet local.
import { request } from 'node:http';
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { allowListMatcher, canonicalAddress, isPublicAddress } from '../domain/address.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;
export interface ConnectTarget {
  address: string;
  family: 4 | 6;
  port: number;
  /** The URL's host name, for TLS (SNI and certificate check). */
  servername: string;
  tls: boolean;
}
export type Connector = (target: ConnectTarget) => Socket;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export const systemConnector: Connector = (t) =>
  t.tls
    ? tlsConnect({ host: t.address, port: t.port, servername: isIP(t.servername) ? undefined : t.servername })
    : tcpConnect({ host: t.address, port: t.port });

/** A destination refused: the message says why (shown to staff at registration, logged on a delivery). */
export class DestinationRefused extends Error {}

export interface Egress {
  allowPrivate: boolean;
  allowHosts: string[];
  resolve: Resolver;
  connect: Connector;
}

/** Parses and judges a URL; returns the address to connect to. */
export async function checkDestination(egress: Egress, rawUrl: string): Promise<ConnectTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new DestinationRefused('not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DestinationRefused('only http and https');
  if (url.username || url.password) throw new DestinationRefused('credentials in the URL are not allowed');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const literal = canonicalAddress(hostname);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: literal, family: isIP(literal) === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await egress.resolve(hostname);
    } catch {
      throw new DestinationRefused(`${hostname} does not resolve`);
    }
  }
  if (!addresses.length) throw new DestinationRefused(`${hostname} does not resolve`);
  const allowed = allowListMatcher(egress.allowHosts);
  // Every answer must pass: a name with one public and one private address could be steered to the latter.
  for (const a of addresses)
    if (!egress.allowPrivate && !isPublicAddress(a.address) && !allowed(hostname, a.address))
      throw new DestinationRefused(`${hostname} resolves to a non-public address (${a.address})`);
  const tls = url.protocol === 'https:';
  return {
    ...addresses[0],
    port: url.port ? Number(url.port) : tls ? 443 : 80,
    servername: hostname,
    tls,
  };
}

export interface PostResult {
  statusCode: number;
  excerpt: string;
  latencyMs: number;
}

/**
 * POSTs the body to the pinned address. Rejects on a timeout (the whole exchange), a connection
 * error; an answer over `maxBytes` is cut there (its status still counts). Redirects are not followed.
 */
export function post(
  egress: Egress,
  target: ConnectTarget,
  url: string,
  headers: Record<string, string>,
  body: string,
  limits: { timeoutMs: number; maxBytes: number; excerptChars: number },
): Promise<PostResult> {
  const u = new URL(url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({
      method: 'POST',
      host: target.servername,
      port: target.port,
      path: `${u.pathname}${u.search}`,
      headers: {
        ...headers,
        host: u.host,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Tessera-Webhooks/1',
      },
      // (no agent: node opens the socket through createConnection only then, never by a lookup of its own)
      createConnection: () => egress.connect(target),
    });
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${limits.timeoutMs} ms`)), limits.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        clearTimeout(timer);
        const excerpt = Buffer.concat(chunks).toString('utf8').slice(0, limits.excerptChars);
        resolve({ statusCode: res.statusCode ?? 0, excerpt, latencyMs: Math.round(performance.now() - started) });
      };
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limits.maxBytes) chunks.push(chunk);
        else {
          res.destroy();
          done();
        }
      });
      res.on('end', done);
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    req.end(body);
  });
}
