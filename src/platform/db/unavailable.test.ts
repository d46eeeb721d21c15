import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errors.ts';
import { connectFailure, DatabaseUnavailable, isTransientDatabaseError, noConnection } from './unavailable.ts';

const failing = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

describe('transient database failures', () => {
  it('are the retryable SQLSTATEs and our pool refusal, not a caller error or a bug', () => {
    for (const code of ['40001', '40P01', '55P03', '57P01', '57P03', '08006', '08001', '53300'])
      expect(isTransientDatabaseError(failing(code)), code).toBe(true);
    expect(
      isTransientDatabaseError(new DatabaseUnavailable(new Error('timeout exceeded when trying to connect'))),
    ).toBe(true);
    for (const code of [
      '23505',
      '22001',
      '42P01',
      'XX000',
      '08P01',
      '08007',
      '57014',
      '53100',
      '53200',
      '40p01',
      '53300x',
    ])
      expect(isTransientDatabaseError(failing(code)), code).toBe(false);
    expect(isTransientDatabaseError(new Error('no code'))).toBe(false);
  });

  it('at connect: a busy or unreachable server is DatabaseUnavailable, a wrong password or database name is not', () => {
    expect(noConnection(connectFailure(new Error('timeout exceeded when trying to connect')))).toBe(true);
    expect(noConnection(connectFailure(failing('53300')))).toBe(true);
    expect(noConnection(connectFailure(failing('ECONNREFUSED')))).toBe(true);
    const wrongPassword = failing('28P01');
    expect(connectFailure(wrongPassword)).toBe(wrongPassword);
    expect(connectFailure(failing('3D000'))).toMatchObject({ code: '3D000' });
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
