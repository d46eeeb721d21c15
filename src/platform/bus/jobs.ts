import { notifyChannelSql } from 'pg-boss/dist/plans.js';
import type { EntityManager } from '../db/orm.ts';
import { query } from '../db/sql.ts';
import type { Envelope } from './event.ts';

/**
 * The consumer's own statements on pg-boss's job table (pg-boss 12's layout: `pgboss.job`,
 * partitioned by queue name; the version is pinned in package.json).
 *
 * A consumer claims its jobs inside the transaction that handles them, instead of pg-boss's
 * fetch (a transaction of its own that marks them active) and complete (another one after the
 * handler). The row lock is the claim: another worker skips the job while the handler runs, a
 * rollback or a dead process gives it back at once (no expiry to wait out), and a handled job is
 * deleted in the commit that records its effects. The consumer's inbox remains the lasting record
 * that an event was handled. Per hop this saves two round trips, two synchronous commits and two
 * writes of the job row. Failures still go through pg-boss's own `fail` (retry with backoff,
 * then the dead-letter queue).
 */

/**
 * The CTEs that publish: one job per queue subscribed to the event named by the SQL expression
 * `event`, for each envelope of the jsonb array `envelopes`, with the queue's own retry, expiry and
 * dead-letter settings (what pg-boss's send copies from its queue row); then pg-boss's wake-up for
 * the queues created with notify, sent on commit. One statement for every subscriber, where
 * pg-boss's send takes one per queue; and the subscriber list is read in the statement itself, so
 * it is never stale. `when` (an SQL condition) lets a caller's statement publish only if its own
 * write happened. The caller's final SELECT must read `woken` (a plain CTE that nothing reads is
 * not run).
 */
export const publishCtes = (envelopes: string, event: string, when = 'true') => `
  published as (
    insert into pgboss.job (id, name, data, priority, start_after, created_on, expire_seconds, deletion_seconds, keep_until,
      retry_limit, retry_delay, retry_backoff, retry_delay_max, policy, dead_letter, heartbeat_seconds)
    select gen_random_uuid(), q.name, e.data, 0, pgboss.job_now(), pgboss.job_now(), q.expire_seconds, q.deletion_seconds,
      pgboss.job_now() + q.retention_seconds * interval '1s', q.retry_limit, q.retry_delay, q.retry_backoff, q.retry_delay_max,
      q.policy, q.dead_letter, q.heartbeat_seconds
    from pgboss.subscription s join pgboss.queue q on q.name = s.name, jsonb_array_elements(${envelopes}::jsonb) e(data)
    where s.event = ${event} and (${when})
    returning name
  ),
  woken as (
    select count(pg_notify(${notifyChannelSql('pgboss')}, q.name)) as queues
    from pgboss.queue q where q.notify and q.name in (select name from published)
  )`;

/**
 * Publishes the envelopes (all of one event) in the caller's transaction. Nothing waits for its
 * answer, so it travels with the transaction's next statement, often its COMMIT (pipeline.ts): a
 * failure fails that statement, and the commit with it.
 */
export async function publishJobs(em: EntityManager, event: string, envelopes: Envelope[]): Promise<void> {
  await query(
    em,
    `with ${publishCtes('$1', '$2')} select (select count(*)::int from published) as jobs, (select queues from woken) as woken`,
    [JSON.stringify(envelopes), event],
  );
}

export interface ClaimedJob {
  id: string;
  data: Envelope;
  /** Earlier attempts at this job (0 on the first). */
  retryCount: number;
  /** How long it had been runnable when claimed (since sent, or since its delay or retry backoff ended), by the database's clock. */
  waitedMs: number;
}

/**
 * A queue and the table its jobs live in (pg-boss keeps each queue in a partition of `pgboss.job`:
 * `job_common` unless the queue was made with its own). Naming the partition spares every claim
 * the planning of the whole partitioned table: measured, about a third of Postgres's planning time
 * per order.
 */
export interface JobTable {
  queue: string;
  table: string;
}

