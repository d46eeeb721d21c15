import { createRequire } from 'node:module';

/**
 * Fewer round trips per transaction, with the protocol's own pipelining: statements whose answer
 * nobody waits for are held back and written together with the next statement (one write, one
 * Sync), and Postgres runs them in the same order as before.
 * - A transaction's BEGIN is answered at once and travels with its first statement. A transaction
 *   that ran nothing sends nothing at all.
 * - A write marked with `behind()` inside a transaction (a publish, a status update whose result
 *   is not read) is answered at once and travels with the next statement, usually the COMMIT. If
 *   it fails, that next statement fails with its error (the transaction is aborted, as it would
 *   have been), so a held write can never be lost silently: the COMMIT then fails too.
 * On this machine a round trip costs about 0.1 ms of CPU on each side; a bus handler's whole
 * transaction is a handful of them.
 */

export type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;
/** A statement as the cache hands it over: its prepared name, if it has one. */
export interface Step {
  name?: string;
  text: string;
  values?: unknown[];
}
export type PgQueryClass = new (
  config: object,
  values?: unknown,
  callback?: (err: Error | null, result?: unknown) => void,
) => object;
export interface PgClient {
  connection: PgConnection;
}
interface PgConnection {
  parsedStatements: Record<string, string>;
  parse(m: object): void;
  bind(m: object): void;
  execute(m: object): void;
}
interface PgQueryInternals {
  prepare(c: PgConnection): void;
  handleRowDescription(m: unknown): void;
  handleDataRow(m: unknown): void;
  handleCommandComplete(m: unknown, c: PgConnection): void;
}

const MARK = '/*behind*/ ';
/** Marks a write whose result the caller does not read: inside a transaction it may travel with the next statement. */
export const behind = (sql: string): string => MARK + sql;

const BEGIN = /^\s*(begin|start\s+transaction)\b[^;]*$/i;
const END = /^\s*(commit|rollback|end|abort)(\s+(work|transaction))?\s*;?\s*$/i;
const ROLLBACK = /^\s*(rollback|abort)/i;
const ROLLBACK_TO = /^\s*rollback\s+(work\s+|transaction\s+)?to\b/i;
const HELD = Symbol('held statements');
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

/** Forgets what a client held back (it goes back to its pool: nothing can follow). */
export const forgetHeld = (client: unknown): void => (client as { [HELD]?: Pipeline })[HELD]?.reset();

const answered = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

