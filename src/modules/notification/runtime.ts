import type { Platform } from '../../platform/host/platform.ts';
import { createEmailSender, parseFrom, type EmailSender } from './adapters/email.ts';
import { logSmsSender, type SmsSender } from './adapters/sms.ts';
import type { TemplateContext } from './domain/templates/index.ts';

interface NotificationState {
  platform: Platform;
  email: EmailSender;
  sms: SmsSender;
  templates: TemplateContext;
}

let state: NotificationState | undefined;

/** Set once at start, before any handler or route runs (handlers are defined before the platform exists). */
export function initNotification(platform: Platform): void {
  const { SMTP_URL, MAIL_FROM, DATA_DIR } = platform.config;
  const log = platform.log.child({ module: 'notification' });
  state = {
    platform,
    email: createEmailSender({ SMTP_URL, MAIL_FROM, DATA_DIR }),
    sms: logSmsSender(log),
    templates: { shopName: parseFrom(MAIL_FROM).name ?? 'Tessera' },
  };
}

export function notification(): NotificationState {
  if (!state) throw new Error('notification module used before its setup ran');
  return state;
}
