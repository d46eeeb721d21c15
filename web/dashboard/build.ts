// Build on start: the dashboard's bundle is made from its sources when dist/ is missing or was
// made from other sources (a hash of them is stamped in dist/), so `npm start` needs no second
// command; when dist/ is current the only cost is hashing the sources (docs/adr/0084).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { dashboardDist, dashboardRoot } from './paths.ts';

const repoRoot = resolve(dashboardRoot, '../..');
const stampFile = join(dashboardDist, '.build.json');
const lockDir = join(dashboardRoot, '.build.lock');

/** What the bundle is made from: the app's files, the typed client, the pinned dependencies. */
async function sourceFiles(): Promise<string[]> {
  const src = await readdir(join(dashboardRoot, 'src'), { recursive: true, withFileTypes: true });
  return [
    ...src.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)),
    join(dashboardRoot, 'index.html'),
    join(dashboardRoot, 'vite.config.ts'),
    join(dashboardRoot, 'build.ts'),
    join(dashboardRoot, 'paths.ts'),
    join(repoRoot, 'client/index.ts'),
  ].sort();
}

export async function dashboardSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await sourceFiles())
    hash
      .update(relative(repoRoot, file))
      .update('\0')
      .update(await readFile(file));
  const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8'));
  hash.update(JSON.stringify(pkg.dependencies ?? {}));
  return hash.digest('hex');
}

async function builtHash(): Promise<string | undefined> {
  try {
    return JSON.parse(await readFile(stampFile, 'utf8')).sourceHash;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` holding a lock directory (mkdir is atomic) or waits for whoever holds it; a lock older
 * than 5 minutes is a crashed builder's. Also the server's JavaScript build's lock (src/platform/build).
 */
export async function withDirLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch {
      const age = await stat(lockDir).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 300_000) await rm(lockDir, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** Brotli and gzip copies beside each script and stylesheet, served as they are (no compression per request). */
async function precompress(dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((f) => /\.(js|css)$/.test(f));
  await Promise.all(
    files.map(async (f) => {
      const body = await readFile(join(dir, f));
      const br = promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
      await writeFile(join(dir, `${f}.br`), await br);
      await writeFile(join(dir, `${f}.gz`), await promisify(gzip)(body, { level: 9 }));
    }),
  );
}

export interface EnsureBuiltResult {
  built: boolean;
  ms: number;
  sourceHash: string;
}

/**
 * Builds the dashboard unless dist/ holds a build of the current sources. Several processes may
 * ask at once (tests, a split deployment on one disk): one builds, into a temporary folder renamed
 * into place, and the others wait and find it current.
 */
export async function ensureDashboardBuilt(log: (msg: string) => void = () => undefined): Promise<EnsureBuiltResult> {
  const started = performance.now();
  // The server's JavaScript copy (build/) holds the bundle its build made, not the sources.
  if (!existsSync(join(dashboardRoot, 'src'))) {
    const stamped = await builtHash();
    if (!stamped) throw new Error(`no dashboard bundle in ${dashboardDist}: run \`npm run build\``);
    return { built: false, ms: performance.now() - started, sourceHash: stamped };
  }
  const sourceHash = await dashboardSourceHash();
  if ((await builtHash()) === sourceHash) return { built: false, ms: performance.now() - started, sourceHash };
  return withDirLock(lockDir, async () => {
    if ((await builtHash()) === sourceHash) return { built: false, ms: performance.now() - started, sourceHash };
    log(
      existsSync(dashboardDist) ? 'dashboard sources changed: rebuilding it' : 'building the dashboard (first start)',
    );
    // Vite and its plugins load only when a build is due: a current dist costs no import.
    const [{ build }, { viteConfig }] = await Promise.all([import('vite'), import('./vite.config.ts')]);
    const tmp = join(dashboardRoot, `.dist-${process.pid}`);
    await build(viteConfig(tmp));
    await precompress(join(tmp, 'assets'));
    const ms = performance.now() - started;
    await writeFile(join(tmp, '.build.json'), JSON.stringify({ sourceHash, builtAt: new Date().toISOString(), ms }));
    await rm(dashboardDist, { recursive: true, force: true });
    await rename(tmp, dashboardDist);
    log(`dashboard built in ${Math.round(ms)} ms`);
    return { built: true, ms, sourceHash };
  });
}
