// `npm run build` (`-- --force` to build a current build again); `npm start` runs it when build/ is
// older than the sources. See build.ts.
import { buildServer } from './build.ts';

const force = process.argv.includes('--force');
const { built } = await buildServer({ force, log: (msg) => console.error(msg) });
if (!built) console.error('build/ is current');
