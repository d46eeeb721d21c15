import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRegistered } from '../src/modules/user/contract.ts';
import { EventBus, queueName } from '../src/platform/bus/bus.ts';
import { query } from '../src/platform/db/sql.ts';
import { migrateModules } from '../src/platform/db/migrate.ts';
import { eventually, ledgerModuleDir, startTestApp, uniqueEmail, type TestApp } from './helpers/app.ts';
import { busHelpers, payloadFor } from './helpers/bus.ts';

describe('event bus', () => {
  let app: TestApp;
  const { ledgerRows, jobIn } = busHelpers(() => app);

  beforeAll(async () => {
    app = await startTestApp({ EXTRA_MODULES: ledgerModuleDir });
  });
  afterAll(() => app?.stop());

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

  it('events written together travel as one job per queue: each handled once, a failing one retries the job, the others are not run again', async () => {
    const { bus, orm } = app.platform;
    const TogetherRegistered = { ...UserRegistered, together: true };
    const [good1, poison, good2] = [payloadFor(), payloadFor(`poison-${uniqueEmail()}`), payloadFor()];
    const envs = await orm.em
      .fork()
      .transactional((em) => bus.publishAll(em, TogetherRegistered, [good1, poison, good2], { producer: 'user' }));
    const queue = queueName('ledger', UserRegistered.name);
    const packOf = async () =>
      (await bus.boss.findJobs<{ pack?: { id: string }[] }>(queue)).filter((j) =>
        j.data.pack?.some((e) => envs.some((x) => x.id === e.id)),
      );
    // One job carries all three, in the order written.
    expect((await packOf()).map((j) => j.data.pack!.map((e) => e.id))).toEqual([envs.map((e) => e.id)]);
    const retried = await eventually(
      async () => {
        const [job] = await packOf();
        return job && job.retryCount >= 1 ? job : undefined;
      },
      10_000,
      50,
    );
    expect(retried.output).toMatchObject({ message: 'poison event' });
    expect(await ledgerRows(envs[1].id)).toHaveLength(0);
    // The good ones stay handled once, however often the job comes back for the poison.
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
});
