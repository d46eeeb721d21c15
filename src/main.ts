import { enableCompileCache } from 'node:module';

// Node keeps the compiled (and type-stripped) modules between starts: a start then skips most of
// the work of loading the code (docs/adr/0010-fast-boot.md). The server itself is in serve.ts.
enableCompileCache();
await import('./platform/host/serve.ts');
