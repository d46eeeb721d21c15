// A real SMTP server for tests (smtp-server on 127.0.0.1, a random port): it keeps every message it
// receives, parsed (headers, subject, text and HTML parts), and can be told to refuse messages,
// for a while or for good, to test retries and failures. Point SMTP_URL at `server.url`.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope sender and recipients (MAIL FROM / RCPT TO). */
  envelope: { from: string; to: string[] };
  /** Header names in lower case; the last value of a repeated header. */
  headers: Record<string, string>;
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
  raw: string;
  receivedAt: number;
}

/** Every DATA the server saw, accepted or refused, in order. */
export interface SmtpAttempt {
  at: number;
  to: string[];
  subject: string;
  messageId: string;
  accepted: boolean;
  reply?: string;
}

export interface RejectRule {
  /** Only messages to this recipient (case-insensitive) or matching this pattern; all when absent. */
  to?: string | RegExp;
  /** Refuse this many matching messages, then accept again; for ever when absent. */
  times?: number;
  /** SMTP reply code: 4xx is temporary (worth a retry), 5xx permanent. Default 451. */
  code?: number;
  message?: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  /** Accepted messages, in order. */
  messages: ReceivedMail[];
  attempts: SmtpAttempt[];
  /** Refuse messages by the rule; returns a function that lifts the rule. */
  reject(rule?: RejectRule): () => void;
  /** Accepted messages to a recipient (case-insensitive). */
  to(address: string): ReceivedMail[];
  /** Waits for an accepted message that matches, and returns it. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Forgets the messages, attempts and rules. */
  reset(): void;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const attempts: SmtpAttempt[] = [];
  let rules: (RejectRule & { left: number })[] = [];
  const waiters = new Set<() => void>();

  const ruleFor = (to: string[]) =>
    rules.find(
      (r) =>
        r.left > 0 &&
        (!r.to || to.some((a) => (typeof r.to === 'string' ? a.toLowerCase() === r.to.toLowerCase() : r.to!.test(a)))),
    );

  const onData = (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    done: (err?: Error | null, message?: string) => void,
  ) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', done);
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const to = session.envelope.rcptTo.map((r) => r.address);
      const mail = parseMail(raw, { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to });
      const rule = ruleFor(to);
      const attempt: SmtpAttempt = {
        at: Date.now(),
        to,
        subject: mail.subject,
        messageId: mail.messageId,
        accepted: !rule,
      };
      attempts.push(attempt);
      if (rule) {
        rule.left -= 1;
        const code = rule.code ?? 451;
        attempt.reply = `${code} ${rule.message ?? 'Try again later'}`;
        return done(
          Object.assign(new Error(rule.message ?? (code >= 500 ? 'Message refused' : 'Try again later')), {
            responseCode: code,
          }),
        );
      }
      messages.push(mail);
      for (const wake of waiters) wake();
      done(null, 'OK: queued');
    });
  };

  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS (nodemailer would upgrade and distrust the built-in cert), no AUTH.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData,
  });
  server.on('error', () => {}); // a client hanging up mid-session is not a test failure
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    attempts,
    reject(rule = {}) {
      const entry = { ...rule, left: rule.times ?? Infinity };
      rules.push(entry);
      return () => {
        rules = rules.filter((r) => r !== entry);
      };
    },
    to: (address) => messages.filter((m) => m.envelope.to.some((a) => a.toLowerCase() === address.toLowerCase())),
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching mail in ${timeoutMs} ms (received: ${messages.map((m) => `${m.to} "${m.subject}"`).join(', ') || 'none'})`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    reset() {
      messages.length = 0;
      attempts.length = 0;
      rules = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// A small MIME reader: enough for what nodemailer writes (folded headers, RFC 2047 encoded words,
// nested multiparts, quoted-printable and base64 bodies in UTF-8).

/** Parses a raw RFC 5322 message. */
export function parseMail(raw: string, envelope: { from: string; to: string[] } = { from: '', to: [] }): ReceivedMail {
  const root = parsePart(raw.replace(/\r\n/g, '\n'));
  const leaves = flatten(root);
  const body = (type: string) =>
    leaves.find((p) => p.type === type && !/attachment/i.test(p.headers['content-disposition'] ?? ''))?.body ?? '';
  const h = root.headers;
  return {
    envelope,
    headers: h,
    from: decodeWords(h.from ?? ''),
    to: decodeWords(h.to ?? ''),
    subject: decodeWords(h.subject ?? ''),
    messageId: (h['message-id'] ?? '').trim(),
    text: body('text/plain'),
    html: body('text/html'),
    raw,
    receivedAt: Date.now(),
  };
}

interface Part {
  headers: Record<string, string>;
  type: string;
  params: Record<string, string>;
  body: string;
  parts: Part[];
}

function parsePart(source: string): Part {
  const split = source.indexOf('\n\n');
  const head = split < 0 ? source : source.slice(0, split);
  const rest = split < 0 ? '' : source.slice(split + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const [typeValue, ...paramList] = (headers['content-type'] ?? 'text/plain; charset=utf-8').split(';');
  const params: Record<string, string> = {};
  for (const p of paramList) {
    const eq = p.indexOf('=');
    if (eq > 0)
      params[p.slice(0, eq).trim().toLowerCase()] = p
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  const type = typeValue.trim().toLowerCase();
  if (type.startsWith('multipart/') && params.boundary) {
    const delimiter = `--${params.boundary}`;
    const sections = rest.split(new RegExp(`^${escapeRegExp(delimiter)}(?:--)?[ \\t]*$`, 'm'));
    // sections[0] is the preamble, the last one the epilogue after the closing delimiter
    const parts = sections.slice(1, -1).map((s) => parsePart(s.replace(/^\n/, '').replace(/\n$/, '')));
    return { headers, type, params, body: '', parts };
  }
  return {
    headers,
    type,
    params,
    body: decodeBody(rest, headers['content-transfer-encoding'], params.charset),
    parts: [],
  };
}

const flatten = (p: Part): Part[] => (p.parts.length ? p.parts.flatMap(flatten) : [p]);

function decodeBody(body: string, encoding = '7bit', charset = 'utf-8'): string {
  const decoder = new TextDecoder(charset.toLowerCase());
  switch (encoding.toLowerCase()) {
    case 'base64':
      return decoder.decode(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
    case 'quoted-printable':
      return decoder.decode(qpBytes(body.replace(/[ \t]+$/gm, '').replace(/=\n/g, '')));
    default:
      return body.replace(/\n$/, '');
  }
}

function qpBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(s[i], 'utf8'));
  }
  return Uint8Array.from(out);
}

/** RFC 2047: =?charset?B|Q?...?= words; whitespace between two encoded words is dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, enc: string, text: string) => {
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qpBytes(text.replace(/_/g, ' '));
      return new TextDecoder(charset.toLowerCase().split('*')[0]).decode(bytes);
    });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
