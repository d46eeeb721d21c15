import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { REPORT_REASONS } from '../domain/limits.ts';

/** A report of abuse: one per account and review (a second one replaces the reason). */
export const AbuseReport = defineEntity({
  name: 'AbuseReport',
  schema: 'review',
  tableName: 'abuse_reports',
  properties: {
    reviewId: p.uuid().primary(),
    customerId: p.uuid().primary(),
    reason: p.enum(REPORT_REASONS),
    note: p.text().nullable(),
    reportedAt: p.datetime().defaultRaw('now()'),
  },
});
export type AbuseReport = InferEntity<typeof AbuseReport>;
