import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../http/errors.ts';
import type { CsvIssue } from './read.ts';

/** The largest CSV file an import takes (a 413 above): about 20,000 rows of a wide product file. */
export const CSV_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** A file with problems: every one of them, by line and column, and nothing applied. */
export class CsvInvalid extends DomainError {
  constructor(issues: CsvIssue[]) {
    const sorted = [...issues].sort((a, b) => a.line - b.line).slice(0, 1000);
    const first = sorted[0];
    super(
      422,
      'Unprocessable Content',
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in the file, nothing applied; first at line ${first?.line}${first?.column ? `, column ${first.column}` : ''}: ${first?.message}`,
      { errors: sorted },
    );
  }
}

/** The 422 an import answers (a problem with `errors` by line). */
export const CsvProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Array(
      Type.Object({ line: Type.Integer(), column: Type.Union([Type.String(), Type.Null()]), message: Type.String() }),
    ),
  },
  { description: 'The file was refused: every problem found, by line (the header is line 1); nothing was applied' },
);

/** `?dryRun=true`: check the file and count what it would do, apply nothing. */
export const ImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);

/** What an import did (or, in a dry run, would do), counted in rows. */
export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** The body of an import route: the CSV text as a string (the content-type parser checks its encoding). */
export const CsvBody = Type.String({ description: 'RFC 4180 CSV, UTF-8, the header first' });

/**
 * Lets the routes of this plugin context take `text/csv` bodies, up to CSV_BODY_LIMIT_BYTES, as
 * text. Bytes that are not UTF-8 (an encoded lone surrogate among them) are a 422 naming the line.
 */
export function acceptCsv(app: FastifyInstance) {
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT_BYTES }, (_req, body, done) => {
    const bytes = body as Buffer;
    try {
      done(null, new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      done(new CsvInvalid([{ line: badLine(bytes), column: null, message: 'is not valid UTF-8 text' }]), undefined);
    }
  });
}

/** The physical line of the first bytes that are not UTF-8. */
function badLine(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
  }
}

/** Starts a CSV download. */
export function sendCsv(reply: FastifyReply, filename: string, body: string | AsyncIterable<string>) {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.send(typeof body === 'string' ? body : Readable.from(body));
}
