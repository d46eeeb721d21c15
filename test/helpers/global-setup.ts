import { ensureDashboardBuilt } from '../../web/dashboard/build.ts';
import { dropStaleTestDatabases } from './db.ts';

export default async function setup() {
  await dropStaleTestDatabases();
  // Once, before the test files start their apps (each would otherwise wait on the same build).
  await ensureDashboardBuilt();
}
