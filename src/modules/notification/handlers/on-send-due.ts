import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { SendDue } from '../use-cases/send-due.ts';
import { startDueAttempt } from '../use-cases/start-due-attempt.ts';

/** notification.send_due (the module's own task): the next delivery attempt of a message. */
export const onSendDue: Handler<PayloadOf<typeof SendDue>> = async ({ em, log, afterCommit }, task) => {
  const { messageId, attempt } = task.payload;
  await startDueAttempt(em, messageId, attempt, { afterCommit, correlationId: task.correlationId, log });
};
