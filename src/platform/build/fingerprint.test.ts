import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsFresh, inputSnapshot, stampFile } from './fingerprint.mjs';

describe('buildIsFresh: the stamp against the inputs as they are now', () => {
  let root: string;
  const write = (path: string, text = 'x') => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** What a build does: stamps the inputs as they were when it started. */
  const stamp = () => {
    const inputs = inputSnapshot(root);
    write('build/.build.json', JSON.stringify({ inputs }));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tessera-fingerprint-'));
    write('package.json', '{}');
    write('src/main.ts', 'main');
    write('src/modules/a/index.ts', 'a');
    write('migrations/a/0001.ts', 'm');
    write('web/dashboard/src/app.ts', 'app');
    write('web/dashboard/dist/index.html', 'bundle');
    stamp();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is fresh right after the build, and without a stamp or with an older kind of stamp it is not', () => {
    expect(buildIsFresh(root)).toBe(true);
    write('build/.build.json', JSON.stringify({ sourceFingerprint: 'abc' }));
    expect(buildIsFresh(root)).toBe(false);
    rmSync(stampFile(root));
    expect(buildIsFresh(root)).toBe(false);
  });

  it('a source edited (other size, or the same size at another time) makes it stale', () => {
    write('src/modules/a/index.ts', 'a2');
    expect(buildIsFresh(root)).toBe(false);
    stamp();
    const at = statSync(join(root, 'src/main.ts')).mtime;
    utimesSync(join(root, 'src/main.ts'), at, new Date(at.getTime() + 1000));
    expect(buildIsFresh(root)).toBe(false);
    stamp();
    write('package.json', '{"a":1}');
    expect(buildIsFresh(root)).toBe(false);
  });

  it('a source added (in a folder, or in a new folder, or a missing input folder) makes it stale', () => {
    write('src/modules/a/extra.ts');
    expect(buildIsFresh(root)).toBe(false);
    stamp();
    write('src/modules/b/index.ts');
    expect(buildIsFresh(root)).toBe(false);
    stamp();
    write('client/index.ts');
    expect(buildIsFresh(root)).toBe(false);
  });

  it('a source deleted or renamed makes it stale', () => {
    rmSync(join(root, 'src/modules/a/index.ts'));
    expect(buildIsFresh(root)).toBe(false);
    write('src/modules/a/index.ts', 'a');
    stamp();
    rmSync(join(root, 'src/modules/a'), { recursive: true });
    write('src/modules/z/index.ts', 'a');
    expect(buildIsFresh(root)).toBe(false);
  });

  it('an input path that cannot be read (a link to itself) makes it stale, not an error', () => {
    rmSync(join(root, 'src/modules/a'), { recursive: true });
    symlinkSync('a', join(root, 'src/modules/a')); // (stat: ELOOP)
    expect(buildIsFresh(root)).toBe(false);
  });

  it('what is not an input (a lock, the bundle, scratch, a test) leaves it fresh, though its folder changed', () => {
    mkdirSync(join(root, 'web/dashboard/.build.lock'));
    rmSync(join(root, 'web/dashboard/dist'), { recursive: true });
    write('web/dashboard/.dist-123/index.html');
    write('src/modules/a/index.test.ts');
    write('web/node_modules/x/index.js');
    expect(buildIsFresh(root)).toBe(true);
  });
});