/** Where the queue's jobs live (see JobTable). */
export async function jobTable(
  run: (sql: string, params: unknown[]) => Promise<{ rows: { table_name: string }[] }>,
  queue: string,
): Promise<JobTable> {
  const { rows } = await run('select table_name from pgboss.queue where name = $1', [queue]);
  const name = rows[0]?.table_name;
  if (!name || !/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`no job table for queue ${queue}`);
  return { queue, table: `pgboss.${name}` };
}

/** A queue name as an SQL literal (names are the bus's own: consumer/event). */
const lit = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** A runnable job of the queue (`a`: the table's alias, with its dot). */
const ready = (queue: string, a = '') =>
  `${a}name = ${lit(queue)} and ${a}state < 'active' and not ${a}blocked and ${a}start_after <= pgboss.job_now()`;

/**
 * Claims up to `limit` runnable jobs (or, with `ids`, those of them still runnable) and records
 * their event ids in the consumer's inbox, in one statement. `take` also deletes them: the caller
 * commits the jobs' handling with their removal or rolls both back. Returns the jobs in queue order,
 * the event ids the inbox had not seen (a redelivery's id is not among them), and whether more
 * runnable jobs wait behind these (so a worker taking one job at a time does not open a
 * transaction only to find the queue empty).
 *
 * The same statement sets the transaction's commit mode: asynchronous, because the job and the
 * effects commit or vanish together (a database crash that loses the commit loses the claim too,
 * and the job runs again). A process that dies loses nothing: the commit is in Postgres.
 * `idle_in_transaction_session_timeout` bounds how long a hung process can hold the claim.
 *
 * The queue's name and the batch size are written into the text (one statement per worker), not
 * sent as values: with nothing left to guess, Postgres plans it once per connection and keeps that
 * plan. With them as values it re-planned the claim on about half of its runs.
 *
 * A queue's table never has statistics that fit it (jobs come and go by the thousand between two
 * analyzes), and with them Postgres chose bitmap scans of every row the queue ever had, dead ones
 * included, three times per claim; claims slowed down as the table churned. The claim is planned
 * with bitmap scans off (a setting held back to travel with it, pipeline.ts, and undone by the
 * claim itself), so it walks the queue's fetch index in order, stops at the first jobs it can
 * take, and marks the dead entries it passes so that later claims skip them.
 */
export async function claim(
  em: EntityManager,
  schema: string,
  at: JobTable,
  opts: { limit: number; ids?: string[]; take: boolean },
): Promise<{ jobs: ClaimedJob[]; fresh: Set<string>; more: boolean }> {
  const { queue, table } = at;
  if (!opts.ids && !(Number.isInteger(opts.limit) && opts.limit > 0)) throw new Error(`bad batch size ${opts.limit}`);
  const pick = opts.ids
    ? `select id from ${table} where ${ready(queue)} and id = any($2::uuid[]) for update skip locked`
    : `select id from ${table} where ${ready(queue)} order by priority desc, created_on limit ${opts.limit} for update skip locked`;
  const held = opts.take
    ? `delete from ${table} j where j.name = ${lit(queue)} and j.id = any(array(select id from next)) returning j.id, j.data, j.retry_count, j.started_on, j.start_after, j.priority, j.created_on`
    : `select j.id, j.data, j.retry_count, j.started_on, j.start_after, j.priority, j.created_on from ${table} j join next using (id) where j.name = ${lit(queue)}`;
  await query(em, PLAN_WITHOUT_BITMAPS, ['off']);
  const found = await query<{
    id: string | null;
    data: Envelope;
    retry_count: number;
    started_on: Date | null;
    waited_ms: number | null;
    fresh: boolean;
    more: boolean;
  }>(
    em,
    `with settings as (
       select set_config('synchronous_commit', 'off', true), set_config('idle_in_transaction_session_timeout', '60s', true),
              set_config('enable_bitmapscan', current_setting('tessera.enable_bitmapscan'), true)
     ), next as (${pick}), claimed as (${held}),
     inbox as (
       insert into "${schema}".inbox (event_id, queue)
       select distinct (data->>'id')::uuid, $1 from claimed
       where data->>'id' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
       on conflict do nothing returning event_id
     )
     select c.id, c.data, c.retry_count, c.started_on, (extract(epoch from now() - c.start_after) * 1000)::float8 as waited_ms,
            exists (select 1 from inbox i where i.event_id::text = lower(c.data->>'id')) as fresh,
            -- (the statement's own deletes are not visible to it: the claimed rows are left out by id)
            exists (select 1 from ${table} w where ${ready(queue, 'w.')} and w.id not in (select id from next)) as more
     from settings left join claimed c on true
     order by c.priority desc, c.created_on`,
    opts.ids ? [queue, opts.ids] : [queue],
  );
  const fresh = new Set<string>();
  const rows = found.filter((r) => r.id !== null); // (an empty claim still answers one row, for `more`)
  for (const r of rows) if (r.fresh) fresh.add(r.data.id);
  return {
    // pg-boss counts an attempt when it fetches a job that ran before (started_on set).
    jobs: rows.map((r) => ({
      id: r.id!,
      data: r.data,
      retryCount: r.retry_count + (r.started_on ? 1 : 0),
      waitedMs: Math.max(0, Number(r.waited_ms ?? 0)),
    })),
    fresh,
    more: found[0]?.more ?? false,
  };
}

/**
 * Turns bitmap scans off ($1) for the next statement's planning, keeping the value to put back (see
 * claim). (A value, not a constant, so that the statement is prepared and can be held back.)
 */
const PLAN_WITHOUT_BITMAPS = `select set_config('tessera.enable_bitmapscan', current_setting('enable_bitmapscan'), true), set_config('enable_bitmapscan', $1, true)`;

/** Whether the queue holds a runnable job (outside any transaction; one claimed elsewhere may count). */
export async function runnable(em: EntityManager, { queue, table }: JobTable): Promise<boolean> {
  // (the name also travels as a value, only so that the statement is prepared, see claim; it is
  // answered back, outside the condition, so the plan does not depend on it)
  return (
    await query<{ found: boolean }>(
      em,
      `select exists (select 1 from ${table} where ${ready(queue)}) as found, $1::text as queue`,
      [queue],
    )
  )[0].found;
}

/**
 * Drops a job that has not run (a delayed task no longer wanted), by id ($1), from the queue's own
 * table. A job being handled right now is left alone, without waiting for it: its handler must
 * find nothing to do, and waiting could deadlock with it (it may be waiting for a row the caller
 * holds).
 */
export const dropSql = ({
  queue,
  table,
}: JobTable): string => `delete from ${table} where name = ${lit(queue)} and id in (
  select id from ${table} where name = ${lit(queue)} and id = $1 and state < 'active' for update skip locked)`;

/** Deletes handled jobs still held by this transaction (claimed without `take`). */
export async function take(em: EntityManager, { queue, table }: JobTable, ids: string[]): Promise<void> {
  if (ids.length) await query(em, `delete from ${table} where name = $1 and id = any($2::uuid[])`, [queue, ids]);
}

/**
 * Counts the attempt the way pg-boss's fetch would have (its `fail` decides between a retry and
 * the dead-letter queue by it) and returns the jobs it counted: the caller then fails those
 * through pg-boss in the same transaction. `final` makes this attempt the last: a malformed event,
 * which no retry can mend.
 *
 * After a rolled-back claim, the job is back on the queue until this runs: another worker may take
 * it meanwhile (an early retry, at least once as ever). A job another worker holds is skipped here,
 * so its attempt is counted once, by whoever fails it.
 */
export async function countAttempt(em: EntityManager, queue: string, ids: string[], final = false): Promise<string[]> {
  return (
    await query<{ id: string }>(
      em,
      `update pgboss.job set
       retry_count = case when started_on is not null then retry_count + 1 else retry_count end,
       retry_limit = case when $3 then (case when started_on is not null then retry_count + 1 else retry_count end) else retry_limit end,
       started_on = pgboss.job_now()
     where name = $1 and id in (
       select id from pgboss.job where name = $1 and id = any($2::uuid[]) and state < 'active' for update skip locked)
     returning id`,
      [queue, ids, final],
    )
  ).map((r) => r.id);
}
