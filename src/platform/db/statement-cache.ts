import { createHash } from 'node:crypto';

/** Most distinct statements one connection keeps prepared; past this, new ones run unnamed. */
const MAX_PER_CONNECTION = 2_000;
/** Statement texts longer than this are not worth a server-side copy. */
const MAX_TEXT = 20_000;

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes a node-postgres client prepare each statement once and reuse it, as postgres.js and pgx
 * do by default: Postgres then parses it once per connection and, after a few runs, can keep one
 * plan instead of planning every call. Measured here, planning was most of the database's time on
 * pg-boss's fetch, insert and complete statements (a dozen partial indexes to weigh each time).
 *
 * Only texts that repeat are named: statements with parameters (the values travel apart, so the
 * text is a template), and with `parameterless`, single statements without parameters (pg-boss
 * writes its few fixed statements that way; a text with `;` may be a script and runs as it is).
 */
export function cacheStatements(client: { query: Query }, opts: { parameterless: boolean }): void {
  const names = new Map<string, string>();
  const never = new Set<string>();
  // The prototype's query, looked up per call (a test probe may wrap it meanwhile).
  const proto = Object.getPrototypeOf(client) as { query: Query };
  const query: Query = function (this: unknown, ...args: unknown[]) { return proto.query.apply(this, args as never); } as Query;
  client.query = function (this: unknown, config: unknown, values?: unknown, callback?: unknown) {
    if (typeof config !== 'string' || config.length > MAX_TEXT || typeof values === 'function' || never.has(config)) {
      return query.call(this, config, values, callback);
    }
    const params = Array.isArray(values) && values.length > 0;
    if (!params && !(opts.parameterless && !config.includes(';'))) return query.call(this, config, values, callback);
    let name = names.get(config);
    if (!name) {
      if (names.size >= MAX_PER_CONNECTION) return query.call(this, config, values, callback);
      name = `t${createHash('sha1').update(config).digest('base64url').slice(0, 24)}`;
      names.set(config, name);
    }
    const result = query.call(this, { name, text: config, values: params ? values : undefined }, callback);
    if (result instanceof Promise) {
      // A table changed under a prepared `select *` (a migration by another process): stop naming it.
      result.catch((err: { code?: string; message?: string }) => {
        if (err?.code === '0A000' && /cached plan/.test(err.message ?? '')) never.add(config);
      });
    }
    return result;
  } as Query;
}
