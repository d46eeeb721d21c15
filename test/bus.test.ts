import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { UserRegistered } from '../src/modules/user/contract.ts';
import { EventBus, queueName, type HandlerContext } from '../src/platform/bus/bus.ts';
import { Foreground } from '../src/platform/host/foreground.ts';
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
  const jobsOf = (eventId: string) =>
    app.db.query(`select id, name, state from pgboss.job where data->>'id' = $1`, [eventId]);

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
        const [job] = await app.db.query(
          `select state, retry_count, output from pgboss.job where data->>'id' = $1 and name = $2`,
          [envs[1].id, queueName('ledger', UserRegistered.name)],
        );
        return job && job.retry_count >= 1 ? job : undefined;
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

  it('two processes on one queue: each event runs once; a rolled-back claim goes back to the queue at once', async () => {
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
      // A claim rolled back (here: the handler threw; a dead process is the same to Postgres) leaves
      // the job on the queue, charged one attempt, and nothing of its effects. (One worker now: a
      // second one could take the job again in the moment between the rollback and the charge.)
      await other.stop();
      const crash = await orm.em
        .fork()
        .transactional((em) =>
          bus.publish(em, UserRegistered, payloadFor(`crash-${uniqueEmail()}`), { producer: 'user' }),
        );
      const job = await eventually(
        async () => {
          const [j] = await app.db.query(
            `select state, retry_count, started_on from pgboss.job where name = 'race/user.registered.v1' and data->>'id' = $1`,
            [crash.id],
          );
          return j?.started_on ? j : undefined;
        },
        5000,
        20,
      );
      expect(job).toMatchObject({ state: 'retry', retry_count: 0 });
      expect(runs.has(crash.id)).toBe(false);
      expect(await app.db.query('select 1 from race.inbox where event_id = $1', [crash.id])).toHaveLength(0);
    } finally {
      await other.stop();
      await bus.boss.unsubscribe(UserRegistered.name, 'race/user.registered.v1');
    }
  });

  it('behind with a request in hand, the workers take turns; once the backlog drains, or with no request in hand, they run at once', async () => {
    const { orm, config, log } = app.platform;
    const consumers = ['turn_a', 'turn_b'];
    for (const schema of consumers) await migrateModules(orm, config.DATABASE_URL!, [{ schema }]);
    const foreground = new Foreground();
    // A process of its own, so that its requests in hand are the test's to say.
    const other = new EventBus({
      url: config.DATABASE_URL!,
      log,
      notify: true,
      pollSeconds: 0.5,
      batchSize: 5,
      retryLimit: 2,
      retryDelaySeconds: 60,
      retryDelayMaxSeconds: 60,
      foreground,
      behindMs: 50,
      whileBehind: 1,
    });
    await other.start();
    let running = 0,
      mostWhileBehind = 0,
      mostIdle = 0,
      handled = 0,
      idle = false;
    // What runs after a commit (a mail handed to its server) does not hold the turn.
    let afterCommits = 0,
      ranBesideAfterCommit = false;
    const handler = (slowAfterCommit: boolean) => async (ctx: HandlerContext) => {
      running++;
      if (idle) mostIdle = Math.max(mostIdle, running);
      else if (other.behind) {
        mostWhileBehind = Math.max(mostWhileBehind, running);
        if (afterCommits) ranBesideAfterCommit = true;
      }
      await new Promise((r) => setTimeout(r, 10));
      running--;
      handled++;
      if (slowAfterCommit)
        ctx.afterCommit(async () => {
          afterCommits++;
          await new Promise((r) => setTimeout(r, 20));
          afterCommits--;
        });
    };
    const publish = (n: number) =>
      orm.em.fork().transactional((em) =>
        app.platform.bus.publishAll(
          em,
          UserRegistered,
          Array.from({ length: n }, () => payloadFor()),
          { producer: 'user' },
        ),
      );
    try {
      for (const c of consumers) await other.declare(c, UserRegistered.name);
      const request = foreground.enter();
      // A backlog that has waited when the workers start: one job at a time, more behind each.
      await publish(15);
      await new Promise((r) => setTimeout(r, 150));
      for (const c of consumers)
        await other.consume(orm, c, UserRegistered, handler(c === 'turn_a') as never, { commitEach: true });
      await eventually(async () => other.behind, 5000, 5);
      await eventually(async () => handled === 30, 10_000, 20);
      expect(mostWhileBehind).toBe(1);
      expect(ranBesideAfterCommit).toBe(true);
      await eventually(async () => !other.behind, 5000, 5); // (drained: the last batch commits, then reports)
      // No request in hand: both queues at once, though each has a backlog again.
      request.leave();
      idle = true;
      await publish(15);
      await eventually(async () => handled === 60, 10_000, 20);
      expect(mostIdle).toBe(2);
    } finally {
      await other.stop();
      for (const c of consumers)
        await app.platform.bus.boss.unsubscribe(UserRegistered.name, `${c}/user.registered.v1`);
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
          const [j] = await app.db.query(
            `select state, retry_count, started_on, output from pgboss.job where name = $1 and data->>'id' = $2`,
            [queue, env.id],
          );
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
      await bus.boss.unsubscribe(UserRegistered.name, queue);
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
      const subscribed = (
        await app.db.query('select name from pgboss.subscription where event = $1', [UserRegistered.name])
      ).map((r) => r.name);
      expect(subscribed).toEqual(expect.arrayContaining([auditQueue, queueName('ledger', UserRegistered.name)]));
      // Exactly one copy per subscribed queue (the notification module is a subscriber too).
      expect(jobs.map((j) => j.name).sort()).toEqual(subscribed.sort());
    } finally {
      await bus.boss.unsubscribe(UserRegistered.name, auditQueue);
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
    // A handled job leaves the queue in the commit that handled it.
    await eventually(
      async () => (await app.db.query(`select state from pgboss.job where id = any($1::uuid[])`, [again])).length === 0,
    );
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
    ).catch(async (e) => {
      console.log(
        JSON.stringify(
          await app.db.query(
            `select name, state, retry_count, retry_limit, retry_delay, retry_backoff, start_after, dead_letter, output from pgboss.job where data->'payload'->>'userId' = $1 or name like 'dead/%'`,
            [userId],
          ),
          null,
          1,
        ),
      );
      throw e;
    });
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
