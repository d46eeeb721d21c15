import { createHash } from 'node:crypto';
import { dbMetrics } from './metrics.ts';
import { Pipeline, type PgClient, type PgQueryClass, type Query, type Step } from './pipeline.ts';

/** Most distinct statements one connection keeps prepared; past this, new ones run unnamed. */
const MAX_PER_CONNECTION = 2_000;
/** Statement texts longer than this are not worth a server-side copy. */
const MAX_TEXT = 20_000;

/**
 * Makes a node-postgres client prepare each statement once and reuse it, as postgres.js and pgx
 * do by default: Postgres then parses it once per connection and, after a few runs, can keep one
 * plan instead of planning every call. Measured here, planning was most of the database's time on
 * pg-boss's fetch, insert and complete statements (a dozen partial indexes to weigh each time).
 *
 * Only texts that repeat are named: statements with parameters (the values travel apart, so the
 * text is a template), and with `parameterless`, single statements without parameters (pg-boss
 * writes its few fixed statements that way; a text with `;` may be a script and runs as it is).
 *
 * With `pipeline`, the client also holds back what need not travel alone (pipeline.ts): a
 * transaction's BEGIN, and writes marked `behind()`, go with the next statement.
 */
export function cacheStatements(
  client: { query: Query },
  opts: { parameterless: boolean; pipeline?: boolean; pool?: string },
): void {
  const names = new Map<string, string>();
  const never = new Set<string>();
  // The prototype's query, looked up per call (a test probe may wrap it meanwhile).
  const proto = Object.getPrototypeOf(client) as { query: Query };
  const query: Query = function (this: unknown, ...args: unknown[]) {
    return proto.query.apply(this, args as never);
  } as Query;
  const PgQuery = (client.constructor as { Query?: PgQueryClass }).Query;
  const pipe = opts.pipeline && PgQuery ? new Pipeline(client as unknown as PgClient, query, PgQuery) : undefined;
  const roundTrips = dbMetrics.roundTrips.labels(opts.pool ?? 'app');
  const held = dbMetrics.held.labels(opts.pool ?? 'app');

  /** The name a statement is (or would be) prepared under, if it is one the cache names. */
  const nameOf = (text: string, params: boolean): string | undefined => {
    if (text.length > MAX_TEXT || never.has(text) || (!params && !(opts.parameterless && !text.includes(';'))))
      return undefined;
    let name = names.get(text);
    if (!name && names.size < MAX_PER_CONNECTION) {
      name = `t${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };

  client.query = function (this: unknown, config: unknown, values?: unknown, callback?: unknown) {
    if (typeof config !== 'string' || typeof values === 'function' || callback !== undefined) {
      if (pipe?.flushAlone()) roundTrips.inc();
      roundTrips.inc();
      return query.call(this, config, values, callback);
    }
    const params = Array.isArray(values) && values.length > 0;
    const name = nameOf(config, params);
    const step: Step = { name, text: config, values: params ? (values as unknown[]) : undefined };
    if (pipe) {
      const answer = pipe.hold(step);
      if (answer) {
        held.inc();
        return answer;
      }
    }
    roundTrips.inc();
    const result = pipe ? pipe.send(step) : query.call(this, name ? step : config, values);
    if (name && result instanceof Promise) {
      // A table changed under a prepared `select *` (a migration by another process): stop naming it.
      result.catch((err: { code?: string; message?: string }) => {
        if (err?.code === '0A000' && /cached plan/.test(err.message ?? '')) never.add(config);
      });
    }
    return result;
  } as Query;
}
