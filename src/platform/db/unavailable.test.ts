import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errors.ts';
import { DatabaseUnavailable, isTransientDatabaseError } from './unavailable.ts';

const failing = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

describe('transient database failures', () => {
  it('are the retryable SQLSTATEs and our pool refusal, not a caller error or a bug', () => {
    for (const code of ['40001', '40P01', '55P03', '57014', '57P01', '57P03', '08006', '53300', '53200'])
      expect(isTransientDatabaseError(failing(code)), code).toBe(true);
    expect(
      isTransientDatabaseError(new DatabaseUnavailable(new Error('timeout exceeded when trying to connect'))),
    ).toBe(true);
    for (const code of ['23505', '22001', '42P01', 'XX000', 'ECONNRESET', '40p01', '53300x'])
      expect(isTransientDatabaseError(failing(code)), code).toBe(false);
    expect(isTransientDatabaseError(new Error('no code'))).toBe(false);
    expect(isTransientDatabaseError(null)).toBe(false);
  });

  it('become 503 problems with Retry-After; other database errors keep their answers', async () => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    app.get('/:code', async (req) => {
      throw failing((req.params as { code: string }).code);
    });
    const answer = async (code: string) => {
      const res = await app.inject({ method: 'GET', url: `/${code}` });
      return { status: res.statusCode, type: res.headers['content-type'], retry: res.headers['retry-after'] };
    };
    expect(await answer('40P01')).toEqual({ status: 503, type: 'application/problem+json; charset=utf-8', retry: '1' });
    expect(await answer('DB_UNAVAILABLE')).toMatchObject({ status: 503, retry: '1' });
    expect(await answer('23505')).toMatchObject({ status: 409, retry: undefined });
    expect(await answer('XX000')).toMatchObject({ status: 500, retry: undefined });
    await app.close();
  });
});
