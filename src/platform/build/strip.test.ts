import { describe, expect, it } from 'vitest';
import { javaScriptName, toJavaScript } from './strip.ts';

describe('toJavaScript', () => {
  it('renames relative .ts specifiers of static, re-exported and literal dynamic imports', () => {
    const source = [
      "import { a } from './a.ts';",
      "export * from '../b.ts';",
      "export { c } from './c.mts';",
      "const d = await import('./d.ts');",
      'const e = await import("./e.ts");',
      "import fastify from 'fastify';",
    ].join('\n');
    const { code, imports } = toJavaScript(source, 'x.ts', true);
    expect(code).toBe(
      [
        "import { a } from './a.js';",
        "export * from '../b.js';",
        "export { c } from './c.mjs';",
        "const d = await import('./d.js');",
        'const e = await import("./e.js");',
        "import fastify from 'fastify';",
      ].join('\n'),
    );
    expect(imports).toEqual(['./a.ts', '../b.ts', './c.mts', './d.ts', './e.ts']);
  });

  it('leaves strings and comments that look like imports alone, and keeps every line and column', () => {
    const source = [
      "import type { T } from './types.ts';",
      "// import x from './old.ts'",
      "const file: string = 'index.ts';",
      "const text = `import y from './y.ts'`;",
      "export const f = (t: T): string => file + text + import.meta.url;",
    ].join('\n');
    const { code, imports } = toJavaScript(source, 'x.ts', true);
    expect(imports).toEqual([]);
    expect(code).toContain("// import x from './old.ts'");
    expect(code).toContain("'index.ts'");
    expect(code).toContain("`import y from './y.ts'`");
    expect(code.split('\n').map((l) => l.length)).toEqual(source.split('\n').map((l) => l.length));
    expect(code.split('\n')[4].indexOf('file + text')).toBe(source.split('\n')[4].indexOf('file + text'));
  });

  it('reads plain JavaScript without changing it, and names outputs .js and .mjs', () => {
    const source = "import { x } from './fingerprint.mjs';\nexport const y = x;";
    expect(toJavaScript(source, 'x.mjs', false)).toEqual({ code: source, imports: ['./fingerprint.mjs'] });
    expect(javaScriptName('src/a/b.ts')).toBe('src/a/b.js');
    expect(javaScriptName('src/a/b.mts')).toBe('src/a/b.mjs');
  });

  it('refuses syntax that has no JavaScript without a compiler', () => {
    expect(() => toJavaScript('enum Colour { Red }', 'x.ts', true)).toThrow();
  });
});
