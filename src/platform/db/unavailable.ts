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

/**
 * Whether a failure says "try again" rather than "this request is wrong": our pool's refusal, a
 * deadlock or serialization failure (the transaction rolled back whole), a lock or statement
 * timeout, a server shutting down or out of connections or resources (SQLSTATE classes 08, 53).
 */
export function isTransientDatabaseError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  if (code === 'DB_UNAVAILABLE') return true;
  if (!/^[0-9A-Z]{5}$/.test(code)) return false;
  return (
    ['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03'].includes(code) ||
    code.startsWith('08') ||
    code.startsWith('53')
  );
}
