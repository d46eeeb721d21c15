import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { AnyEntity, EntitySchema } from '@mikro-orm/core';
import { CompiledQuery } from 'kysely';

export type Orm = MikroORM;
export type { EntityManager } from '@mikro-orm/postgresql';

/** The Unix socket directory a connection URL names with libpq's `host` parameter, if any. */
export const socketDir = (url: string): string | undefined =>
  new URL(url).searchParams.get('host')?.startsWith('/') ? new URL(url).searchParams.get('host')! : undefined;

/** One MikroORM instance per process, built from the hosted modules' entities. */
export async function createOrm(
  url: string,
  entities: EntitySchema<AnyEntity>[],
  poolMax: number,
  sessionSettings: Record<string, string> = {},
): Promise<Orm> {
  const settings = Object.entries(sessionSettings);
  const options: Options = {
    clientUrl: url,
    // libpq's `?host=/var/run/postgresql` (a Unix socket directory), which pg honours and MikroORM's
    // URL parsing does not: on the database's own host a socket costs less per round trip than TCP.
    ...(socketDir(url) ? { host: socketDir(url) } : {}),
    entities,
    discovery: { warnWhenNoEntities: false },
    pool: { max: poolMax },
    // Entities are plain data here; identity-map reuse across requests would leak state.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
    // set_config, not SET: names and values travel as parameters, never pasted into SQL.
    ...(settings.length
      ? {
          onCreateConnection: async (connection: unknown) => {
            // Kysely hands over its DatabaseConnection.
            const conn = connection as { executeQuery: (q: CompiledQuery) => Promise<unknown> };
            for (const [name, value] of settings)
              await conn.executeQuery(CompiledQuery.raw('select set_config($1, $2, false)', [name, value]));
          },
        }
      : {}),
  };
  return MikroORM.init(options);
}
