/**
 * The pool could not hand out a connection (none free within DB_POOL_WAIT_MS, or the server
 * refused one). The request was fine and nothing ran: the caller may retry, so it is a 503.
 */
export class DatabaseUnavailable extends Error {
  // (a code, not only a class: MikroORM re-wraps driver errors, copying their own properties)
  readonly code = 'DB_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Whether the pool refused a connection (`DatabaseUnavailable`, also once MikroORM re-wrapped it). */
export const noConnection = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 'DB_UNAVAILABLE';

/** A connect failure with one of these SQLSTATEs is a setting to fix (a password, a database name), not a busy server. */
const misconfigured = /^(28|3D|42)/;

/**
 * Whether a failure says "try again" rather than "this request is wrong": our pool's refusal, a
 * deadlock or serialization failure (the transaction rolled back whole), a lock not available, a
 * server shutting down, refusing connections or out of them. Not a protocol violation (08P01: a
 * bug of ours), a statement timeout or a full disk (they would fail again): those stay 500s.
 */
export function isTransientDatabaseError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code === 'DB_UNAVAILABLE' ||
      ['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300'].includes(code) ||
      ['08000', '08001', '08003', '08004', '08006'].includes(code))
  );
}

/** What the pool's `connect` failed with, as the error to throw: a busy or unreachable server is `DatabaseUnavailable`. */
export function connectFailure(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && misconfigured.test(code) ? err : new DatabaseUnavailable(err);
}
