import { builtInRoles } from '../../../platform/auth/permissions.ts';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';

/**
 * Writes the built-in roles' permissions from code into their rows (a new permission reaches the
 * owner with the release that adds it). One upsert per role: concurrent starts agree.
 */
export async function syncBuiltInRoles(em: EntityManager): Promise<void> {
  for (const [name, perms] of Object.entries(builtInRoles))
    await query(
      em,
      `insert into "user".roles (id, name, description, permissions, built_in, created_at, updated_at)
       values ($1, $2, $3, $4, true, now(), now())
       on conflict (name) do update set permissions = excluded.permissions, built_in = true, updated_at = now()
       where roles.permissions is distinct from excluded.permissions or not roles.built_in`,
      [uuidv7(), name, `Built-in ${name} role`, [...perms]],
    );
}
