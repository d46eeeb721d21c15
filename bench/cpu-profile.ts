/**
 * Where a CPU profile's busy time went: self and inclusive time by package (node_modules/<pkg>,
 * node:<internal>, ours by src/<dir>/<dir>) and by function, over a window of the profile.
 *
 *   BENCH_NODE_ARGS="--max-semi-space-size=4 --cpu-prof --cpu-prof-dir=/tmp/prof" \
 *     BENCH_ONLY=journey BENCH_DURATION=15 BENCH_RUNS=1 node bench/checkout.ts
 *   node bench/cpu-profile.ts /tmp/prof/CPU.*.cpuprofile [from s] [to s]
 *
 * Seconds count from the profile's start; `TIMELINE=1` prints the busy ms of each second first, to
 * find the window (the c=8 journey is the long busy stretch before the one-shopper phase). `TOP=N`
 * rows per table (15). Stacks are synchronous: time after an `await` is charged to the function
 * that resumed (and to `runMicrotasks`), not to its async caller.
 */
import { readFileSync } from 'node:fs';
import { functionOf, packageOf, type Frame } from './profile-frames.ts';

interface Node {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, fromS, toS] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/cpu-profile.ts <file.cpuprofile> [from s] [to s]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const TOP = Number(process.env.TOP ?? 15);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

const from = fromS ? Number(fromS) * 1e6 : -Infinity;
const to = toS ? Number(toS) * 1e6 : Infinity;
/** Microseconds per sampled node within the window; busy microseconds per second of the whole profile. */
const spent = new Map<number, number>();
const perSecond: number[] = [];
let t = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const dt = profile.timeDeltas[i + 1] ?? 0;
  const node = byId.get(profile.samples[i])!;
  if (node.callFrame.functionName !== '(idle)') {
    const s = Math.floor(t / 1e6);
    perSecond[s] = (perSecond[s] ?? 0) + dt;
  }
  if (t >= from && t <= to) spent.set(node.id, (spent.get(node.id) ?? 0) + dt);
}
if (process.env.TIMELINE)
  console.log('busy ms per second:', [...perSecond].map((us, s) => `${s}:${Math.round((us ?? 0) / 1000)}`).join(' '));

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const selfFn = new Map<string, number>();
const inclusiveFn = new Map<string, number>();
const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
let busy = 0;
for (const [id, us] of spent) {
  const leaf = byId.get(id)!;
  if (leaf.callFrame.functionName === '(idle)') continue;
  busy += us;
  add(self, packageOf(leaf.callFrame), us);
  add(selfFn, functionOf(leaf.callFrame), us);
  // (each package and function once per sample, however often it recurs on the stack)
  const packages = new Set<string>();
  const functions = new Set<string>();
  for (let n: Node | undefined = leaf; n; n = byId.get(parentOf.get(n.id) ?? -1)) {
    packages.add(packageOf(n.callFrame));
    functions.add(functionOf(n.callFrame));
  }
  for (const p of packages) add(inclusive, p, us);
  for (const f of functions) add(inclusiveFn, f, us);
}

console.log(`busy ${(busy / 1e6).toFixed(2)} s in the window`);
const print = (title: string, m: Map<string, number>, keep: (k: string) => boolean = () => true) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m]
    .filter(([k]) => keep(k) && k !== '(root)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP))
    console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${k}`);
};
print('self, by package', self);
print('inclusive, by package', inclusive);
print('self, by function', selfFn);
print('inclusive, our functions', inclusiveFn, (k) => k.includes(' src/'));
