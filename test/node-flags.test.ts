import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_NODE_ARGS } from '../bench/lib.ts';

// The app's memory figures (docs/adr/0012-young-generation.md) hold only if every way of starting it
// passes the same V8 flags: `npm start`, the container, and the benchmarks that report them.
describe('node flags', () => {
  const flags = APP_NODE_ARGS.join(' ');
  it('npm start runs the app with the flags the benchmarks use', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.scripts.start).toBe(`node ${flags} src/start.mjs`);
  });
  it('the container runs the JavaScript build with the same flags', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...APP_NODE_ARGS, 'build/src/main.js']);
  });
  it('the image fills its compile cache with the flags it starts with', () => {
    expect(readFileSync('Dockerfile', 'utf8')).toContain(
      `RUN node ${flags} build/src/platform/build/warm-compile-cache.js`,
    );
  });
});
