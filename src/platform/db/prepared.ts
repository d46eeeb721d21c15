import pg from 'pg';
import { parse as parseArray } from 'postgres-array';
import {
  CompiledQuery,
  PostgresDialect,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
} from 'kysely';
import { createPostgreSqlTypeParsers } from '@mikro-orm/postgresql';
import { unwatchPool, watchPool } from '../observability/process-metrics.ts';
import { connectFailure, DatabaseUnavailable } from './unavailable.ts';

/**
 * One name per distinct statement text, shared by every connection of the process (a name means
 * the same text on each). Bounded: past `max` texts, a new one runs unnamed, as before, so a
 * statement built with a varying shape (an IN list per length) cannot grow every session's cache
 * without end.
 */
export class StatementNames {
  readonly #names = new Map<string, string>();
  readonly #max: number;
  readonly #prefix: string;

  constructor(prefix: string, max = 1000) {
    this.#prefix = prefix;
    this.#max = max;
  }

  of(text: string): string | undefined {
    let name = this.#names.get(text);
    if (!name && this.#names.size < this.#max) {
      name = `${this.#prefix}${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return name;
  }
}

const commands = ['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'MERGE'] satisfies PostgresQueryResult<unknown>['command'][];
/** Kysely counts affected rows only for these; any other command (BEGIN, SET) reads as a SELECT. */
const commandOf = (command: string): PostgresQueryResult<unknown>['command'] =>
  commands.find((c) => c === command) ?? 'SELECT';

/** Kysely's result of a pg result; of several statements sent as one text, the last one's. */
function resultOf<R>(answer: pg.QueryResult | pg.QueryResult[]): PostgresQueryResult<R> {
  const result = Array.isArray(answer) ? answer[answer.length - 1] : answer;
  return { command: commandOf(result.command), rowCount: result.rowCount ?? 0, rows: result.rows };
}

/** How a transaction opens (Kysely's `begin`, or `start transaction` with settings). */
const opensTransaction = /^(begin|start transaction\b)/i;
/** How it ends: with nothing run since the deferred BEGIN, neither needs sending. */
const endsTransaction = /^(commit|rollback)$/i;
const nothing = <R>(): PostgresQueryResult<R> => ({ command: 'SELECT', rowCount: 0, rows: [] });

/**
 * A pooled connection that sends each parameterised statement as a named (prepared) one, and holds
 * a transaction's BEGIN back until its first statement: sent with it in one round trip when that
 * statement has no parameters (the simple protocol takes several statements in one message; the
 * bus's inbox insert opens every handler's transaction this way), just ahead of it otherwise.
 */
class PreparingClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;
  readonly #names: StatementNames;
  #deferredBegin: string | undefined;
  /** The server ended the session (an idle transaction's timeout, a restart): its transaction is gone. */
  #lost = false;

  constructor(client: pg.PoolClient, names: StatementNames) {
    this.#client = client;
    this.#names = names;
    const lost = () => void (this.#lost = true);
    client.once('end', lost);
    client.once('error', lost);
  }

  get processID(): number | undefined {
    return Reflect.get(this.#client, 'processID');
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sql: string | PostgresCursor<R>,
    parameters: ReadonlyArray<unknown> = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sql !== 'string') throw new Error('streaming (a cursor) is not configured on this pool');
    return this.#run<R>(sql, [...parameters]);
  }

  async #run<R>(text: string, values: unknown[]): Promise<PostgresQueryResult<R>> {
    const begin = this.#deferredBegin;
    this.#deferredBegin = undefined; // (taken before any await: a concurrent statement must not take it too)
    if (!values.length && opensTransaction.test(text)) {
      this.#deferredBegin = text;
      return nothing<R>();
    }
    if (begin && endsTransaction.test(text)) return nothing<R>();
    // A rollback on a lost session succeeds: the server discarded the transaction with it, and Kysely
    // releases the connection only after a rollback that did not throw (else the pool loses a slot).
    // (pg emits the session's end before it fails the statements queued on it: #lost is set by then)
    const rollback = /^rollback$/i.test(text);
    if (this.#lost && rollback) return nothing<R>();
    try {
      return await this.#send<R>(begin, text, values);
    } catch (err) {
      if (!this.#lost) throw err;
      if (rollback) return nothing<R>();
      // (pg's own "connection terminated" errors carry no SQLSTATE: a lost session is a 503 to retry)
      throw (err as { code?: unknown }).code ? err : new DatabaseUnavailable(err);
    }
  }

  async #send<R>(begin: string | undefined, text: string, values: unknown[]): Promise<PostgresQueryResult<R>> {
    // (without values a statement goes by the simple protocol: one message, nothing to prepare)
    if (begin && !values.length) return resultOf<R>(await this.#client.query(`${begin};\n${text}`));
    // (queued on the connection at once, in order: pg sends each when the one before has answered)
    const opened = begin ? this.#client.query(begin) : undefined;
    const name = values.length ? this.#names.of(text) : undefined;
    const [, result] = await Promise.all([
      opened,
      this.#client.query(name ? { name, text, values } : { text, values }),
    ]);
    return resultOf<R>(result);
  }

  release(): void {
    this.#deferredBegin = undefined;
    this.#client.release();
  }
}

/** Kysely's pool interface over a pg pool, handing out one PreparingClient per connection. */
class PreparingPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #names: StatementNames;
  readonly #clients = new WeakMap<pg.PoolClient, PreparingClient>();

  constructor(pool: pg.Pool, names: StatementNames) {
    this.#pool = pool;
    this.#names = names;
  }

  get options(): object {
    return this.#pool.options;
  }

  async connect(): Promise<PreparingClient> {
    const client = await this.#pool.connect().catch((err: unknown) => {
      throw connectFailure(err);
    });
    let wrapped = this.#clients.get(client);
    if (!wrapped) {
      wrapped = new PreparingClient(client, this.#names);
      this.#clients.set(client, wrapped);
    }
    return wrapped;
  }

  end(): Promise<void> {
    unwatchPool(this.#pool);
    return this.#pool.end();
  }
}

export interface PoolSettings {
  /** Connections at most (DB_POOL_MAX). */
  max: number;
  /** How long a statement waits for a free connection before it fails (DB_POOL_WAIT_MS; 0: for ever). */
  waitMs?: number;
  /** Settings applied once to each new connection (a module's `sessionSettings`). */
  session?: Record<string, string>;
}

/**
 * The Kysely dialect MikroORM runs on (its documented `driverOptions`): pg's pool with MikroORM's
 * type parsers, every parameterised statement prepared once per connection (pg's named queries),
 * so Postgres parses it once and can keep a generic plan instead of planning it on every call.
 * Session settings are applied once per new connection.
 */
export function preparingDialect(
  url: string,
  { max, waitMs = 0, session = {} }: PoolSettings,
  onError: (err: Error) => void,
): PostgresDialect {
  const types = new pg.TypeOverrides();
  for (const [oid, parser] of Object.entries(createPostgreSqlTypeParsers((s) => parseArray(s))))
    types.setTypeParser(Number(oid), parser);
  const pool = new pg.Pool({
    // (pg reads libpq's `?host=/socket/dir` from the URL itself)
    connectionString: url,
    application_name: 'tessera',
    max,
    // (a request must not wait for ever behind a full pool: past this it is a 503, errors.ts)
    connectionTimeoutMillis: waitMs,
    types,
  });
  // (a connection the server dropped must not take the process down: pg reports it as an event)
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  watchPool(pool);
  const settings = Object.entries(session);
  return new PostgresDialect({
    pool: new PreparingPool(pool, new StatementNames('t')),
    onCreateConnection: async (connection) => {
      // set_config, not SET: names and values travel as parameters, never pasted into SQL.
      for (const [name, value] of settings)
        await connection.executeQuery(CompiledQuery.raw('select set_config($1, $2, false)', [name, value]));
    },
  });
}
