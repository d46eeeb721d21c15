import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.ts';

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
});
