import type { AuditRecorded } from '../../../platform/auth/audit.ts';
import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { storeAuditEntry } from '../use-cases/store-audit-entry.ts';

/** audit.recorded: any module's audited action joins the log (the inbox makes a redelivery harmless). */
export const onAuditRecorded: Handler<PayloadOf<typeof AuditRecorded>> = async (ctx, event) => {
  await storeAuditEntry(ctx.em, event.payload);
};
