// docker-compose.yml refuses to start with missing or placeholder secrets. There is no Docker
// engine where the tests run, so this applies Compose's variable interpolation to the file the
// way `docker compose config` does (${VAR}, ${VAR:-default}, ${VAR:?error}).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const compose = readFileSync(resolve(import.meta.dirname, '../docker-compose.yml'), 'utf8');
const SECRETS = ['POSTGRES_PASSWORD', 'MEILI_KEY', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'];

/** Compose's interpolation: the file text with every variable resolved, or the errors it stops with. */
function interpolate(text: string, env: Record<string, string>): { text: string; errors: string[] } {
  const errors: string[] = [];
  const out = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g, (_m, name: string, colon: string, op: string, arg: string) => {
      const value = env[name];
      const unset = value === undefined || (colon === ':' && value === '');
      if (!op) return value ?? '';
      if (op === '-') return unset ? arg : value;
      if (unset) errors.push(`${name}: ${arg}`);
      return value ?? '';
    });
  return { text: out, errors };
}

describe('docker-compose.yml secrets', () => {
  it('refuses to start while any secret is unset or empty, naming it', () => {
    const { errors } = interpolate(compose, {});
    for (const name of SECRETS)
      expect(
        errors.some((e) => e.startsWith(`${name}:`)),
        name,
      ).toBe(true);
    for (const name of SECRETS) {
      const env = Object.fromEntries(SECRETS.map((s) => [s, s === name ? '' : 'set-to-something-long']));
      expect(interpolate(compose, env).errors.map((e) => e.split(':')[0])).toContain(name);
    }
  });

  it('with the secrets set, resolves fully and carries no placeholder or default password', () => {
    const env = {
      POSTGRES_PASSWORD: 'pg-8c1f2a7e9b',
      MEILI_KEY: 'meili-4d6e8f0a2b4c6d8e',
      ADMIN_EMAIL: 'owner@shop.example',
      ADMIN_PASSWORD: 'Owner-password-1',
    };
    const { text, errors } = interpolate(compose, env);
    expect(errors).toEqual([]);
    expect(text).not.toMatch(/\$\{/);
    expect(text).not.toMatch(/change-me|postgres:postgres@|POSTGRES_PASSWORD: postgres\b/);
    expect(text).toContain(`postgres://postgres:${env.POSTGRES_PASSWORD}@postgres:5432/tessera`);
    expect(text).toMatch(/PAYMENT_TEST_PROVIDER: off/);
  });

  it('publishes the backing services on the loopback interface only', () => {
    const ports = [...compose.matchAll(/- '([\d.:]+)'/g)].map((m) => m[1]);
    const backing = ports.filter((p) => !/^\d+:3000$/.test(p));
    expect(backing.length).toBeGreaterThan(0);
    for (const p of backing) expect(p, p).toMatch(/^127\.0\.0\.1:/);
  });
});
