import pg from 'pg';
import { fromKysely, type Db, type JobInsert, type PgBoss } from 'pg-boss';
import type { EntityManager } from '../db/orm.ts';
import type { Interest } from './interest.ts';

type Row = Record<string, unknown>;

/**
 * Writes one event's jobs to its queues in the publisher's transaction: the unconditional queues'
 * inserts and the read of the conditional ones' interest go to Postgres as ONE text (the simple
 * protocol takes several statements in one message), then, only for a conditional queue found
 * interested, its inserts in a second. Before, that was one round trip per queue and one for the
 * read (docs/adr/0136). Returns how many queues were written to.
 */
export async function writeEventJobs(
  boss: PgBoss,
  interest: Interest,
  em: EntityManager,
  routed: string[],
  jobs: JobInsert[],
): Promise<number> {
  const read = interest.read(routed);
  const sure = read ? routed.filter((q) => !read.asked.includes(q)) : routed;
  const rows = await insertTogether(boss, em, sure, jobs, read?.text);
  const wanted = read ? interest.decide(read.asked, rows as never) : [];
  await insertTogether(boss, em, wanted, jobs);
  return sure.length + wanted.length;
}

/**
 * pg-boss's insert of these jobs into each queue (its public `insert`, given a `db` of ours, its
 * documented IDatabase), sent in one round trip with `last` after them; returns `last`'s rows.
 * The statements pg-boss hands over are held until every queue's has arrived, their values
 * written in as literals (what pg-boss's own adapters do with `$n`), and sent together through
 * the transaction's connection: they commit or roll back with it, and one failing fails all.
 */
export async function insertTogether(
  boss: PgBoss,
  em: EntityManager,
  queues: string[],
  jobs: JobInsert[],
  last?: string,
): Promise<Row[]> {
  const db = fromKysely(em.getKysely());
  if (!queues.length) return last ? (await db.executeSql(last)).rows : [];
  if (queues.length === 1 && !last) {
    await boss.insert(queues[0], jobs, { db });
    return [];
  }
  const texts: string[] = [];
  let arrived = 0;
  let allArrived!: () => void;
  const ready = new Promise<void>((resolve) => (allArrived = resolve));
  let settle!: { ok: () => void; fail: (err: unknown) => void };
  const sent = new Promise<void>((ok, fail) => (settle = { ok, fail }));
  sent.catch(() => undefined); // (each held statement's caller gets the failure; this copy is not needed)
  const gather: Db = {
    async executeSql(text, values) {
      const literal = inlined(text, values);
      // (a statement that cannot be inlined safely goes on its own, as before: in the same transaction)
      const direct = literal === undefined ? db.executeSql(text, values) : undefined;
      if (literal !== undefined) texts.push(literal);
      if (++arrived === queues.length) allArrived();
      if (direct) return direct;
      await sent;
      return { rows: [] }; // (pg-boss asks no ids back: its insert returns nothing we use)
    },
  };
  const calls = Promise.all(queues.map((queue) => boss.insert(queue, jobs, { db: gather })));
  calls.catch(() => undefined); // (awaited below; a failure before all arrived is thrown by the race)
  await Promise.race([ready, calls]);
  const statements = last ? [...texts, last] : texts;
  let rows: Row[] = [];
  try {
    if (statements.length) rows = (await db.executeSql(statements.join(';\n'))).rows;
    settle.ok();
  } catch (err) {
    settle.fail(err);
    throw err;
  }
  await calls;
  return last ? rows : [];
}

/**
 * The statement with its values written in as literals, or undefined where that cannot be done
 * safely: a comment, a dollar-quoted or escape string, a `$n` inside a quoted literal or
 * identifier, or a value that is not a string or null. A quoted literal is of unknown type, as an
 * untyped parameter is, so the statement means what it meant with its parameters.
 */
export function inlined(text: string, values: unknown[] = []): string | undefined {
  if (/--|\/\*|\$\$|\$[A-Za-z_]|(^|[^A-Za-z0-9_$])[eE]'/.test(text)) return undefined;
  const placeholders = text.match(/\$\d+/g) ?? [];
  const outsideQuotes = text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, "''").match(/\$\d+/g) ?? [];
  if (outsideQuotes.length !== placeholders.length) return undefined;
  if (!values.every((v) => v === null || typeof v === 'string')) return undefined;
  if (placeholders.some((p) => Number(p.slice(1)) < 1 || Number(p.slice(1)) > values.length)) return undefined;
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1] as string | null;
    return value === null ? 'NULL' : pg.escapeLiteral(value);
  });
}
