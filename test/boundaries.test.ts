import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** Runs the project's boundary rules (the same config npm test uses) over a small planted tree. */
async function cruise(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-boundaries-'));
  dirs.push(dir);
  copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  copyFileSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  try {
    const { stdout } = await run(
      process.execPath,
      [
        join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs'),
        'src',
        '--config',
        '.dependency-cruiser.cjs',
      ],
      { cwd: dir },
    );
    return { code: 0, out: stdout };
  } catch (e: any) {
    return { code: e.code as number, out: String(e.stdout) + String(e.stderr) };
  }
}
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const base = {
  'src/platform/bus/event.ts': 'export const defineEvent = (n: string) => n;\n',
  'src/platform/bus/index.ts': "export { defineEvent } from './event.ts';\n",
  'src/modules/a/contract.ts':
    "import { defineEvent } from '../../platform/bus/index.ts';\nexport const AHappened = defineEvent('a.happened.v1');\n",
  'src/modules/a/internal.ts': 'export const secret = 42;\n',
};

describe('module boundary check (dependency-cruiser)', () => {
  it("passes when a module imports only the platform and another module's contract", async () => {
    const r = await cruise({
      ...base,
      'src/modules/b/index.ts': "import { AHappened } from '../a/contract.ts';\nexport const x = AHappened;\n",
    });
    expect(r.out).toMatch(/no dependency violations found \([1-9]\d* modules/);
    expect(r.code).toBe(0);
  });

  it("fails on a planted reach into another module's internals", async () => {
    const r = await cruise({
      ...base,
      'src/modules/b/index.ts': "import { secret } from '../a/internal.ts';\nexport const x = secret;\n",
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('module-reaches-into-another');
    expect(r.out).toContain('src/modules/b/index.ts');
  });

  it('fails when a module imports platform/db or platform/bus past their index.ts', async () => {
    const r = await cruise({
      ...base,
      'src/platform/db/index.ts': "export { query } from './sql.ts';\n",
      'src/platform/db/sql.ts': 'export const query = 1;\n',
      'src/modules/b/index.ts': "import { query } from '../../platform/db/index.ts';\nexport const x = query;\n",
      'src/modules/b/reach.ts': "import { query } from '../../platform/db/sql.ts';\nexport const y = query;\n",
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('module-reaches-into-platform-internals');
    expect(r.out).toContain('src/modules/b/reach.ts');
    expect(r.out).not.toMatch(/src\/modules\/b\/index\.ts/);
  });

  it('fails when the platform imports a module', async () => {
    const r = await cruise({
      ...base,
      'src/platform/host/x.ts':
        "import { AHappened } from '../../modules/a/contract.ts';\nexport const y = AHappened;\n",
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('platform-imports-module');
  });
});
