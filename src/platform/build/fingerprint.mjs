// Whether build/ was made from the sources as they are now. Plain JavaScript, so that `npm start`
// (src/start.mjs) can ask without loading Node's TypeScript stripper into the server's process.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a build is made from (relative to the checkout): the server, its migrations, defaults, screens, client. */
export const buildInputs = ['src', 'migrations', 'config', 'web', 'client', 'package.json'];
/** Made by builds, not by people (the dashboard's bundle and its build's scratch), and tests. */
const notInputs = /(^|\/)(node_modules|dist|\.dist-[^/]*|\.build\.lock)(\/|$)|\.test\.ts$/;

export const buildDir = (root) => join(root, 'build');
export const stampFile = (root) => join(buildDir(root), '.build.json');

/** The input entries of a folder of the checkout. */
const inputEntries = (root, dir) =>
  readdirSync(join(root, dir), { withFileTypes: true }).filter((e) => !notInputs.test(join(dir, e.name)));

/**
 * The inputs as they stand, written into the build's stamp: every input folder with its modification
 * time and its entries' names, every input file with its size and modification time, and the inputs
 * that do not exist. Taken before the build reads anything (a file edited mid-build is seen later).
 */
export function inputSnapshot(root) {
  const dirs = [];
  const files = [];
  const absent = [];
  const visit = (path, isDirectory) => {
    const stat = statSync(join(root, path));
    if (!(isDirectory ?? stat.isDirectory())) {
      if (stat.isFile()) files.push([path, stat.size, stat.mtimeMs]);
      return;
    }
    const entries = inputEntries(root, path);
    dirs.push([path, stat.mtimeMs, entries.map((e) => e.name).sort()]);
    for (const e of entries) visit(join(path, e.name), e.isSymbolicLink() ? undefined : e.isDirectory());
  };
  for (const top of buildInputs) {
    if (statSync(join(root, top), { throwIfNoEntry: false })) visit(top);
    else absent.push(top);
  }
  return { dirs, files, absent };
}

/**
 * True when build/ holds a complete build of the current inputs: one stat per input file and folder
 * against the stamp, no listing of folders (docs/adr/0140). A file edited changes its size or time;
 * an entry added, removed or renamed changes its folder's time, and only then is the folder listed,
 * for that change may be a non-input (a lock, the dashboard's bundle, a test file).
 */
export function buildIsFresh(root) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(stampFile(root), 'utf8')).inputs;
  } catch {
    return false;
  }
  if (!inputs) return false; // (a stamp of an older build)
  // (a path that cannot be read as it was, e.g. a folder now a file or out of reach, is a change)
  try {
    return inputsUnchanged(root, inputs);
  } catch {
    return false;
  }
}

function inputsUnchanged(root, inputs) {
  for (const top of inputs.absent) if (statSync(join(root, top), { throwIfNoEntry: false })) return false;
  for (const [path, size, mtimeMs] of inputs.files) {
    const stat = statSync(join(root, path), { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size !== size || stat.mtimeMs !== mtimeMs) return false;
  }
  for (const [path, mtimeMs, names] of inputs.dirs) {
    const stat = statSync(join(root, path), { throwIfNoEntry: false });
    if (!stat?.isDirectory()) return false;
    if (stat.mtimeMs === mtimeMs) continue;
    const now = inputEntries(root, path).map((e) => e.name);
    if (now.length !== names.length || now.sort().some((name, i) => name !== names[i])) return false;
  }
  return true;
}
