import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ShipmentCreated } from '../src/modules/shipping/contract.ts';
import { DeliveriesPurgeDue } from '../src/modules/webhook/handlers/on-purge-due.ts';
import { webhookDb } from '../src/modules/webhook/entities/webhook-db.ts';
import { finishedDeliveriesBefore, purgeDeliveries } from '../src/modules/webhook/use-cases/purge-deliveries.ts';
import { taskQueueName } from '../src/platform/bus/handler.ts';
import { query } from '../src/platform/db/index.ts';
import { eventually, publishAs, type TestApp } from './helpers/app.ts';
import { startWebhookRig, type WebhookRig } from './helpers/webhook.ts';

/** The delivery log does not grow for ever: finished deliveries older than the retention go, with their attempts. */
describe('webhook: delivery log retention', () => {
  let rig: WebhookRig;
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    rig = await startWebhookRig();
    ({ app, token } = rig);
  }, 120_000);
  afterAll(() => rig?.stop());

  it('books its hourly run at start, and drops only finished deliveries older than the cut-off', async () => {
    const booked = await app.platform.bus.boss.findJobs(taskQueueName(DeliveriesPurgeDue), { queued: true });
    expect(booked).toHaveLength(1);
    expect(booked[0].startAfter.getTime()).toBeGreaterThan(Date.now());

    const res = await app.request('POST', '/admin/webhooks', {
      token,
      body: { url: rig.url('/hook'), eventTypes: ['shipment.created.v1'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const endpointId = res.json().id as string;
    for (let i = 0; i < 3; i++)
      await publishAs(app, 'shipping', ShipmentCreated, { shipmentId: uuidv7(), orderId: uuidv7() });
    const list = async () =>
      (await app.request('GET', `/admin/webhooks/deliveries?endpointId=${endpointId}`, { token })).json().items as {
        id: string;
        status: string;
      }[];
    const [oldDone, oldPending, recent] = await eventually(async () => {
      const items = await list();
      return items.length === 3 && items.every((d) => d.status === 'succeeded') && items;
    });
    // (made old by hand: one finished, one still pending, the third left as it is)
    const em = app.platform.orm.em.fork();
    const aged = "now() - interval '40 days'";
    await query(em, `update webhook.deliveries set updated_at = ${aged} where id = $1`, [oldDone.id]);
    await query(em, `update webhook.deliveries set updated_at = ${aged}, status = 'pending' where id = $1`, [
      oldPending.id,
    ]);

    expect(await purgeDeliveries(em, new Date(Date.now() - 30 * 86_400_000))).toBe(1);
    expect((await list()).map((d) => d.id).sort()).toEqual([oldPending.id, recent.id].sort());
    expect(await query(em, 'select 1 from webhook.attempts where delivery_id = $1', [oldDone.id])).toEqual([]);
    expect((await app.request('GET', `/admin/webhooks/deliveries/${oldDone.id}`, { token })).statusCode).toBe(404);
  });

  it('finds what it drops through its partial index, not by reading the whole log', async () => {
    // The table is small here, so the planner would scan it anyway: forbidding the scan asks
    // whether an index serves the purge's exact predicate at all (without one, the plan names none).
    const plan = await app.platform.orm.em.fork().transactional(async (em) => {
      await query(em, 'set local enable_seqscan = off');
      return finishedDeliveriesBefore(webhookDb(em), new Date()).explain('json');
    });
    expect(JSON.stringify(plan)).toContain('"Index Name":"deliveries_purge_idx"');
  });
});
