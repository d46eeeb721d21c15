import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.ts';
import { checkConfig, supportedKeywords } from './check.ts';
import { ConfigSchema } from './schema.ts';

describe('config', () => {
  it('starts from config/defaults.json with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      MODULES: 'all',
      BUS_NOTIFY: true,
      ACCESS_TOKEN_TTL_SECONDS: 900,
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('reads and types env values', () => {
    const c = loadConfig({
      PORT: '8080',
      BUS_NOTIFY: 'false',
      MODULES: 'user,order',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(c).toMatchObject({
      PORT: 8080,
      BUS_NOTIFY: false,
      MODULES: 'user,order',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a number/],
    ['PORT', '70000', /PORT/],
    ['BUS_NOTIFY', 'maybe', /BUS_NOTIFY must be true or false/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL/],
    ['MODULES', 'User;Order', /MODULES/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['ADMIN_PASSWORD', 'short', /ADMIN_PASSWORD/],
    ['STRIPE_SECRET_KEY', 'pk_test_123', /STRIPE_SECRET_KEY/],
    ['BUS_INTEREST_CHECK_SECONDS', '1e12', /BUS_INTEREST_CHECK_SECONDS/],
  ])('a wrong %s (%s) stops start-up with a message naming it', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toMatch(message);
  });

  it('uses only the schema keywords the config check knows', () => {
    const used = new Set<string>();
    const formats = new Set<string>();
    const walk = (s: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(s)) {
        used.add(k);
        if (k === 'format') formats.add(String(v));
        if (k === 'properties') Object.values(v as object).forEach(walk);
        if (k === 'anyOf') (v as object[]).forEach((x) => walk(x as Record<string, unknown>));
      }
    };
    walk(ConfigSchema as unknown as Record<string, unknown>);
    expect([...used].filter((k) => !supportedKeywords.has(k))).toEqual([]);
    expect([...formats].filter((f) => f !== 'email')).toEqual([]);
  });

  it('checks each keyword', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      properties: {
        a: { type: 'integer', minimum: 1, maximum: 9 },
        b: { anyOf: [{ const: 'x' }, { const: 'y' }] },
        c: { type: 'string', minLength: 2, pattern: '^[a-z]+$' },
        d: { type: 'string', format: 'email' },
      },
    };
    const problem = (v: object) => checkConfig(schema, v);
    expect(problem({ a: 5, b: 'y', c: 'ok', d: 'a@b.co' })).toBeUndefined();
    expect(problem({})).toMatchObject({ missingProperty: 'a' });
    expect(problem({ a: 1.5 })).toMatchObject({ instancePath: '/a' });
    expect(problem({ a: 0 })).toMatchObject({ instancePath: '/a' });
    expect(problem({ a: 10 })).toMatchObject({ instancePath: '/a' });
    expect(problem({ a: 1, b: 'z' })).toMatchObject({ instancePath: '/b' });
    expect(problem({ a: 1, c: 'a' })).toMatchObject({ instancePath: '/c' });
    expect(problem({ a: 1, c: 'A1' })).toMatchObject({ instancePath: '/c' });
    expect(problem({ a: 1, d: 'not an address' })).toMatchObject({ instancePath: '/d' });
  });
});
