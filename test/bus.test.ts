import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRegistered } from '../src/modules/user/contract.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import { eventually, ledgerModuleDir, startTestApp, uniqueEmail, type TestApp } from './helpers/app.ts';
import { busHelpers, payloadFor } from './helpers/bus.ts';

describe('event bus', () => {
  let app: TestApp;
  const { ledgerRows, ledgerByEmail, jobsOf } = busHelpers(() => app);

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
    expect(res.statusCode).toBe(202);
    const [row] = await eventually(async () => {
      const r = await ledgerByEmail(email);
      return r.length ? r : undefined;
    });
    expect(row.correlation_id).toBe(traceId);
    const [user] = await app.db.query('select id from "user".users where email = $1', [email]);
    expect(row.user_id).toBe(user.id);
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
