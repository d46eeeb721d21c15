/**
 * Where a sampling heap profile's bytes were allocated (bench/alloc-preload.mjs, with the collected
 * objects kept: what the load allocated, garbage included): by package (node_modules/<pkg>, node:<internal>,
 * ours by src/<dir>/<dir>/<dir>), by function, and by the nearest of OUR frames on the stack (which of
 * our calls, into whatever library, the bytes come from); per order when given the orders.
 *
 *   BENCH_ALLOC_PROFILE=/tmp/alloc BENCH_START_RUNS=1 BENCH_ORDERS=150 BENCH_DURATION=40 node bench/start.ts
 *   node bench/alloc-profile.ts /tmp/alloc/alloc-<pid>.heapprofile [orders]
 *
 * `TOP=N` rows per table (15). The sampler records one allocation per ~16 KB on average
 * (ALLOC_SAMPLING_INTERVAL) and scales it up: sizes are estimates, good to a few per cent over a load.
 */
import { readFileSync } from 'node:fs';
import { functionOf, packageOf, type Frame } from './profile-frames.ts';

interface Node {
  callFrame: Frame;
  selfSize: number;
  children: Node[];
}

const [file, ordersArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/alloc-profile.ts <file.heapprofile> [orders]');
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: Node };
const orders = Number(ordersArg) || 1;
const TOP = Number(process.env.TOP ?? 15);

const ours = (f: Frame) => /\/src\//.test(f.url) && !f.url.includes('node_modules');

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
const byOurCaller = new Map<string, number>();
const add = (m: Map<string, number>, k: string, b: number) => m.set(k, (m.get(k) ?? 0) + b);
let total = 0;
const walk = (n: Node, nearestOurs: string) => {
  const here = ours(n.callFrame) ? functionOf(n.callFrame) : nearestOurs;
  if (n.selfSize) {
    total += n.selfSize;
    add(byPackage, packageOf(n.callFrame), n.selfSize);
    add(byFunction, functionOf(n.callFrame), n.selfSize);
    add(byOurCaller, here, n.selfSize);
  }
  for (const c of n.children) walk(c, here);
};
walk(head, '(no frame of ours)');

const kb = (b: number) => (b / orders / 1024).toFixed(0).padStart(7);
console.log(`${(total / 2 ** 20).toFixed(0)} MB allocated; ${kb(total).trim()} KB per order (${orders} orders)`);
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (KB per order, share)`);
  for (const [k, b] of [...m].sort((a, z) => z[1] - a[1]).slice(0, TOP))
    console.log(`${kb(b)} ${((100 * b) / total).toFixed(1).padStart(5)} %  ${k}`);
};
print('by package', byPackage);
print('by function', byFunction);
print('by the nearest of our frames', byOurCaller);
