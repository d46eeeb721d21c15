// The templates, by the name each message records.
export { welcome } from './welcome.ts';
export { orderConfirmation } from './order-confirmation.ts';
export { orderCanceled } from './order-canceled.ts';
export { orderShipped, orderShippedSms } from './order-shipped.ts';
export { webhookDisabled } from './webhook-disabled.ts';
export { emailVerification, passwordReset, registrationAttempt, staffInvite } from './account.ts';
export type { Rendered, TemplateContext } from './layout.ts';

export const TEMPLATES = [
  'welcome',
  'order_confirmation',
  'order_canceled',
  'order_shipped',
  'order_shipped_sms',
  'webhook_disabled',
  'password_reset',
  'email_verification',
  'staff_invite',
  'registration_attempt',
] as const;
export type TemplateName = (typeof TEMPLATES)[number];
