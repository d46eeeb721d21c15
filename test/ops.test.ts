import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startTestApp, uniqueEmail, type TestApp } from './helpers/app.ts';

describe('operations endpoints', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.stop());

  it('/health answers 200 and /ready checks database, bus, cache and (a consuming process) its consumers', async () => {
    expect((await app.request('GET', '/health')).json()).toEqual({ status: 'ok' });
    const ready = await app.request('GET', '/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', bus: 'ok', cache: 'ok', consumers: 'ok', published: 'ok' },
      seeding: false,
    });
  });

  it('serves an OpenAPI 3.1 document and an interactive UI at /docs', async () => {
    const ui = await app.request('GET', '/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    const doc = (await app.request('GET', '/docs/json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/store/auth/register', '/store/me', '/admin/customers', '/admin/events/dead']),
    );
    // Every route declares its responses, errors included.
    const register = doc.paths['/store/auth/register'].post;
    expect(Object.keys(register.responses)).toEqual(expect.arrayContaining(['202', '400', '429']));
    expect(register.requestBody.content['application/json'].schema.properties.email).toBeDefined();
  });

  it('exposes Prometheus metrics, including the bus counters', async () => {
    const res = await app.request('GET', '/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('tessera_events_published_total');
  });

  it('echoes a request id', async () => {
    const res = await app.request('GET', '/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect((await app.request('GET', '/health')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('logs', () => {
  it('carry no passwords or tokens, even at trace level', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'trace' },
      {
        write: (line: string) => {
          lines.push(line);
        },
      },
    );
    const app = await startTestApp({ LOG_LEVEL: 'trace' }, { logger });
    try {
      const password = 'Very-secret-Passw0rd';
      const email = uniqueEmail();
      await app.request('POST', '/store/auth/register', { body: { email, password } });
      const { accessToken, refreshToken } = (
        await app.request('POST', '/store/auth/login', { body: { email, password } })
      ).json();
      await app.request('GET', '/store/me', { token: accessToken });
      await app.request('POST', '/store/auth/refresh', { body: { refreshToken } });
      await app.request('POST', '/store/auth/login', { body: { email: 'nobody@example.com', password } });
      const all = lines.join('');
      expect(all).toContain('/store/auth/register'); // the requests were logged...
      for (const secret of [password, accessToken, refreshToken.split('.')[1]]) expect(all).not.toContain(secret); // ...their secrets not
    } finally {
      await app.stop();
    }
  });
});
