// Preloaded into the app by `BENCH_ROUND_TRIPS=1` (node --import): counts the queries pg sends,
// per pool (its application_name), and writes the counts to a file when the bench sends SIGUSR2.
// One pg `query` call is one round trip (pg waits for each answer before sending the next), so the
// count is what pg_stat_statements cannot give: several statements sent as one text count once.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pg = createRequire(join(process.cwd(), 'package.json'))('pg');
const counts = {};
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  const pool = this.connectionParameters?.application_name || 'other';
  counts[pool] = (counts[pool] ?? 0) + 1;
  return original.apply(this, args);
};
process.on('SIGUSR2', () => writeFileSync(roundTripsFile(process.pid), JSON.stringify(counts)));

export const roundTripsFile = (pid) => `/tmp/tessera-round-trips-${pid}.json`;
