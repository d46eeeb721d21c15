// What happened to an order, oldest first: the recorded timeline (saga events and staff actions)
// where the server keeps one, otherwise the moments the order, its payments and shipments carry.
import { useEffect, useState } from 'react';
import { Badge, Text, Timeline as MantineTimeline, Title } from '@mantine/core';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import type { TimelineEntry } from './timeline-api.ts';
import type { OrderData } from './useOrder.ts';
import { formatMoney, formatTime, statusLabel } from './format.ts';

interface Moment {
  at: string;
  kind: string;
  summary: string;
  actor?: string;
}

const amountOf = (d: Record<string, unknown>, currency: string) =>
  typeof d.amount === 'number' ? ` ${formatMoney(d.amount, currency)}` : '';
const trackingOf = (d: Record<string, unknown>) =>
  typeof d.trackingNumber === 'string' ? ` (tracking ${d.trackingNumber})` : '';

function fromRecorded(entries: TimelineEntry[], currency: string, staff: Map<string, string>): Moment[] {
  return entries.map((e) => ({
    at: e.occurredAt,
    kind: e.kind,
    summary: statusLabel(e.kind) + amountOf(e.details, currency) + trackingOf(e.details),
    actor: e.actor ? `by ${staff.get(e.actor.staffId) ?? 'staff'}` : undefined,
  }));
}

function derived({ order, payments, shipments }: OrderData): Moment[] {
  const m: Moment[] = [];
  const add = (at: string | null | undefined, kind: string, summary: string) => at && m.push({ at, kind, summary });
  if (!order) return m;
  add(order.createdAt, 'placed', `placed by ${order.email}`);
  add(order.confirmedAt, 'confirmed', 'confirmed');
  add(order.canceledAt, 'canceled', `canceled${order.cancelReason ? `: ${order.cancelReason}` : ''}`);
  for (const p of payments) {
    add(p.authorizedAt, 'payment_authorized', `payment authorized ${formatMoney(p.amount, p.currency)}`);
    add(p.capturedAt, 'payment_captured', `payment captured ${formatMoney(p.capturedAmount, p.currency)}`);
    add(p.failedAt, 'payment_failed', `payment failed${p.failureReason ? `: ${p.failureReason}` : ''}`);
    for (const r of p.refunds)
      add(
        r.completedAt ?? r.createdAt,
        `refund_${r.status}`,
        `refund ${r.status} ${formatMoney(r.amount, r.currency)}`,
      );
  }
  for (const s of shipments) {
    add(s.shippedAt, 'shipped', `shipped with ${s.carrier ?? 'carrier'}, tracking ${s.trackingNumber ?? '—'}`);
    add(s.deliveredAt, 'delivered', 'delivered');
    add(s.canceledAt, 'shipment_canceled', 'shipment canceled');
  }
  return m.sort((a, b) => a.at.localeCompare(b.at));
}

/** The emails of the staff who acted on the order, for those allowed to read the staff list. */
function useStaffEmails(entries: TimelineEntry[] | null): Map<string, string> {
  const { can } = useSession();
  const [emails, setEmails] = useState(new Map<string, string>());
  const ids = [...new Set((entries ?? []).flatMap((e) => (e.actor ? [e.actor.staffId] : [])))].sort().join(',');
  useEffect(() => {
    if (!ids || !can('staff:read')) return;
    void Promise.all(ids.split(',').map((id) => api.GET('/admin/staff/{id}', { params: { path: { id } } }))).then(
      (answers) => setEmails(new Map(answers.flatMap(({ data }) => (data ? [[data.id, data.email]] : [])))),
    );
  }, [ids, can]);
  return emails;
}

export function OrderTimeline({ data }: { data: OrderData }) {
  const currency = data.order?.currency ?? 'EUR';
  const staff = useStaffEmails(data.timeline);
  const moments = data.timeline ? fromRecorded(data.timeline, currency, staff) : derived(data);
  return (
    <section aria-label="Timeline">
      <Title order={2} size="h3" mb="sm">
        Timeline
      </Title>
      {!data.timeline && (
        <Text size="xs" c="gray.7" mb="xs">
          Pieced together from the order, its payments and shipments.
        </Text>
      )}
      <MantineTimeline bulletSize={14} lineWidth={2}>
        {moments.map((e, i) => (
          <MantineTimeline.Item key={`${e.kind}-${e.at}-${i}`} title={e.summary}>
            <Text size="xs" c="gray.7">
              {formatTime(e.at)}
              {e.actor ? ` · ${e.actor}` : ''}
            </Text>
            <Badge autoContrast size="xs" variant="default">
              {e.kind}
            </Badge>
          </MantineTimeline.Item>
        ))}
      </MantineTimeline>
    </section>
  );
}
