import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { AnyEntity, EntitySchema } from '@mikro-orm/core';
import { preparingDialect, type PoolSettings } from './prepared.ts';

export type Orm = MikroORM;
export type { EntityManager } from '@mikro-orm/postgresql';

/** The Unix socket directory a connection URL names with libpq's `host` parameter, if any. */
export const socketDir = (url: string): string | undefined =>
  new URL(url).searchParams.get('host')?.startsWith('/') ? new URL(url).searchParams.get('host')! : undefined;

/** One MikroORM instance per process, built from the hosted modules' entities. */
export async function createOrm(url: string, entities: EntitySchema<AnyEntity>[], pool: PoolSettings): Promise<Orm> {
  const options: Options = {
    clientUrl: url,
    // libpq's `?host=/var/run/postgresql` (a Unix socket directory), which pg honours and MikroORM's
    // URL parsing does not: on the database's own host a socket costs less per round trip than TCP.
    ...(socketDir(url) ? { host: socketDir(url) } : {}),
    entities,
    discovery: { warnWhenNoEntities: false },
    // Our own dialect: MikroORM's pool, with its statements prepared (prepared.ts).
    driverOptions: preparingDialect(url, pool, (err) => console.warn(`PostgreSQL connection error: ${err.message}`)),
    // Entities are plain data here; identity-map reuse across requests would leak state.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
  };
  return MikroORM.init(options);
}
