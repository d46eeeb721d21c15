// Email through nodemailer: SMTP when SMTP_URL is set, otherwise each message is written as an
// .eml file under DATA_DIR/mail (zero-config start: open it in any mail client).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import addressparser from 'nodemailer/lib/addressparser';
import { DeliveryError, type ChannelSender, type Delivered, type Outgoing } from './channel.ts';

export interface EmailSettings {
  SMTP_URL?: string;
  MAIL_FROM: string;
  DATA_DIR: string;
}

// Short enough that a dead server fails an attempt long before its lease runs out (DELIVERY.leaseMs).
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** The sender of MAIL_FROM: its display name is the shop's name, its domain names our Message-IDs. */
export function parseFrom(from: string): { name: string | null; address: string; domain: string } {
  const [first] = addressparser(from, { flatten: true });
  const address = first?.address || from;
  return { name: first?.name || null, address, domain: address.split('@')[1] || 'localhost' };
}

export interface EmailSender extends ChannelSender {
  readonly provider: 'smtp' | 'file';
}

/**
 * The recipient must be exactly one bare address: the order contract's email is a plain string, and
 * "a@x.com, b@y.com" must not turn one shopper's mail into a mail to two people.
 */
function checkRecipient(to: string): void {
  const parsed = addressparser(to, { flatten: true });
  if (
    parsed.length !== 1 ||
    parsed[0].name ||
    parsed[0].address !== to.trim() ||
    !/^[^@\s]+@[^@\s]+$/.test(parsed[0].address)
  ) {
    throw new DeliveryError(`invalid recipient address ${JSON.stringify(to)}`, true);
  }
}

/**
 * nodemailer is loaded with the first message, not at start (its import is ~0.1 s of CPU, and a
 * process that sends no mail never pays it); the transport is made once, then.
 */
function lazily<T>(make: (mailer: typeof import('nodemailer')) => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make(createRequire(import.meta.url)('nodemailer')) }).value;
}

export function createEmailSender(settings: EmailSettings): EmailSender {
  const { domain } = parseFrom(settings.MAIL_FROM);
  // One Message-ID per message, the same on every attempt: a receiver that got a copy from an
  // attempt we believe failed (a timeout after the server accepted) can tell it is the same message.
  const envelope = (m: Outgoing) => ({
    from: settings.MAIL_FROM,
    to: m.to,
    subject: m.subject ?? '',
    text: m.text,
    ...(m.html ? { html: m.html } : {}),
    messageId: `<${m.messageId}@${domain}>`,
  });
  if (settings.SMTP_URL) {
    const transport = lazily((mailer) => mailer.createTransport({ url: settings.SMTP_URL, ...SMTP_TIMEOUTS }));
    return {
      provider: 'smtp',
      async send(m): Promise<Delivered> {
        checkRecipient(m.to);
        try {
          const info = await transport().sendMail(envelope(m));
          return { providerMessageId: info.messageId };
        } catch (err) {
          throw asDeliveryError(err);
        }
      },
    };
  }
  const dir = resolve(settings.DATA_DIR, 'mail');
  const transport = lazily((mailer) => mailer.createTransport({ streamTransport: true, buffer: true }));
  return {
    provider: 'file',
    async send(m): Promise<Delivered> {
      checkRecipient(m.to);
      const info = await transport().sendMail(envelope(m));
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${info.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_')}.eml`);
      // Written whole, then renamed: a reader never sees half a message.
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return { providerMessageId: info.messageId };
    },
  };
}

/** Nodemailer marks a 5xx reply (but 503) permanent; connection failures and 4xx replies are worth a retry. */
function asDeliveryError(err: unknown): DeliveryError {
  const e = err as Error & { permanent?: boolean; responseCode?: number; code?: string };
  const permanent =
    e.permanent ?? (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode !== 503);
  const detail = [e.code, e.message].filter(Boolean).join(': ');
  return new DeliveryError(detail || String(err), permanent, { cause: err });
}
