// docker-compose.yml's profiles: `single` and `split` each host every module exactly once (the
// split groups are the layout's), put nginx with the generated config in front of the app services,
// and seed the demo shop. Where a Compose CLI is installed (.ci/run installs one), `config` must
// accept both profiles with the secrets set and refuse them without.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { layouts, modulesOf } from '../src/platform/gateway/layouts.ts';
import { composeService } from '../src/platform/gateway/generate.ts';

const root = resolve(import.meta.dirname, '..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const allModules = readdirSync(resolve(root, 'src/modules')).sort();
const secrets = {
  POSTGRES_PASSWORD: 'pg-8c1f2a7e9b',
  MEILI_KEY: 'meili-4d6e8f0a2b4c6d8e',
  ADMIN_EMAIL: 'owner@shop.example',
  ADMIN_PASSWORD: 'Owner-password-1',
};

type Service = { profiles?: string[]; environment?: Record<string, string>; volumes?: string[]; command?: string[] };
const services = Object.entries(compose.services as Record<string, Service>);
/** The services `docker compose --profile <p> up` starts. */
const started = (profile: string) => services.filter(([, s]) => !s.profiles || s.profiles.includes(profile));
/** Long-running Tessera processes (one-shot jobs run a command of their own). */
const appServices = (profile: string) => started(profile).filter(([, s]) => s.environment?.MODULES && !s.command);

/** A Compose CLI: the v2 plugin, or the standalone docker-compose. */
function composeCli(): string[] | undefined {
  for (const cmd of [['docker', 'compose'], ['docker-compose']]) {
    const r = spawnSync(cmd[0], [...cmd.slice(1), 'version'], { encoding: 'utf8' });
    if (r.status === 0) return cmd;
  }
  return undefined;
}
const cli = composeCli();

describe.each(['single', 'split'] as const)('compose profile %s', (profile) => {
  it('hosts every module once, in the groups of the layout', () => {
    const apps = appServices(profile);
    const hosted = apps.flatMap(([, s]) =>
      s.environment!.MODULES === 'all' ? allModules : s.environment!.MODULES.split(','),
    );
    expect([...hosted].sort()).toEqual(allModules);
    const layout = layouts[profile];
    expect(apps.map(([name]) => name).sort()).toEqual(layout.groups.map((g) => composeService(profile, g.name)).sort());
    for (const g of layout.groups) {
      const [, s] = apps.find(([name]) => name === composeService(profile, g.name))!;
      const modules = s.environment!.MODULES === 'all' ? allModules : s.environment!.MODULES.split(',').sort();
      expect(modules).toEqual(modulesOf(layout, g, allModules));
    }
    // No app service is reachable but through the gateway.
    for (const [name, s] of apps) expect((s as { ports?: unknown }).ports, name).toBeUndefined();
  });

  it('puts nginx with the generated config in front, its upstreams the app services', () => {
    const gateways = started(profile).filter(([, s]) => (s as { image?: string }).image?.includes('nginx'));
    expect(gateways).toHaveLength(1);
    const [, gateway] = gateways[0];
    expect(gateway.volumes).toContain(`./deploy/gateway/${profile}.conf:/etc/nginx/conf.d/default.conf:ro`);
    expect(gateway.volumes).toContain('./deploy/openapi.json:/etc/nginx/tessera/openapi.json:ro');
    expect((gateway as { ports?: string[] }).ports).toEqual(['3000:3000']);
    const conf = readFileSync(resolve(root, `deploy/gateway/${profile}.conf`), 'utf8');
    expect(conf).toMatch(/listen 3000;/);
    const upstreams = [...conf.matchAll(/server ([\w-]+):3000;/g)].map((m) => m[1]).sort();
    expect(upstreams).toEqual(
      appServices(profile)
        .map(([name]) => name)
        .sort(),
    );
  });

  it('seeds the demo shop once', () => {
    if (profile === 'single') {
      const [[, app]] = appServices('single');
      expect(app.environment!.MODULES).toBe('all');
      expect(app.environment!.SEED_DEMO).toBeUndefined(); // (on by default)
    } else {
      const seeders = started('split').filter(([, s]) => s.command?.includes('build/src/platform/seed/demo-cli.js'));
      expect(seeders).toHaveLength(1);
      expect((seeders[0][1] as { restart?: string }).restart).toBe('no');
    }
  });

  it.skipIf(!cli)(
    '`compose config` accepts the profile with the secrets set, and refuses it without',
    () => {
      const run = (env: Record<string, string>) =>
        spawnSync(cli![0], [...cli!.slice(1), '--profile', profile, 'config', '-q'], {
          cwd: root,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        });
      const ok = run(secrets);
      expect(ok.status, ok.stderr).toBe(0);
      const refused = run({ ...secrets, ADMIN_PASSWORD: '' });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('ADMIN_PASSWORD');
    },
    180_000,
  ); // (the Python docker-compose takes 10 s per run on a quiet machine)
});

// docker-compose.roles.yml over the split profile: each group's process logs in as its own role,
// made by `npm run db:roles` in the migrate job for exactly the modules that group hosts.
describe('compose split profile with a database role per group', () => {
  const overlay = parse(readFileSync(resolve(root, 'docker-compose.roles.yml'), 'utf8')) as {
    services: Record<string, Service>;
  };
  const made = overlay.services.migrate.command!.join(' ');
  const loginOf = (service: string) =>
    /^postgres:\/\/(\w+):/.exec(overlay.services[service].environment!.DATABASE_URL)![1];
  const modulesMadeFor = (login: string) => new RegExp(`roles-cli\\.js ${login} ([\\w,]+)`).exec(made)?.[1];

  it('gives every app service and the seed a login of its own, for its modules only', () => {
    const apps = appServices('split');
    for (const [name, s] of apps) {
      const login = loginOf(name);
      expect(login, name).not.toBe('postgres');
      expect(modulesMadeFor(login)?.split(',').sort(), name).toEqual(s.environment!.MODULES.split(',').sort());
    }
    const logins = [...apps.map(([name]) => loginOf(name)), loginOf('seed')];
    expect(new Set(logins).size).toBe(logins.length);
    expect(modulesMadeFor(loginOf('seed'))).toBe('all'); // (the seed boots every module)
    // Migrations first, as the owning login; the logins after, each from its own password variable.
    expect(made.indexOf('migrate-cli.js')).toBeLessThan(made.indexOf('roles-cli.js'));
    expect(overlay.services.migrate.environment!.MIGRATION_DATABASE_URL).toBeDefined();
  });

  it.skipIf(!cli)(
    '`compose config` accepts it with every password set, and refuses it without one',
    () => {
      const passwords = {
        CATALOG_DB_PASSWORD: 'c1a2',
        CHECKOUT_DB_PASSWORD: 'c3b4',
        REST_DB_PASSWORD: 'r5c6',
        SEED_DB_PASSWORD: 's7d8',
      };
      const run = (env: Record<string, string>) =>
        spawnSync(
          cli![0],
          [
            ...cli!.slice(1),
            '-f',
            'docker-compose.yml',
            '-f',
            'docker-compose.roles.yml',
            '--profile',
            'split',
            'config',
          ],
          {
            cwd: root,
            encoding: 'utf8',
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...secrets, ...env },
          },
        );
      const ok = run(passwords);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('postgres://shop_checkout:c3b4@postgres:5432/tessera');
      const refused = run({ ...passwords, CHECKOUT_DB_PASSWORD: '' });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('CHECKOUT_DB_PASSWORD');
    },
    180_000,
  );
});
