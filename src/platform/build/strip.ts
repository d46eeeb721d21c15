// One TypeScript file to JavaScript: Node's own type stripper (the one that runs the sources), then
// its relative `.ts` import specifiers renamed `.js`, found by a real ES module lexer: a regex over
// the text would also rewrite strings and comments that merely look like imports.
import { stripTypeScriptTypes } from 'node:module';
import { init, parse } from 'es-module-lexer';

await init;

export interface Stripped {
  code: string;
  /** The relative specifiers the file imports (as written, before renaming), static or literal dynamic. */
  imports: string[];
}

const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/** `.ts` -> `.js`, `.mts` -> `.mjs`; the same length, so every line and column stays where it was. */
export const javaScriptName = (path: string) => path.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs');

/**
 * `typescript`: the source is TypeScript (else plain JavaScript, only its specifiers are read).
 * Strip mode blanks the types out with spaces, so stack traces of the copy point at the same line
 * and column as the source.
 */
export function toJavaScript(source: string, file: string, typescript: boolean): Stripped {
  const code = typescript ? stripTypeScriptTypes(source, { mode: 'strip' }) : source;
  const [found] = parse(code, file);
  const imports: string[] = [];
  let out = '';
  let at = 0;
  for (const entry of found) {
    // d: -1 a static import/export, -2 import.meta, >= 0 a dynamic import; n: the literal's value
    if (entry.d === -2 || entry.n === undefined || !isRelative(entry.n)) continue;
    imports.push(entry.n);
    if (!/\.m?ts$/.test(entry.n)) continue;
    // s..e is the specifier (static: inside the quotes; dynamic: the literal with its quotes)
    const text = code.slice(entry.s, entry.e);
    const m = /\.(m?)ts(['"`]?)$/.exec(text);
    if (!m) throw new Error(`${file}: cannot rename the import of ${entry.n} (written ${text})`);
    const end = entry.s + m.index;
    out += code.slice(at, end) + `.${m[1]}js${m[2]}`;
    at = entry.e;
  }
  return { code: out + code.slice(at), imports };
}
