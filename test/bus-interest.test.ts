import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, ProductDeleted } from '../src/modules/product/contract.ts';
import { queueName, type PayloadOf } from '../src/platform/bus/index.ts';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';
import { staffToken } from './helpers/staff.ts';
import { installFakeNetwork } from './helpers/webhook.ts';

/**
 * The webhook module's queues are written only while an endpoint wants the event (bus interest):
 * nothing is written for a shop without endpoints, and nothing is lost for an endpoint that exists
 * when the event's transaction commits, even when the two race.
 */
describe('bus interest: conditional webhook queues', () => {
  let app: TestApp;
  let token: string;
  const deletedQueue = queueName('webhook', ProductDeleted.name);
  const deleted = () => ({ productId: uuidv7(), version: 2, variantIds: [] });
  const jobsFor = async (queue: string, eventId?: string) =>
    app.platform.bus.boss.findJobs(queue, eventId ? { data: { id: eventId } } : {});
  const register = async (eventTypes: string[]) => {
    const res = await app.request('POST', '/admin/webhooks', {
      token,
      body: { url: 'http://hooks.test:9/in', eventTypes },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const remove = async (id: string) =>
    expect((await app.request('DELETE', `/admin/webhooks/${id}`, { token })).statusCode).toBe(204);
  /** A publisher's transaction left open after its publish, committed by `commit()`. */
  const openPublish = () => {
    let commit!: () => void;
    const gate = new Promise<void>((r) => (commit = r));
    let published!: (id: string) => void;
    const id = new Promise<string>((r) => (published = r));
    const { bus, orm } = app.platform;
    const done = orm.em.fork().transactional(async (em) => {
      published((await bus.publish(em, ProductDeleted, deleted(), { producer: 'product' })).id);
      await gate;
    });
    return { id, commit, done };
  };
  const settledWithin = (p: Promise<unknown>, ms: number) =>
    Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

  beforeAll(async () => {
    // (deliveries go to a closed loopback port: attempts fail at once, nothing leaves the machine)
    installFakeNetwork().names.set('hooks.test', ['127.0.0.1']);
    app = await startTestApp({ WEBHOOK_ALLOW_HOSTS: 'hooks.test' });
    token = await staffToken(app, ['webhooks:manage']);
  }, 120_000);
  afterAll(() => app?.stop());

  it('a checkout in a shop without endpoints writes no webhook job; an endpoint created then an order placed gets its deliveries', async () => {
    const admin = await adminToken(app);
    const { variantId, optionId } = await stockedVariant(app, admin, { title: 'Quiet kettle', price: 900, stock: 10 });
    const order = async () => {
      const res = await checkoutAndWait(app, await guestCart(app, variantId, 1), optionId, {
        provider: 'test',
        token: 'tok_success',
      });
      expect(res.json().order.status, res.body).toBe('confirmed');
      return res.json().order.id as string;
    };
    const webhookQueues = app.platform.bus.queuesOf('order.placed.v1').filter((q) => q.startsWith('webhook/'));
    expect(webhookQueues).toEqual(['webhook/order.placed.v1']);
    await order();
    for (const event of ['order.placed.v1', 'order.confirmed.v1', 'payment.authorized.v1'])
      expect(await jobsFor(queueName('webhook', event))).toHaveLength(0);

    const endpoint = await register(['order.placed.v1', 'order.confirmed.v1']);
    const orderId = await order();
    const deliveries = await eventually(async () => {
      const rows = await app.db.query(
        `select event_type from webhook.deliveries where endpoint_id = $1 and body::jsonb->'data'->>'orderId' = $2`,
        [endpoint, orderId],
      );
      return rows.length === 2 && rows;
    }, 15_000);
    expect(deliveries.map((r: { event_type: string }) => r.event_type).sort()).toEqual([
      'order.confirmed.v1',
      'order.placed.v1',
    ]);
    // (events no endpoint wants still cost nothing)
    expect(await jobsFor(queueName('webhook', 'payment.authorized.v1'))).toHaveLength(0);
    await remove(endpoint);
  });

  it('a conditional queue has a worker (and is polled) only while an endpoint wants its events', async () => {
    const stopped = () => app.platform.bus.interestWorkers.stopped;
    const placed = queueName('webhook', 'order.placed.v1');
    expect(stopped()).toEqual(expect.arrayContaining([deletedQueue, placed]));
    const endpoint = await register([ProductDeleted.name]);
    expect(stopped()).not.toContain(deletedQueue);
    expect(stopped()).toContain(placed);
    await remove(endpoint);
    expect(stopped()).toContain(deletedQueue);
    // (still listed as worked here: /ready and the heartbeat count it as served)
    expect(app.platform.bus.workingQueues).toContain(deletedQueue);
  });

  it('a publisher locks the interest rows up to its own queue, not the ones after it', async () => {
    const pub = openPublish();
    await pub.id;
    // (rows another transaction can lock now: those the open publisher does not hold)
    const free = (
      await app.db.query<{ queue: string }>(
        `select queue from platform.bus_interest where queue like 'webhook/%' order by queue for update skip locked`,
      )
    ).map((r) => r.queue);
    pub.commit();
    await pub.done;
    expect(free).not.toContain(deletedQueue);
    expect(free.length).toBeGreaterThan(0);
    const [{ after }] = await app.db.query<{ after: boolean }>(
      `select bool_and(q > $1) as after from unnest($2::text[]) q`,
      [deletedQueue, free],
    );
    expect(after).toBe(true);
  });

  it('an endpoint registered while a publisher has read "not wanted" waits for that publisher to commit', async () => {
    const pub = openPublish();
    const id = await pub.id;
    const registering = register([ProductDeleted.name]);
    // The registration's lock waits for the open publisher (it read the interest row).
    expect(await settledWithin(registering, 500)).toBe(false);
    pub.commit();
    await pub.done;
    const endpoint = await registering;
    // That event committed before the endpoint existed: not owed to it, and no job was written.
    expect(await jobsFor(deletedQueue, id)).toHaveLength(0);
    const { id: after } = await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, ProductDeleted, deleted(), { producer: 'product' }));
    await eventually(async () => {
      const rows = await app.db.query('select 1 from webhook.deliveries where endpoint_id = $1 and event_id = $2', [
        endpoint,
        after,
      ]);
      return rows.length === 1;
    }, 10_000);
    await remove(endpoint);
    const pub2 = openPublish();
    pub2.commit();
    await pub2.done;
    expect(await jobsFor(deletedQueue, await pub2.id)).toHaveLength(0);
  });

  it('a publisher of two events, the later queue first, and an interest change between them: no deadlock, no retry', async () => {
    const { bus, orm } = app.platform;
    const created = (): PayloadOf<typeof ProductCreated> => ({
      productId: uuidv7(),
      version: 1,
      handle: `interest-${uuidv7().slice(-8)}`,
      title: 'Interest',
      status: 'draft',
      categoryIds: [],
      collectionIds: [],
      thumbnail: null,
      variants: [],
    });
    let second!: () => void;
    const gate = new Promise<void>((r) => (second = r));
    let first!: () => void;
    const firstRead = new Promise<void>((r) => (first = r));
    // webhook/product.deleted.v1, then webhook/product.created.v1: the change locks in queue order,
    // so it holds product.created's row (which the publisher's second read wants) before it reaches
    // product.deleted's (which the publisher holds), unless the publisher's first read took both.
    const publisher = orm.em.fork().transactional(async (em) => {
      await bus.publish(em, ProductDeleted, deleted(), { producer: 'product' });
      first();
      await gate;
      await bus.publish(em, ProductCreated, created(), { producer: 'product' });
    });
    await firstRead;
    const change = orm.em.fork().transactional((em) => bus.updateInterest(em, 'webhook', async () => []));
    expect(await settledWithin(change, 300)).toBe(false); // it waits for the publisher
    second();
    await expect(publisher).resolves.toBeUndefined();
    await expect(change).resolves.toBeUndefined();
  });

  it('a publisher that reads while an interest change is uncommitted waits for it and then writes the job', async () => {
    const { bus, orm } = app.platform;
    let commit!: () => void;
    const gate = new Promise<void>((r) => (commit = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const change = orm.em.fork().transactional(async (em) => {
      await bus.updateInterest(em, 'webhook', async () => [ProductDeleted.name]);
      locked();
      await gate;
    });
    await isLocked;
    const pub = openPublish();
    // The publisher's read of the interest row waits for the change's commit.
    expect(await settledWithin(pub.id, 500)).toBe(false);
    commit();
    await change;
    await bus.applyInterest(); // (what a consumer does once its change committed: the queue's worker starts)
    const id = await pub.id;
    pub.commit();
    await pub.done;
    // It committed after the change did: its job was written (the handler ran: no endpoint wants it).
    await eventually(async () => (await app.db.query('select 1 from webhook.inbox where event_id = $1', [id])).length);
    // Back to what the endpoints want (none): later events cost no job.
    const endpoint = await register(['product.created.v1']);
    await remove(endpoint);
    const pub2 = openPublish();
    pub2.commit();
    await pub2.done;
    expect(await jobsFor(deletedQueue, await pub2.id)).toHaveLength(0);
  });
});
