// Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over "id.timestamp.body"
// keyed by the base64 bytes after `whsec_`, sent as `v1,<base64>`; several signatures are space-separated.
import { createHmac, randomBytes } from 'node:crypto';

export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export const isSecret = (s: string) => /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(s);

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers; during a rotation's overlap, one signature per live secret. */
export function signedHeaders(secrets: string[], id: string, timestamp: number, body: string) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => sign(s, id, timestamp, body)).join(' '),
  };
}
