/** A message as a channel sends it. */
export interface Outgoing {
  /** Our message id: the Message-ID of an email, the reference of an SMS. */
  messageId: string;
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
}

export interface Delivered {
  /** What the provider calls the message (the Message-ID header for email). */
  providerMessageId: string;
}

/** A way to reach people: email over SMTP or into files, SMS through a provider. */
export interface ChannelSender {
  readonly provider: string;
  send(message: Outgoing): Promise<Delivered>;
}

/**
 * A failed delivery. `permanent` when trying again cannot help (the server refused the message
 * or the recipient for good, a 5xx reply): the message fails at once instead of being retried.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean, options?: ErrorOptions) {
    super(message, options);
    this.permanent = permanent;
  }
}
