// SMS behind one small interface, so a real provider (Twilio, MessageBird) is one class away.
// The `log` provider is the zero-config one: it writes the text to the application log, and the
// message log keeps it like any other message.
import type { Logger } from 'pino';
import type { ChannelSender, Delivered, Outgoing } from './channel.ts';

export interface SmsSender extends ChannelSender {}

export function logSmsSender(log: Logger): SmsSender {
  return {
    provider: 'log',
    async send(m: Outgoing): Promise<Delivered> {
      log.info({ sms: { to: m.to, text: m.text, messageId: m.messageId } }, 'SMS (log provider)');
      return { providerMessageId: `log:${m.messageId}` };
    },
  };
}

/** A phone number as an SMS provider takes it (E.164-like: optional +, digits), or null if it is not one. */
export function smsNumber(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const compact = phone.replace(/[\s().-]/g, '');
  return /^\+?[0-9]{6,15}$/.test(compact) ? compact : null;
}
