// `npm run build`: a JavaScript copy of the server in build/, laid out like the checkout (build/src,
// build/migrations, build/web, build/config), so every path the code finds relative to its own file
// (config/defaults.json, the migrations, the storefront's assets, the dashboard's bundle) is there
// too, and `node build/src/main.js` finds node_modules and the "type": "module" of the checkout.
// Production runs it without Node's TypeScript stripper (docs/adr/0115-javascript-in-production.md).
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ensureDashboardBuilt, withDirLock } from '../../../web/dashboard/build.ts';
import { buildDir, buildIsFresh, inputSnapshot } from './fingerprint.mjs';
import { javaScriptName, toJavaScript } from './strip.ts';

export const checkoutRoot = resolve(import.meta.dirname, '../../..');

/** Files the server reads beside its code, copied as they are (the dashboard's bundle is built first). */
const assets = ['config', 'web/storefront/assets', 'web/dashboard/dist'];

const isTest = (path: string) => path.endsWith('.test.ts');

async function filesUnder(root: string, dir: string, ext: RegExp): Promise<string[]> {
  if (!existsSync(join(root, dir))) return [];
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && ext.test(e.name) && !isTest(e.name) && !/\.d\.m?ts$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .filter((path) => path !== 'src/start.mjs'); // (npm start's entry: it picks build/ or the sources)
}

/**
 * Every server file: all of src/ (modules are found by a folder scan, CLIs are run by path) and the
 * migrations, then whatever they import relatively outside them (the storefront, the dashboard's
 * server side, the typed client), followed file by file. Writes into `out`; returns the file count.
 */
export async function stripTree(root: string, out: string): Promise<number> {
  const queue = [
    ...(await filesUnder(root, 'src', /\.(m?ts|mjs)$/)),
    ...(await filesUnder(root, 'migrations', /\.ts$/)),
  ];
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    const source = await readFile(join(root, file), 'utf8');
    const typescript = /\.m?ts$/.test(file);
    const { code, imports } = /\.(m?[jt]s)$/.test(file)
      ? toJavaScript(source, file, typescript)
      : { code: source, imports: [] };
    await mkdir(dirname(join(out, file)), { recursive: true });
    await writeFile(join(out, typescript ? javaScriptName(file) : file), code);
    for (const specifier of imports) {
      const target = relative(root, resolve(root, dirname(file), specifier));
      if (target.startsWith('..') || !existsSync(join(root, target)))
        throw new Error(`${file} imports ${specifier}, which is not a file of this checkout`);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  for (const asset of assets)
    if (existsSync(join(root, asset))) await cp(join(root, asset), join(out, asset), { recursive: true });
  return queue.length;
}

export interface BuildResult {
  built: boolean;
  files: number;
  ms: number;
}

/**
 * Builds build/ unless it holds a build of the current sources (`force`: build anyway). Several
 * processes may ask at once (tests, `npm start` twice): one builds, into a folder renamed into
 * place, and the others wait and find it current.
 */
export async function buildServer(
  opts: { root?: string; force?: boolean; log?: (msg: string) => void } = {},
): Promise<BuildResult> {
  const root = opts.root ?? checkoutRoot;
  const started = performance.now();
  const done = (built: boolean, files = 0) => ({ built, files, ms: performance.now() - started });
  if (!opts.force && buildIsFresh(root)) return done(false);
  return withDirLock(join(root, '.build.lock'), async () => {
    if (!opts.force && buildIsFresh(root)) return done(false);
    const inputs = inputSnapshot(root); // (before reading: a file edited mid-build makes the next start build again)
    await ensureDashboardBuilt(opts.log);
    const target = buildDir(root);
    const tmp = join(root, `.build-${process.pid}`);
    await rm(tmp, { recursive: true, force: true });
    const files = await stripTree(root, tmp);
    const ms = performance.now() - started;
    const stamp = { inputs, builtAt: new Date().toISOString(), node: process.version, files, ms };
    await writeFile(join(tmp, '.build.json'), JSON.stringify(stamp));
    const old = join(root, `.build-old-${process.pid}`);
    if (existsSync(target)) await rename(target, old);
    await rename(tmp, target);
    await rm(old, { recursive: true, force: true });
    opts.log?.(`built the server's JavaScript into build/ (${files} files) in ${Math.round(ms)} ms`);
    return done(true, files);
  });
}
