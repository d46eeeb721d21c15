import { CompiledQuery } from 'kysely';
import type { EntityManager } from './orm.ts';

/**
 * Runs hand-written SQL with Postgres `$1..$n` placeholders on the entity manager's connection
 * (its transaction, when inside one). Values go to the driver as they are: a JS array is a
 * Postgres array (`= any($1)`), unlike `em.execute`, which expands arrays into lists.
 */
export async function query<R = Record<string, any>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  const result = await em.getKysely().executeQuery<R>(CompiledQuery.raw(text, params as unknown[]));
  return result.rows as R[];
}

/**
 * `query` for statements written with `?` placeholders (MikroORM's `em.execute` style). Unlike
 * `em.execute`, which writes the values into the SQL text, the values travel apart, so the
 * statement is prepared once per connection and planned once, not on every call. The text must
 * not use `?` for anything else (jsonb's `?` operator).
 */
export function execute<R = Record<string, any>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  let n = 0;
  const numbered = text.replace(/\?/g, () => `$${++n}`);
  if (n !== params.length) throw new Error(`${n} placeholders for ${params.length} values`);
  return query<R>(em, numbered, params);
}
