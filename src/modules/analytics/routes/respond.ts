import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadRequest } from '../../../platform/http/errors.ts';
import { toCsv } from '../domain/csv.ts';
import { isTimeZone } from '../domain/period.ts';

/** Every report takes a range of local days in an IANA zone: a bad zone or a reversed range is a 400. */
export function checkRange(q: { from: string; to: string; tz: string }): void {
  if (!isTimeZone(q.tz)) throw new BadRequest(`tz: unknown time zone '${q.tz}'`, { field: 'tz' });
  if (Number.isNaN(Date.parse(q.from))) throw new BadRequest('from: not a date', { field: 'from' });
  if (Number.isNaN(Date.parse(q.to))) throw new BadRequest('to: not a date', { field: 'to' });
  if (q.from > q.to) throw new BadRequest('from is after to', { field: 'from' });
  // A range of centuries is a query over nothing but still a scan of every row: refuse it.
  if (Date.parse(q.to) - Date.parse(q.from) > 3 * 366 * 86_400_000)
    throw new BadRequest('the range spans more than three years', { field: 'to' });
}

/** CSV when asked by `?format=csv` or `Accept: text/csv`; JSON otherwise. */
export function wantsCsv(req: FastifyRequest, format: string | undefined): boolean {
  if (format) return format === 'csv';
  return /\btext\/csv\b/.test(req.headers.accept ?? '');
}

export function sendReport<R extends Record<string, string | number | null>>(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { format?: string; name: string; columns: (keyof R & string)[]; rows: R[] },
) {
  if (!wantsCsv(req, opts.format)) return reply.send({ rows: opts.rows });
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${opts.name}.csv"`);
  return reply.send(toCsv(opts.columns, opts.rows));
}
