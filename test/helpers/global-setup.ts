import { dropStaleTestDatabases } from './db.ts';

export default async function setup() {
  await dropStaleTestDatabases();
}
