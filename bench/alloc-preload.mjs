// Preloaded into the app by bench/start.ts with `BENCH_ALLOC_PROFILE=<dir>` (node --import): V8's
// sampling heap profiler, with the objects scavenges and mark-compacts have since collected kept in
// the profile, so it counts what was allocated, not what survived. The bench sends SIGUSR2 when the
// journey load starts and again when it ends; the second writes <dir>/alloc-<pid>.heapprofile.
// With ALLOC_PROMOTED=1 the young generation's garbage is left out: the profile is then what was
// promoted to old space (the garbage that makes the RSS grow until a full collection) and what lives.
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const session = new Session();
session.connect();
let sampling = false;
process.on('SIGUSR2', async () => {
  sampling = !sampling;
  if (sampling) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: Number(process.env.ALLOC_SAMPLING_INTERVAL ?? 16384),
      includeObjectsCollectedByMajorGC: true,
      // (ALLOC_PROMOTED=1: without what scavenges collect, what is left is what reached old space)
      includeObjectsCollectedByMinorGC: !process.env.ALLOC_PROMOTED,
    });
  } else {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    const file = join(process.env.BENCH_ALLOC_PROFILE ?? '/tmp', `alloc-${process.pid}.heapprofile`);
    writeFileSync(`${file}.tmp`, JSON.stringify(profile));
    renameSync(`${file}.tmp`, file);
  }
});
