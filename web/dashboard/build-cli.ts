// `npm run dashboard:build`: the same build the server makes on start, on demand (e.g. in an image).
import { ensureDashboardBuilt } from './build.ts';

const force = process.argv.includes('--force');
if (force) {
  const { rm } = await import('node:fs/promises');
  const { dashboardDist } = await import('./paths.ts');
  await rm(dashboardDist, { recursive: true, force: true });
}
const result = await ensureDashboardBuilt(console.log);
console.log(
  result.built ? `built in ${Math.round(result.ms)} ms` : `already current (checked in ${result.ms.toFixed(1)} ms)`,
);
