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
export function cacheStatements(client: { query: Query }, opts: { parameterless: boolean; lazyBegin?: boolean }): void {
  const names = new Map<string, string>();
  const never = new Set<string>();
  // The prototype's query, looked up per call (a test probe may wrap it meanwhile).
  const proto = Object.getPrototypeOf(client) as { query: Query };
  const query: Query = function (this: unknown, ...args: unknown[]) { return proto.query.apply(this, args as never); } as Query;
  const PgQuery = opts.lazyBegin ? (client.constructor as { Query?: PgQueryClass }).Query : undefined;
  /** A BEGIN (or START TRANSACTION) answered but not yet sent: it goes with the next statement. */
  let begin: string | undefined;
  (client as Partial<Pipelining>)[PENDING] = () => { begin = undefined; };

  client.query = function (this: unknown, config: unknown, values?: unknown, callback?: unknown) {
    const plain = typeof config === 'string' && typeof values !== 'function' && callback === undefined;
    const params = Array.isArray(values) && values.length > 0;
    if (PgQuery && plain && !params) {
      if (BEGIN.test(config)) {
        if (begin) sendAlone(query.call(this, begin)); // (two BEGINs: Postgres warns, as it would)
        begin = config;
        return Promise.resolve(answered('BEGIN'));
      }
      // A transaction that ran nothing: nothing to send for it at all.
      if (begin && END.test(config)) {
        begin = undefined;
        return Promise.resolve(answered(config.trim().split(/\s/)[0].toUpperCase()));
      }
    }
    const first = begin;
    begin = undefined;
    // A script (`;`) or a callback cannot ride along: the BEGIN goes alone, queued ahead of it.
    if (first && !(plain && (params || !config.includes(';')))) sendAlone(query.call(this, first));
    const together = first && plain && (params || !config.includes(';')) ? first : undefined;

    if (typeof config !== 'string' || config.length > MAX_TEXT || typeof values === 'function' || never.has(config)
      || (!params && !(opts.parameterless && !config.includes(';')))) {
      return together ? pipelined((q) => query.call(this, q), PgQuery!, together, { text: config, values: params ? values : undefined }) : query.call(this, config, values, callback);
    }
    let name = names.get(config);
    if (!name) {
      if (names.size >= MAX_PER_CONNECTION) {
        return together ? pipelined((q) => query.call(this, q), PgQuery!, together, { text: config, values }) : query.call(this, config, values, callback);
      }
      name = `t${createHash('sha1').update(config).digest('base64url').slice(0, 24)}`;
      names.set(config, name);
    }
    const named = { name, text: config, values: params ? values : undefined };
    const result = together ? pipelined((q) => query.call(this, q), PgQuery!, together, named) : query.call(this, named, callback);
    if (result instanceof Promise) {
      // A table changed under a prepared `select *` (a migration by another process): stop naming it.
      result.catch((err: { code?: string; message?: string }) => {
        if (err?.code === '0A000' && /cached plan/.test(err.message ?? '')) never.add(config);
      });
    }
    return result;
  } as Query;
}

/**
 * With `lazyBegin`, a transaction's BEGIN is answered at once and sent in the same round trip as
 * the transaction's first statement (one write, one Sync: the protocol's own pipelining), and a
 * transaction that ran nothing sends nothing. Every transaction saves a round trip: on this
 * machine a round trip costs about 0.1 ms of CPU on each side, and a bus handler's whole
 * transaction is only four or five of them. Postgres sees exactly what it saw before, BEGIN first.
 */
const BEGIN = /^\s*(begin|start\s+transaction)\b[^;]*$/i;
const END = /^\s*(commit|rollback|end|abort)\s*;?\s*$/i;
const PENDING = Symbol('pending begin');
interface Pipelining { [PENDING]: () => void }

/** Forgets a BEGIN that was never followed by anything (a client going back to its pool). */
export const forgetPendingBegin = (client: unknown): void => (client as Partial<Pipelining>)[PENDING]?.();

/** A BEGIN sent on its own, ahead of what follows: a failure shows in the statement after it. */
const sendAlone = (result: unknown) => { if (result instanceof Promise) result.catch(() => {}); };

const answered = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

type PgQueryClass = new (config: object, values?: unknown, callback?: (err: Error | null, result?: unknown) => void) => object;
const withFirst = new WeakMap<PgQueryClass, new (first: string, config: object, callback: (err: Error | null, result?: unknown) => void) => object>();

/** Runs `config` with `first` (a parameterless statement) ahead of it, in one round trip. */
function pipelined(run: (query: object) => unknown, Base: PgQueryClass, first: string, config: object): Promise<unknown> {
  let Pipelined = withFirst.get(Base);
  if (!Pipelined) {
    // pg's own Query, with the first statement's Parse/Bind/Execute written before its own messages
    // (one Sync closes both) and the first statement's CommandComplete kept out of the result.
    Pipelined = class extends (Base as unknown as new (...a: unknown[]) => PgQueryInternals) {
      #first: string;
      #pending = 1;
      constructor(first: string, config: object, callback: (err: Error | null, result?: unknown) => void) {
        super(config, undefined, callback);
        this.#first = first;
      }
      requiresPreparation() { return true; }
      prepare(connection: PgConnection) {
        connection.parse({ text: this.#first, name: '' });
        connection.bind({ portal: '', statement: '', values: [] });
        connection.execute({ portal: '' });
        super.prepare(connection);
      }
      handleCommandComplete(msg: unknown, connection: PgConnection) {
        if (this.#pending > 0) { this.#pending--; return; }
        super.handleCommandComplete(msg, connection);
      }
    } as never;
    withFirst.set(Base, Pipelined!);
  }
  return new Promise((resolve, reject) => {
    run(new Pipelined!(first, config, (err, result) => (err ? reject(err) : resolve(result))));
  });
}

interface PgConnection { parse(m: object): void; bind(m: object): void; execute(m: object): void }
interface PgQueryInternals { prepare(c: PgConnection): void; handleCommandComplete(m: unknown, c: PgConnection): void; requiresPreparation(): boolean }
