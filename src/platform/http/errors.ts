import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { isTransientDatabaseError } from '../db/index.ts';

/** A failure the caller can act on; mapped to an RFC 9457 problem in one place (the error handler). */
export class DomainError extends Error {
  readonly status: number;
  readonly title: string;
  readonly extra: Record<string, unknown>;
  constructor(status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.status = status;
    this.title = title;
    this.extra = extra;
  }
}
export class BadRequest extends DomainError {
  constructor(detail: string, extra?: Record<string, unknown>) {
    super(400, 'Bad Request', detail, extra);
  }
}
export class Unauthorized extends DomainError {
  constructor(detail = 'Authentication required') {
    super(401, 'Unauthorized', detail);
  }
}
export class Forbidden extends DomainError {
  constructor(detail = 'Not allowed') {
    super(403, 'Forbidden', detail);
  }
}
export class NotFound extends DomainError {
  constructor(what: string) {
    super(404, 'Not Found', `${what} not found`);
  }
}
export class Conflict extends DomainError {
  constructor(detail: string) {
    super(409, 'Conflict', detail);
  }
}
export class Unprocessable extends DomainError {
  constructor(detail: string) {
    super(422, 'Unprocessable Content', detail);
  }
}

/** The problem+json document, for response schemas. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', additionalProperties: true },
);

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [k: string]: unknown;
}

export function sendProblem(reply: FastifyReply, body: ProblemBody) {
  return reply.code(body.status).type('application/problem+json').send(body);
}

const fieldOf = (e: { instancePath?: string; params?: Record<string, unknown> }, part: string) => {
  const path = (e.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const missing = e.params?.missingProperty ?? e.params?.additionalProperty;
  const name = [path, missing].filter(Boolean).join('.');
  return name || part;
};

/** Maps every thrown error to problem+json; unknown errors are 500s with no internals leaked. */
export function errorHandler(
  err: FastifyError & { validation?: any[]; validationContext?: string },
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const instance = req.url;
  if (err.validation) {
    const part = err.validationContext ?? 'body';
    const errors = err.validation.map((e) => ({
      field: fieldOf(e, part),
      message: e.keyword === 'additionalProperties' ? 'is not an allowed property' : String(e.message),
    }));
    const detail = errors.map((e) => `${part === 'body' ? '' : part + '.'}${e.field} ${e.message}`).join('; ');
    return sendProblem(reply, { type: 'about:blank', title: 'Bad Request', status: 400, detail, instance, errors });
  }
  if (err instanceof DomainError) {
    return sendProblem(reply, {
      type: 'about:blank',
      title: err.title,
      status: err.status,
      detail: err.message,
      instance,
      ...err.extra,
    });
  }
  const database = databaseProblem(err);
  if (database?.status === 503) {
    req.log.warn({ err }, 'database busy or unavailable');
    reply.header('retry-after', '1');
  }
  if (database) return sendProblem(reply, { type: 'about:blank', instance, ...database });
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: body too large (413), malformed JSON, wrong content type, rate limit.
    const detail =
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.name === 'SyntaxError'
        ? `Malformed JSON body: ${err.message}`
        : String(err.message ?? titleFor(status));
    return sendProblem(reply, { type: 'about:blank', title: titleFor(status), status, detail, instance });
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'An unexpected error occurred',
    instance,
  });
}

/**
 * Postgres refusals that a caller caused, as 4xx: a unique key taken by a concurrent request
 * (the serial duplicate is a 409 too) and values the schema let through but the column cannot
 * hold. Validation should stop these first; this keeps a miss from being a 500. A busy database
 * (isTransientDatabaseError) is a 503: the failing transaction rolled back, and the same request
 * may succeed in a moment.
 */
function databaseProblem(err: { code?: unknown }) {
  if (isTransientDatabaseError(err))
    return {
      title: 'Service Unavailable',
      status: 503,
      detail: 'The database is busy or unavailable; retry in a moment',
    };
  const code = typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : undefined;
  if (code === '23505')
    return { title: 'Conflict', status: 409, detail: 'Conflicts with an existing resource (a unique value is taken)' };
  // 22001 too long, 22003 out of range, 22P02 bad text form, 22021 bad encoding, 22007/22008 bad date, 54000 too big
  if (code && (code.startsWith('22') || code === '54000'))
    return { title: 'Bad Request', status: 400, detail: 'A value does not fit its field' };
  return undefined;
}

export function titleFor(status: number): string {
  return (
    (
      {
        400: 'Bad Request',
        401: 'Unauthorized',
        403: 'Forbidden',
        404: 'Not Found',
        405: 'Method Not Allowed',
        406: 'Not Acceptable',
        409: 'Conflict',
        413: 'Content Too Large',
        414: 'URI Too Long',
        415: 'Unsupported Media Type',
        422: 'Unprocessable Content',
        429: 'Too Many Requests',
      } as Record<number, string>
    )[status] ?? 'Client Error'
  );
}
