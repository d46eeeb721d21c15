import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { getConstructionPlans, getRollbackPlans } from 'pg-boss';
import { v7 as uuidv7 } from 'uuid';
import { UserRegistered } from '../src/modules/user/contract.ts';
import { EventBus } from '../src/platform/bus/bus.ts';
import { BusSchemaMismatch, PGBOSS_SCHEMA_VERSION } from '../src/platform/bus/schema-version.ts';
import { migrateModules } from '../src/platform/db/migrate.ts';
import { query } from '../src/platform/db/sql.ts';
import { boot } from '../src/platform/host/boot.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { eventually, startTestApp, testSettings, uniqueEmail, type TestApp } from './helpers/app.ts';

describe('bus recovery', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.stop());

  it('an event redelivered after its handler committed but before pg-boss completed it has no second effect', async () => {
    const { orm, config, log, bus } = app.platform;
    await migrateModules(orm, config.DATABASE_URL!, [{ schema: 'redo' }]);
    await app.db.query('create table if not exists redo.effects (event_id uuid not null)');
    const queue = await bus.declare('redo', UserRegistered.name);
    // The handler's process stalls right after its commit (the completion never comes), as a
    // process that dies there would; the job expires and pg-boss hands it out again.
    await bus.boss.updateQueue(queue, { expireInSeconds: 2, retryDelay: 0, retryBackoff: false });
    const worker = new EventBus({
      url: config.DATABASE_URL!,
      log,
      notify: true,
      pollSeconds: 0.5,
      batchSize: 5,
      concurrency: 4,
      retryLimit: 3,
      retryDelaySeconds: 0,
      retryDelayMaxSeconds: 1,
    });
    await worker.start();
    let calls = 0;
    try {
      await worker.consume(orm, 'redo', UserRegistered, async (ctx, event) => {
        calls++;
        await query(ctx.em, 'insert into redo.effects (event_id) values ($1)', [event.id]);
        ctx.afterCommit(() => new Promise<void>(() => {})); // (never returns: the completion never runs)
      });
      const env = await orm.em.fork().transactional((em) =>
        bus.publish(
          em,
          UserRegistered,
          {
            userId: uuidv7(),
            email: uniqueEmail(),
            firstName: null,
            lastName: null,
            registeredAt: new Date().toISOString(),
          },
          { producer: 'user' },
        ),
      );
      const job = await eventually(
        async () => {
          const [j] = await bus.boss.findJobs(queue, { data: { id: env.id } });
          return j?.state === 'completed' ? j : undefined;
        },
        20_000,
        100,
      );
      expect(job.retryCount).toBeGreaterThanOrEqual(1); // handed out twice
      expect(calls).toBe(1); // the second delivery found the event in the inbox
      expect(await app.db.query('select * from redo.effects where event_id = $1', [env.id])).toHaveLength(1);
      expect(await app.db.query('select * from redo.inbox where event_id = $1', [env.id])).toHaveLength(1);
    } finally {
      bus.undeclare('redo', UserRegistered.name);
      await worker.stop();
    }
  }, 40_000);
});

describe('pg-boss schema version', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('a pg-boss schema of another version stops boot with a message naming both versions and the fix', async () => {
    // An older pg-boss schema, made with pg-boss's own published plans.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(getConstructionPlans('pgboss'));
      await client.query(getRollbackPlans('pgboss', PGBOSS_SCHEMA_VERSION));
    } finally {
      await client.end();
    }
    const older = PGBOSS_SCHEMA_VERSION - 1;
    let error: unknown;
    try {
      const tessera = await boot({ env: {}, overrides: testSettings(db) });
      await tessera.close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BusSchemaMismatch);
    expect((error as Error).message).toMatch(
      new RegExp(`version ${older}.*pg-boss 12\\.35\\.0.*version ${PGBOSS_SCHEMA_VERSION}.*npx pg-boss migrate`),
    );
  });
});
