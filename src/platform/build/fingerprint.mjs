// Whether build/ was made from the sources as they are now. Plain JavaScript, so that `npm start`
// (src/start.mjs) can ask without loading Node's TypeScript stripper into the server's process.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a build is made from (relative to the checkout): the server, its migrations, defaults, screens, client. */
export const buildInputs = ['src', 'migrations', 'config', 'web', 'client', 'package.json'];
/** Made by builds, not by people (the dashboard's bundle and its build's scratch), and tests. */
const notInputs = /(^|\/)(node_modules|dist|\.dist-[^/]*|\.build\.lock)(\/|$)|\.test\.ts$/;

export const buildDir = (root) => join(root, 'build');
export const stampFile = (root) => join(buildDir(root), '.build.json');

/**
 * A hash of every input file's path, size and modification time: a stat per file (~1,000 of them,
 * a few ms), no reads. An added, removed or edited file changes it.
 */
export function sourceFingerprint(root) {
  const hash = createHash('sha256');
  for (const top of buildInputs) {
    let paths;
    try {
      paths = statSync(join(root, top)).isDirectory()
        ? readdirSync(join(root, top), { recursive: true }).map((p) => join(top, p))
        : [top];
    } catch {
      continue; // (an input folder that does not exist)
    }
    for (const path of paths.sort()) {
      if (notInputs.test(path)) continue;
      const stat = statSync(join(root, path));
      if (stat.isFile()) hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}

/** True when build/ holds a complete build of the current sources. */
export function buildIsFresh(root) {
  try {
    return JSON.parse(readFileSync(stampFile(root), 'utf8')).sourceFingerprint === sourceFingerprint(root);
  } catch {
    return false;
  }
}
