import { CompiledQuery } from 'kysely';
import type { EntityManager } from './orm.ts';

/**
 * Runs hand-written SQL with Postgres `$1..$n` placeholders on the entity manager's connection
 * (its transaction, when inside one). Values go to the driver as they are: a JS array is a
 * Postgres array (`= any($1)`), unlike `em.execute`, which expands arrays into lists.
 */
export async function query<R = Record<string, any>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<R[]> {
  const result = await em.getKysely().executeQuery<R>(CompiledQuery.raw(text, params as unknown[]));
  return result.rows as R[];
}