export class Pipeline {
  #begin: Step | undefined;
  #behind: Step[] = [];
  #open = false;
  /** Prepared names of the BEGIN texts (a held BEGIN binds one: no Parse travels in a pipeline). */
  #begins = new Map<string, string>();
  /** A held write's failure, sent alone ahead of a statement that could not carry it (flushAlone). */
  #failed: unknown;
  readonly #client: PgClient;
  readonly #query: Query;
  readonly #Pipelined: new (
    pre: Step[],
    config: object,
    callback: (err: Error | null, result?: unknown) => void,
  ) => object;

  constructor(client: PgClient, query: Query, PgQuery: PgQueryClass) {
    this.#client = client;
    this.#query = query;
    this.#Pipelined = pipelinedClass(PgQuery);
    (client as unknown as { [HELD]: Pipeline })[HELD] = this;
  }

  reset(): void {
    this.#begin = undefined;
    this.#behind = [];
    this.#open = false;
    this.#failed = undefined;
  }

  /** Answers a statement without sending it, when it may wait for the next one; else undefined. */
  hold(step: Step): Promise<unknown> | undefined {
    if (!step.values) {
      if (BEGIN.test(step.text) && !this.#open) {
        this.#open = true;
        this.#failed = undefined;
        let name = this.#begins.get(step.text);
        if (!name) this.#begins.set(step.text, (name = `tbegin${this.#begins.size}`));
        // Only a BEGIN this connection has prepared is held: the first one goes alone, prepared.
        // (A Parse inside a pipeline would make pg record the main statement as prepared too early.)
        if (!this.#client.connection.parsedStatements[name])
          return this.#query.call(this.#client, { name, text: step.text }) as Promise<unknown>;
        this.#begin = { name, text: step.text };
        return Promise.resolve(answered('BEGIN'));
      }
      // Everything held came after the last statement sent, so after the savepoint: it goes too.
      if (ROLLBACK_TO.test(step.text)) this.#behind = [];
      if (END.test(step.text)) {
        const rollback = ROLLBACK.test(step.text);
        if (rollback) this.#behind = []; // (they would be rolled back with the rest)
        this.#open = false;
        if (this.#begin && !this.#behind.length) {
          this.#begin = undefined;
          return Promise.resolve(answered(rollback ? 'ROLLBACK' : 'COMMIT'));
        }
        return undefined;
      }
    }
    // A held write binds a statement this connection has prepared already (its first run goes
    // alone), with values that can be sent (else it goes alone and fails where it is called).
    if (this.#open && step.text.startsWith(MARK) && step.name && this.#client.connection.parsedStatements[step.name]) {
      let values: unknown[];
      try {
        values = (step.values ?? []).map((v) => prepareValue(v));
      } catch {
        return undefined;
      }
      this.#behind.push({ name: step.name, text: step.text, values });
      return Promise.resolve(answered('SELECT'));
    }
    return undefined;
  }

  /** Sends the statement, with whatever is held in front of it. */
  send(step: Step): Promise<unknown> {
    const result = this.#send(step);
    if (!END.test(step.text) || ROLLBACK.test(step.text)) return result;
    // A COMMIT that Postgres answers ROLLBACK found its transaction aborted: a statement in it
    // failed, and if that failure went unseen (a held write sent ahead of a cursor, say), the
    // commit must not look like a success.
    const failed = this.#failed;
    this.#failed = undefined;
    return result.then((r) => {
      if ((r as { command?: string })?.command === 'ROLLBACK') {
        throw failed instanceof Error
          ? failed
          : new Error('the transaction was aborted by an earlier error, and COMMIT rolled it back');
      }
      return r;
    });
  }

  #send(step: Step): Promise<unknown> {
    const pre = this.#take();
    const config = step.name || step.values ? { ...step } : step.text;
    if (!pre.length) return this.#query.call(this.#client, config, step.values) as Promise<unknown>;
    // A script (several statements, no parameters) cannot be pipelined: what is held goes first.
    if (!step.values && step.text.includes(';'))
      return this.#run(pre, { text: 'select 1' }).then(
        () => this.#query.call(this.#client, step.text) as Promise<unknown>,
      );
    if (!END.test(step.text)) return this.#run(pre, { ...step });
    // A held write that fails makes Postgres skip the COMMIT after it: the transaction would stay
    // open, aborted, on a connection going back to its pool. End it here (after a COMMIT that
    // itself failed, this ROLLBACK only draws a warning).
    return this.#run(pre, { ...step }).catch(async (err: unknown) => {
      await (this.#query.call(this.#client, 'rollback') as Promise<unknown>).catch(() => {});
      throw err;
    });
  }

  /** Before a statement that cannot carry them (a callback, a cursor): sends what is held, alone. */
  flushAlone(): boolean {
    const pre = this.#take();
    // (a failure aborts the transaction: the next statement says so, and the COMMIT reports it)
    if (pre.length)
      this.#run(pre, { text: 'select 1' }).catch((err: unknown) => {
        this.#failed = err;
      });
    return pre.length > 0;
  }

  #take(): Step[] {
    const pre = [...(this.#begin ? [this.#begin] : []), ...this.#behind];
    this.#begin = undefined;
    this.#behind = [];
    return pre;
  }

  #run(pre: Step[], config: object): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#query.call(
        this.#client,
        new this.#Pipelined(pre, config, (err, result) => (err ? reject(err) : resolve(result))),
      );
    });
  }
}

const classes = new WeakMap<
  PgQueryClass,
  new (pre: Step[], config: object, callback: (err: Error | null, result?: unknown) => void) => object
>();

/**
 * pg's own Query, with the held statements' Bind/Execute (and, for an unnamed one, Parse) written
 * ahead of its own messages: one Sync closes them all. Their answers (no RowDescription: they are
 * not described) are kept out of the result.
 */
function pipelinedClass(Base: PgQueryClass) {
  let Pipelined = classes.get(Base);
  if (Pipelined) return Pipelined;
  Pipelined = class extends (Base as unknown as new (...a: unknown[]) => PgQueryInternals) {
    readonly #pre: Step[];
    #pending: number;
    constructor(pre: Step[], config: object, callback: (err: Error | null, result?: unknown) => void) {
      super(config, undefined, callback);
      this.#pre = pre;
      this.#pending = pre.length;
    }
    requiresPreparation() {
      return true;
    }
    prepare(connection: PgConnection) {
      // (every held statement is prepared already and its values are mapped: hold() sees to both)
      for (const s of this.#pre) {
        connection.bind({ portal: '', statement: s.name, values: s.values ?? [] });
        connection.execute({ portal: '' });
      }
      super.prepare(connection);
    }
    handleRowDescription(msg: unknown) {
      if (!this.#pending) super.handleRowDescription(msg);
    }
    handleDataRow(msg: unknown) {
      if (!this.#pending) super.handleDataRow(msg);
    }
    handleCommandComplete(msg: unknown, connection: PgConnection) {
      if (this.#pending > 0) this.#pending--;
      else super.handleCommandComplete(msg, connection);
    }
  } as never;
  classes.set(Base, Pipelined!);
  return Pipelined!;
}
