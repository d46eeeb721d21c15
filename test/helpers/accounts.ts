import type { ReceivedMail, TestSmtpServer } from './smtp.ts';

/** The token of a mailed link (`...?token=<id>.<secret>`). */
export function tokenIn(mail: ReceivedMail): string {
  const match = /[?&]token=([^\s"&<]+)/.exec(mail.text);
  if (!match) throw new Error(`no token link in mail "${mail.subject}"`);
  return decodeURIComponent(match[1]);
}

/** Waits for a mail to `to` whose subject matches, and returns its token. */
export async function mailedToken(smtp: TestSmtpServer, to: string, subject: RegExp): Promise<string> {
  const mail = await smtp.waitFor((m) => m.envelope.to.includes(to) && subject.test(m.subject));
  return tokenIn(mail);
}

/** The payload of a JWT, unverified (the tests read what a token claims). */
export const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
