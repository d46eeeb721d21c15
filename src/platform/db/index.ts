// The database layer's public face: the only file of platform/db a module may import.
export type { EntityManager, Orm } from './orm.ts';
export { query, execute } from './sql.ts';
export { inboxEntity } from './inbox.entity.ts';
export { idReference, nowOnCreate, nowOnWrite, timestamps, uuidv7Id } from './columns.ts';
export { isTransientDatabaseError, noConnection } from './unavailable.ts';
