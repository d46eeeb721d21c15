/**
 * Writes bench/relevance/queries.json: the relevance test set over the first PRODUCTS products of
 * the demo shop (seed 42, so the same catalog everywhere). Each query says what a shopper typed
 * and which products (by handle) they expect in the top 5; expectations come from the catalog's
 * own data (titles, categories, SKUs), never from a search backend. Regenerate with
 * `node bench/relevance/generate.ts` after changing the demo catalog.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoProducts, type DemoProduct } from '../../src/platform/seed/demo-catalog.ts';
import { seededRandom, type Random } from '../../src/platform/seed/random.ts';
import { RELEVANCE_PRODUCTS, type RelevanceQuery } from './set.ts';

const catalog = [...demoProducts(RELEVANCE_PRODUCTS, 42)];
const r = seededRandom(7);
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const vocabulary = new Set(catalog.flatMap((p) => [...words(p.title), ...words(p.description), ...words(p.category)]));
const handles = (match: (p: DemoProduct) => boolean) => catalog.filter(match).map((p) => p.handle);
const hasWords = (p: DemoProduct, ws: string[]) => ws.every((w) => words(p.title).includes(w));
const sameTitle = (title: string) => handles((p) => p.title === title);

const letters = 'abcdefghijklmnopqrstuvwxyz';
/** One random edit: substitute, delete, insert, or swap two different neighbours. */
function edit(w: string, kind = r.pick(['sub', 'del', 'ins', 'swap'] as const)): string {
  const i = r.int(1, w.length - 2); // shoppers rarely miss the first letter
  if (kind === 'sub') return w.slice(0, i) + r.pick([...letters].filter((c) => c !== w[i])) + w.slice(i + 1);
  if (kind === 'del') return w.slice(0, i) + w.slice(i + 1);
  if (kind === 'ins') return w.slice(0, i) + r.pick([...letters]) + w.slice(i);
  const j = [...Array(w.length - 1).keys()].filter((k) => k > 0 && w[k] !== w[k + 1]);
  const k = j.length ? r.pick(j) : 0;
  return w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
}

/** Misspells one word of the title (at least `minLength` letters) with `edits` edits; none when impossible. */
function misspell(p: DemoProduct, edits: number, minLength: number, kind?: 'swap'): string | undefined {
  const ws = words(p.title);
  const candidates = ws.map((w, i) => [w, i] as const).filter(([w]) => w.length >= minLength && /^[a-z]+$/.test(w));
  if (!candidates.length) return undefined;
  const [w, i] = r.pick(candidates);
  for (let attempt = 0; attempt < 20; attempt++) {
    let typo = w;
    for (let e = 0; e < edits; e++) typo = edit(typo, kind);
    if (typo !== w && !vocabulary.has(typo)) return ws.map((x, j) => (j === i ? typo : x)).join(' ');
  }
  return undefined;
}

const set: RelevanceQuery[] = [];
const add = (kind: RelevanceQuery['kind'], q: string | undefined, expected: string[]) => {
  if (q && expected.length && !set.some((s) => s.q === q)) set.push({ kind, q, expected });
};
const sample = (n: number, fn: (p: DemoProduct) => void) => {
  for (let i = 0; i < n; i++) fn(r.pick(catalog));
};

sample(20, (p) => add('exact', p.title.toLowerCase(), sameTitle(p.title)));
sample(50, (p) => add('typo-1', misspell(p, 1, 4), sameTitle(p.title)));
sample(70, (p) => add('typo-2', misspell(p, 2, 8), sameTitle(p.title)));
sample(30, (p) => add('transposition', misspell(p, 1, 4, 'swap'), sameTitle(p.title)));
// Search as you type: the title's words, the last one cut to 3-5 letters.
sample(30, (p) => {
  const ws = words(p.title);
  const n = r.int(1, ws.length);
  const last = ws[n - 1];
  const cut = last.slice(0, Math.min(last.length, r.int(3, 5)));
  const typed = [...ws.slice(0, n - 1), cut];
  add(
    'prefix',
    typed.join(' '),
    handles((q) => hasWords(q, ws.slice(0, n - 1)) && words(q.title).some((w) => w.startsWith(cut))),
  );
});
// Plurals and singulars of the product noun, with the material.
sample(20, (p) => {
  const ws = words(p.title);
  const noun = ws[ws.length - 1];
  const other = noun.endsWith('ss') ? `${noun}es` : noun.endsWith('s') ? noun.slice(0, -1) : `${noun}s`;
  const material = ws.slice(1, -1);
  add(
    'plural',
    [...material, other].join(' '),
    handles((q) => hasWords(q, [...material, noun])),
  );
});
// Two words a shopper pairs: material and noun, adjective and noun.
sample(25, (p) => {
  const ws = words(p.title);
  const pair = r.chance(0.5) ? [ws[1], ws[ws.length - 1]] : [ws[0], ws[ws.length - 1]];
  add(
    'multi-word',
    pair.join(' '),
    handles((q) => hasWords(q, pair)),
  );
});
// Category words: the leaf, the root and the leaf, a misspelt leaf.
sample(25, (p) => {
  const [root, leaf] = p.category.split('/');
  const leafWord = words(leaf)[0];
  const choice = r.int(0, 2);
  const q = choice === 0 ? leafWord : choice === 1 ? `${root} ${leafWord}`.toLowerCase() : edit(leafWord);
  const inCategory = (x: DemoProduct) =>
    choice === 1 ? x.category === p.category : words(x.category.split('/')[1]).includes(leafWord);
  if (choice === 2 && vocabulary.has(q)) return;
  add('category', q, handles(inCategory));
});
sample(15, (p) => add('sku', r.pick(p.variants).sku, [p.handle]));

const file = resolve(import.meta.dirname, 'queries.json');
writeFileSync(file, `${JSON.stringify(set, null, 1)}\n`);
const kinds = Object.entries(Object.groupBy(set, (s) => s.kind)).map(([k, v]) => `${k} ${v!.length}`);
console.log(`${set.length} queries over ${RELEVANCE_PRODUCTS} demo products (${kinds.join(', ')}) -> ${file}`);
