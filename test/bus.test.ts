import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { UserRegistered } from '../src/modules/user/contract.ts';
import { EventBus, queueName } from '../src/platform/bus/bus.ts';
import { query } from '../src/platform/db/sql.ts';
import { migrateModules } from '../src/platform/db/migrate.ts';
import {
  adminToken,
  eventually,
  ledgerModuleDir,
  registerCustomer,
  startTestApp,
  uniqueEmail,
  type TestApp,
} from './helpers/app.ts';

const payloadFor = (email = uniqueEmail()) => ({
  userId: uuidv7(),
  email,
  firstName: null,
  lastName: null,
  registeredAt: new Date().toISOString(),
});

describe('event bus', () => {
  let app: TestApp;
  const ledgerRows = (eventId: string) => app.db.query('select * from ledger.entries where event_id = $1', [eventId]);
  const ledgerByEmail = (email: string) => app.db.query('select * from ledger.entries where email = $1', [email]);
  /** The jobs carrying the event, in every queue the bus routes user.registered to (pg-boss's findJobs). */
  const jobsOf = async (eventId: string) => {
    const { bus } = app.platform;
    const found = await Promise.all(
      bus.queuesOf(UserRegistered.name).map((q) => bus.boss.findJobs(q, { data: { id: eventId } })),
    );
    return found.flat();
  };
  const jobIn = async (queue: string, eventId: string) =>
    (await app.platform.bus.boss.findJobs(queue, { data: { id: eventId } }))[0];

  beforeAll(async () => {
    app = await startTestApp({ EXTRA_MODULES: ledgerModuleDir });
  });
  afterAll(() => app?.stop());

  it('delivers a committed event to its subscriber with the trace id of the request that caused it', async () => {
    const traceId = 'a'.repeat(8) + 'b'.repeat(24);
    const email = uniqueEmail();
    const res = await app.request('POST', '/store/auth/register', {
      body: { email, password: 'Correct-horse-9' },
      headers: { traceparent: `00-${traceId}-0123456789abcdef-01` },
    });
    expect(res.statusCode).toBe(201);
    const [row] = await eventually(async () => {
      const r = await ledgerByEmail(email);
      return r.length ? r : undefined;
    });
    expect(row.correlation_id).toBe(traceId);
    expect(row.user_id).toBe(res.json().customer.id);
  });

  it('a rolled-back transaction delivers nothing', async () => {
    const { bus, orm } = app.platform;
    let rolledBack = '';
    await expect(
      orm.em.fork().transactional(async (em) => {
        rolledBack = (await bus.publish(em, UserRegistered, payloadFor(), { producer: 'user' })).id;
        throw new Error('business rule failed after publishing');
      }),
    ).rejects.toThrow('business rule failed');
    expect(rolledBack).not.toBe('');
    // A marker published after it is handled; by then the rolled-back one would have been too.
    const marker = await orm.em
      .fork()
      .transactional((em) => bus.publish(em, UserRegistered, payloadFor(), { producer: 'user' }));
    await eventually(async () => (await ledgerRows(marker.id)).length === 1);
    expect(await jobsOf(rolledBack)).toHaveLength(0);
    expect(await ledgerRows(rolledBack)).toHaveLength(0);
  });

  it('publishAll: several events in one write per queue, each delivered once; rolled back together', async () => {
    const { bus, orm } = app.platform;
    const payloads = [payloadFor(), payloadFor(), payloadFor()];
    const envs = await orm.em
      .fork()
      .transactional((em) => bus.publishAll(em, UserRegistered, payloads, { producer: 'user' }));
    expect(new Set(envs.map((e) => e.id)).size).toBe(3);
    for (const [i, env] of envs.entries()) {
      const [row] = await eventually(async () => {
        const r = await ledgerRows(env.id);
        return r.length ? r : undefined;
      });
      expect(row.email).toBe(payloads[i].email);
    }
    let dropped: string[] = [];
    await expect(
      orm.em.fork().transactional(async (em) => {
        dropped = (await bus.publishAll(em, UserRegistered, [payloadFor(), payloadFor()], { producer: 'user' })).map(
          (e) => e.id,
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    for (const id of dropped) expect(await jobsOf(id)).toHaveLength(0);
    await expect(
      orm.em
        .fork()
        .transactional((em) =>
          bus.publishAll(em, UserRegistered, [payloadFor(), { ...payloadFor(), email: 'nope' }], { producer: 'user' }),
        ),
    ).rejects.toThrow(/payload of user.registered.v1 is invalid/);
  });

  it('one failing event in a batch: the batch is run again event by event, the others commit once, only it is retried', async () => {
    const { bus, orm } = app.platform;
    const [good1, poison, good2] = [payloadFor(), payloadFor(`poison-${uniqueEmail()}`), payloadFor()];
    // One write, one commit: the worker fetches all three as one batch.
    const envs = await orm.em
      .fork()
      .transactional((em) => bus.publishAll(em, UserRegistered, [good1, poison, good2], { producer: 'user' }));
    const rows = await eventually(async () => {
      const r = await app.db.query('select event_id, txid from ledger.entries where event_id = any($1::uuid[])', [
        [envs[0].id, envs[2].id],
      ]);
      return r.length === 2 ? r : undefined;
    });
    // Both good events were handled in one transaction, the one that committed after the poison's savepoint rolled back.
    expect(rows[0].txid).toBe(rows[1].txid);
    const retried = await eventually(
      async () => {
        const job = await jobIn(queueName('ledger', UserRegistered.name), envs[1].id);
        return job && job.retryCount >= 1 ? job : undefined;
      },
      10_000,
      50,
    );
    expect(retried.output).toMatchObject({ message: 'poison event' });
    expect(await ledgerRows(envs[1].id)).toHaveLength(0);
    expect(await app.db.query('select * from ledger.inbox where event_id = $1', [envs[1].id])).toHaveLength(0);
    // The good ones stay handled once, however often the poison comes back.
    await new Promise((r) => setTimeout(r, 1500));
    for (const env of [envs[0], envs[2]]) {
      expect(await ledgerRows(env.id)).toHaveLength(1);
      expect(await app.db.query('select * from ledger.inbox where event_id = $1', [env.id])).toHaveLength(1);
    }
  });

  it('two processes on one queue: each event runs once; a failed handler leaves the job to retry, without effects', async () => {
    const { bus, orm, config } = app.platform;
    await migrateModules(orm, config.DATABASE_URL!, [{ schema: 'race' }]); // its schema and inbox
    // The second "process": an EventBus of its own on the same database and queue.
    const other = new EventBus({
      url: config.DATABASE_URL!,
      log: app.platform.log,
      notify: true,
      pollSeconds: 0.5,
      batchSize: 5,
      retryLimit: 2,
      retryDelaySeconds: 60,
      retryDelayMaxSeconds: 60,
    });
    await other.start();
    const runs = new Map<string, string[]>();
    let crashOnce = true;
    const handler = (who: string) => async (_ctx: unknown, event: { id: string; payload: { email: string } }) => {
      if (event.payload.email.startsWith('crash-') && crashOnce) {
        crashOnce = false;
        throw new Error('the process died mid-handler');
      }
      runs.set(event.id, [...(runs.get(event.id) ?? []), who]);
      await new Promise((r) => setTimeout(r, 5)); // a handler that takes a while: the other worker must skip its jobs, not wait
    };
    try {
      await bus.declare('race', UserRegistered.name);
      await bus.boss.updateQueue('race/user.registered.v1', { retryDelay: 60, retryBackoff: false }); // a retry stays visible
      await bus.consume(orm, 'race', UserRegistered, handler('one') as never, { commitEach: true });
      await other.consume(orm, 'race', UserRegistered, handler('two') as never);
      const envs = await orm.em.fork().transactional((em) =>
        bus.publishAll(
          em,
          UserRegistered,
          Array.from({ length: 60 }, () => payloadFor()),
          { producer: 'user' },
        ),
      );
      await eventually(async () => envs.every((e) => runs.has(e.id)), 10_000, 20);
      expect(envs.every((e) => runs.get(e.id)!.length === 1)).toBe(true);
      expect(new Set(envs.map((e) => runs.get(e.id)![0]))).toEqual(new Set(['one', 'two'])); // both took a share
      // A handler that throws leaves the job on the queue, charged one attempt, and nothing of its
      // effects (its transaction, inbox row included, rolled back).
      await other.stop();
      const crash = await orm.em
        .fork()
        .transactional((em) =>
          bus.publish(em, UserRegistered, payloadFor(`crash-${uniqueEmail()}`), { producer: 'user' }),
        );
      const job = await eventually(
        async () => {
          const j = await jobIn('race/user.registered.v1', crash.id);
          return j?.state === 'retry' ? j : undefined;
        },
        5000,
        20,
      );
      expect(job).toMatchObject({ state: 'retry', retryCount: 0 });
      expect(runs.has(crash.id)).toBe(false);
      expect(await app.db.query('select 1 from race.inbox where event_id = $1', [crash.id])).toHaveLength(0);
    } finally {
      await other.stop();
      bus.undeclare('race', UserRegistered.name);
    }
  });

  it('BUS_CONCURRENCY bounds the batches in flight across every queue of a process', async () => {
    const { orm, config, log } = app.platform;
    const consumers = ['slot_a', 'slot_b', 'slot_c'];
    for (const schema of consumers) await migrateModules(orm, config.DATABASE_URL!, [{ schema }]);
    // A process of its own, with one slot.
    const other = new EventBus({
      url: config.DATABASE_URL!,
      log,
      notify: true,
      pollSeconds: 0.5,
      batchSize: 5,
      concurrency: 1,
      retryLimit: 2,
      retryDelaySeconds: 60,
      retryDelayMaxSeconds: 60,
    });
    await other.start();
    let running = 0,
      most = 0,
      handled = 0;
    const handler = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
      handled++;
    };
    try {
      for (const c of consumers) await app.platform.bus.declare(c, UserRegistered.name);
      for (const c of consumers) await other.consume(orm, c, UserRegistered, handler, { commitEach: true });
      await orm.em.fork().transactional((em) =>
        app.platform.bus.publishAll(
          em,
          UserRegistered,
          Array.from({ length: 10 }, () => payloadFor()),
          { producer: 'user' },
        ),
      );
      await eventually(async () => handled === 30, 10_000, 20);
      expect(most).toBe(1);
    } finally {
      await other.stop();
      for (const c of consumers) app.platform.bus.undeclare(c, UserRegistered.name);
    }
  });

  it('a batch whose commit fails is charged like a failing handler: retried later, not claimed again and again', async () => {
    const { bus, orm, config } = app.platform;
    await migrateModules(orm, config.DATABASE_URL!, [{ schema: 'late' }]);
    await app.db.query(
      `create table if not exists late.refs (id int primary key, ref int references late.refs(id) deferrable initially deferred)`,
    );
    const queue = await bus.declare('late', UserRegistered.name);
    await bus.boss.updateQueue(queue, { retryDelay: 60, retryBackoff: false });
    let calls = 0;
    // The handler succeeds; the row it writes breaks a deferred constraint, checked only at commit.
    await bus.consume(orm, 'late', UserRegistered, async (ctx) => {
      calls++;
      await query(ctx.em, 'insert into late.refs (id, ref) values ($1, 999999)', [calls]);
    });
    try {
      const env = await orm.em
        .fork()
        .transactional((em) => bus.publish(em, UserRegistered, payloadFor(), { producer: 'user' }));
      const job = await eventually(
        async () => {
          const j = await jobIn(queue, env.id);
          return j?.state === 'retry' ? j : undefined;
        },
        5000,
        20,
      );
      expect(job.output).toMatchObject({ message: expect.stringMatching(/foreign key/) });
      await new Promise((r) => setTimeout(r, 500));
      expect(calls).toBe(1); // not claimed again before its retry is due
      expect(await app.db.query('select 1 from late.inbox where event_id = $1', [env.id])).toHaveLength(0);
    } finally {
      bus.undeclare('late', UserRegistered.name);
    }
  });

  it('refuses to publish outside a transaction or with a payload that breaks the contract', async () => {
    const { bus, orm } = app.platform;
    await expect(bus.publish(orm.em.fork(), UserRegistered, payloadFor(), { producer: 'user' })).rejects.toThrow(
      /written inside a transaction/,
    );
    await expect(
      orm.em
        .fork()
        .transactional((em) =>
          bus.publish(em, UserRegistered, { ...payloadFor(), email: 'not-an-email' }, { producer: 'user' }),
        ),
    ).rejects.toThrow(/payload of user.registered.v1 is invalid: \/email/);
  });

  it('fans out: every subscribed module gets its own copy in its own queue', async () => {
    const { bus, orm } = app.platform;
    const auditQueue = await bus.declare('audit', UserRegistered.name);
    try {
      const env = await orm.em
        .fork()
        .transactional((em) => bus.publish(em, UserRegistered, payloadFor(), { producer: 'user' }));
      const jobs = await jobsOf(env.id);
      const subscribed = bus.queuesOf(UserRegistered.name);
      expect(subscribed).toEqual(expect.arrayContaining([auditQueue, queueName('ledger', UserRegistered.name)]));
      // Exactly one copy per subscribed queue (the notification module is a subscriber too).
      expect(jobs.map((j) => j.name).sort()).toEqual(subscribed.sort());
    } finally {
      bus.undeclare('audit', UserRegistered.name);
      await bus.boss.deleteQueue(auditQueue);
    }
  });

  it('a redelivered event has no second effect', async () => {
    const { bus, orm } = app.platform;
    const env = await orm.em
      .fork()
      .transactional((em) => bus.publish(em, UserRegistered, payloadFor(), { producer: 'user' }));
    await eventually(async () => (await ledgerRows(env.id)).length === 1);
    // The same envelope delivered twice more, as a crash between commit and ack would do.
    const queue = queueName('ledger', UserRegistered.name);
    const again = [await bus.boss.send(queue, env), await bus.boss.send(queue, env)];
    // Both are completed, without running the handler again.
    await eventually(async () => {
      const jobs = await Promise.all(again.map((id) => bus.boss.findJobs(queue, { id: id! })));
      return jobs.flat().every((j) => j.state === 'completed');
    });
    expect(await ledgerRows(env.id)).toHaveLength(1);
    expect(await app.db.query('select * from ledger.inbox where event_id = $1', [env.id])).toHaveLength(1);
  });

  it('a failing handler is retried with backoff, then dead-lettered; staff list it and replay it', async () => {
    const admin = await adminToken(app);
    await app.db.query('update ledger.switch set fail = true');
    const { id: userId } = await registerCustomer(app);
    const dead = await eventually(
      async () => {
        const res = await app.request('GET', '/admin/events/dead', { token: admin });
        return res.json().items.find((d: any) => d.payload.userId === userId);
      },
      20_000,
      200,
    );
    expect(dead).toMatchObject({
      queue: queueName('ledger', UserRegistered.name),
      event: UserRegistered.name,
      attempts: 3,
      error: 'ledger is switched to fail',
    });
    expect(await ledgerRows(dead.eventId)).toHaveLength(0);

    const customer = await registerCustomer(app);
    expect((await app.request('GET', '/admin/events/dead', { token: customer.token })).statusCode).toBe(403);
    expect((await app.request('POST', `/admin/events/dead/${uuidv7()}/replay`, { token: admin })).statusCode).toBe(404);

    await app.db.query('update ledger.switch set fail = false');
    const replay = await app.request('POST', `/admin/events/dead/${dead.id}/replay`, { token: admin });
    expect(replay.statusCode).toBe(202);
    await eventually(async () => (await ledgerRows(dead.eventId)).length === 1);
    const after = await app.request('GET', '/admin/events/dead', { token: admin });
    expect(after.json().items.find((d: any) => d.id === dead.id)).toBeUndefined();
  });

  it('a malformed event goes straight to the dead-letter queue without retries', async () => {
    const admin = await adminToken(app);
    const bogus = {
      id: uuidv7(),
      name: UserRegistered.name,
      occurredAt: new Date().toISOString(),
      producer: 'test',
      correlationId: 'x',
      payload: { userId: 'nope' },
    };
    await app.platform.bus.boss.send(queueName('ledger', UserRegistered.name), bogus);
    const dead = await eventually(
      async () =>
        (await app.request('GET', '/admin/events/dead', { token: admin }))
          .json()
          .items.find((d: any) => d.eventId === bogus.id),
      10_000,
      100,
    );
    expect(dead.attempts).toBe(1);
    expect(dead.error).toMatch(/must have required properties/);
    // Staff drop it for good.
    const discard = await app.request('DELETE', `/admin/events/dead/${dead.id}`, { token: admin });
    expect(discard.statusCode).toBe(204);
    const after = (await app.request('GET', '/admin/events/dead', { token: admin })).json();
    expect(after.items.find((d: any) => d.id === dead.id)).toBeUndefined();
    expect((await app.request('DELETE', `/admin/events/dead/${dead.id}`, { token: admin })).statusCode).toBe(404);
  });

  it('runs a scheduled task after its time, only if the scheduling transaction committed, once per key', async () => {
    const { ReminderDue } = await import('./fixtures/ledger/index.ts');
    const { bus, orm } = app.platform;
    const rows = (note: string) =>
      app.db.query('select received_at from ledger.entries where email = $1', [`task:${note}`]);
    const startAfter = new Date(Date.now() + 1500);
    const scheduledAt = Date.now();
    await orm.em.fork().transactional(async (em) => {
      await bus.schedule(em, ReminderDue, { note: 'later' }, { startAfter, key: 'once' });
      await bus.schedule(em, ReminderDue, { note: 'later' }, { startAfter, key: 'once' }); // same key: dropped
    });
    await expect(
      orm.em.fork().transactional(async (em) => {
        await bus.schedule(em, ReminderDue, { note: 'rolled-back' }, { startAfter: new Date() });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await rows('later')).toHaveLength(0);
    const [row] = await eventually(
      async () => {
        const r = await rows('later');
        return r.length ? r : undefined;
      },
      10_000,
      100,
    );
    expect(new Date(row.received_at).getTime() - scheduledAt).toBeGreaterThanOrEqual(1400);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await rows('later')).toHaveLength(1);
    expect(await rows('rolled-back')).toHaveLength(0);
  });
});
