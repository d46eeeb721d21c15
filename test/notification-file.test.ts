import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { parseMail } from './helpers/smtp.ts';

/** Zero-config mail: without SMTP_URL every message is written as an .eml file under DATA_DIR/mail. */
describe('notification: mail as .eml files when no SMTP server is configured', () => {
  let app: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-mail-'));
    app = await startTestApp({ MODULES: 'user,notification', DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the welcome mail to DATA_DIR/mail/<message id>.eml and logs it as sent', async () => {
    const { email } = await registerCustomer(app);
    const mailDir = join(dataDir, 'mail');
    // Registration also mails an email verification link: this test follows the welcome mail.
    const [file, mail] = await eventually(async () =>
      readdirSync(mailDir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => [f, parseMail(readFileSync(join(mailDir, f), 'utf8'))] as const)
        .find(([, m]) => m.subject.startsWith('Welcome')),
    );
    expect(mail.to).toBe(email);
    expect(mail.from).toBe('Tessera <shop@tessera.local>');
    expect(mail.subject).toBe('Welcome to Tessera');
    expect(mail.text).toContain('Hi Ada,');
    expect(mail.html).toContain('Welcome to Tessera');
    expect(readdirSync(mailDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const admin = await adminToken(app);
    const message = await eventually(async () => {
      const res = await app.request('GET', `/admin/notifications?to=${encodeURIComponent(email)}&template=welcome`, {
        token: admin,
      });
      const [m] = res.json().items;
      return m?.status === 'sent' && m;
    });
    expect(message.providerMessageId).toBe(mail.messageId);
    expect(file).toBe(`${message.id}@tessera.local.eml`);
  });
});
