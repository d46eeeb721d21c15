// Prints the module map (npm run modules:map); with --write, refreshes it in README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { discoverModules } from './load-modules.ts';
import { renderModuleMap, verifyModules } from './module-map.ts';

const modules = await discoverModules();
const problems = verifyModules(modules);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const map = renderModuleMap(modules);
if (process.argv.includes('--write')) {
  const readme = resolve(import.meta.dirname, '../../../README.md');
  const text = readFileSync(readme, 'utf8');
  const next = text.replace(/(<!-- module-map:start -->)[\s\S]*?(<!-- module-map:end -->)/, `$1\n${map}\n$2`);
  writeFileSync(readme, next);
  console.log(next === text ? 'README module map already current' : 'README module map updated');
} else {
  console.log(map);
}
