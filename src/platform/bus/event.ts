import type { Static, TSchema } from 'typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** A fact a module publishes: a versioned past-tense name and the JSON schema of its payload. */
export interface EventDef<S extends TSchema = TSchema> {
  readonly name: string;
  readonly schema: S;
  readonly description: string;
  /** Returns the first schema violation, or undefined when the payload is valid. */
  readonly check: (payload: unknown) => string | undefined;
  /**
   * The events of one `publishAll` travel as one job per queue (a fan-out such as one stock change
   * per line of an order): each is still its own fact, with its own id and inbox row, handled in
   * order; the job is retried, or dead-lettered, as a whole.
   */
  readonly together: boolean;
}

export type PayloadOf<E extends EventDef> = Static<E['schema']>;

/** What travels on the bus: the payload plus the metadata every hop needs. */
export interface Envelope<P = unknown> {
  id: string;
  name: string;
  occurredAt: string;
  producer: string;
  /** The trace id of the request that started the chain; one checkout is one trace. */
  correlationId: string;
  traceparent?: string;
  payload: P;
}

const eventName = /^[a-z]+(\.[a-z_]+)+\.v[0-9]+$/;

// Ajv (which the HTTP layer loads anyway) rather than typebox/compile, and each schema compiled on
// its first check: loading that compiler and compiling ~60 payload schemas was boot CPU (docs/adr/0109).
let payloads: Ajv | undefined;
const compile = (schema: TSchema): ValidateFunction => {
  if (!payloads) addFormats.default((payloads = new Ajv({ allErrors: false, strict: false })));
  return payloads.compile(schema);
};

export function defineEvent<S extends TSchema>(
  name: string,
  schema: S,
  description: string,
  opts: { together?: boolean } = {},
): EventDef<S> {
  if (!eventName.test(name)) throw new Error(`event name "${name}" must look like module.fact.v1`);
  let compiled: ValidateFunction | undefined;
  const check = (payload: unknown) => {
    compiled ??= compile(schema);
    if (compiled(payload)) return undefined;
    const first = compiled.errors?.[0];
    return `${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`;
  };
  return { name, schema, description, check, together: opts.together ?? false };
}

/** What a job carries: one event, or the events of one write of an event defined `together`. */
export type JobData = Envelope | { pack: Envelope[] };

/** The events a job carries (none if it is neither shape). */
export const eventsIn = (data: JobData | null | undefined): Envelope[] =>
  data && 'pack' in data ? (Array.isArray(data.pack) ? data.pack : []) : data ? [data] : [];

export class InvalidEventPayload extends Error {
  readonly event: string;
  constructor(event: string, detail: string) {
    super(`payload of ${event} is invalid: ${detail}`);
    this.event = event;
  }
}
