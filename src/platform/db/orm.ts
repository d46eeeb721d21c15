import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { AnyEntity, EntitySchema } from '@mikro-orm/core';

export type Orm = MikroORM;
export type { EntityManager } from '@mikro-orm/postgresql';

/** One MikroORM instance per process, built from the hosted modules' entities. */
export async function createOrm(url: string, entities: EntitySchema<AnyEntity>[], poolMax: number): Promise<Orm> {
  const options: Options = {
    clientUrl: url,
    entities,
    discovery: { warnWhenNoEntities: false },
    pool: { max: poolMax },
    extensions: [Migrator],
    // Entities are plain data here; identity-map reuse across requests would leak state.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
  };
  return MikroORM.init(options);
}
