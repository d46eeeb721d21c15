// Image build step, run from the JavaScript build: fills Node's compile cache (NODE_COMPILE_CACHE)
// with the server's modules, so that a new container's first start reads compiled code instead of
// compiling ~2,400 modules (docs/adr/0115). Node checks each entry against the file's content and
// its own version, so a stale entry is a miss, never wrong code.
import { constants, enableCompileCache, flushCompileCache } from 'node:module';

const { status, message, directory } = enableCompileCache();
if (status === constants.compileCacheStatus.FAILED || status === constants.compileCacheStatus.DISABLED)
  throw new Error(`no compile cache: ${message ?? 'disabled (NODE_DISABLE_COMPILE_CACHE)'}`);
// What a start loads, without starting: serve.ts's imports and every module definition.
await Promise.all([
  import('../host/boot.ts'),
  import('../host/preflight.ts'),
  import('../seed/first-start.ts'),
  import('../../../web/dashboard/plugin.ts'),
]);
const { discoverModules } = await import('../host/load-modules.ts');
const modules = await discoverModules(process.env.EXTRA_MODULES);
flushCompileCache();
console.error(`compile cache for the server and ${modules.length} modules written to ${directory}`);
