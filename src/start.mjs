// `npm start`. Plain JavaScript on purpose: a Node too old to strip TypeScript types fails on
// main.ts before any of our code runs, so this file checks the version first and says what to do.
// Then it runs the JavaScript copy in build/ (docs/adr/0115-javascript-in-production.md), made
// first when it is older than the sources; the sources themselves if it cannot be made.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
const supported = major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
if (!supported) {
  console.error(
    `Tessera needs Node.js 22.18 or newer (24 recommended, see .nvmrc); this is Node ${process.versions.node}, ` +
      'which cannot run TypeScript: install Node 24 (e.g. `nvm install 24`), or run `npx -y -p node@24 -- npm start`.',
  );
  process.exit(2);
}
const { buildIsFresh } = await import('./platform/build/fingerprint.mjs');
const root = resolve(import.meta.dirname, '..');
let fresh = buildIsFresh(root);
if (!fresh) {
  // (in a process of its own: the build loads the TypeScript stripper, which the server then need not hold)
  const cli = resolve(import.meta.dirname, 'platform/build/cli.ts');
  const build = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  fresh = build.status === 0;
  if (!fresh) console.error('The JavaScript build failed (above): running the TypeScript sources instead.');
}
await import(fresh ? '../build/src/main.js' : './main.ts');
