// `npm start`. Plain JavaScript on purpose: a Node too old to strip TypeScript types fails on
// main.ts before any of our code runs, so this file checks the version first and says what to do.
const [major, minor] = process.versions.node.split('.').map(Number);
const supported = major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
if (!supported) {
  console.error(
    `Tessera needs Node.js 22.18 or newer (24 recommended, see .nvmrc); this is Node ${process.versions.node}, ` +
      'which cannot run TypeScript: install Node 24 (e.g. `nvm install 24`), or run `npx -y -p node@24 -- npm start`.',
  );
  process.exit(2);
}
await import('./main.ts');
