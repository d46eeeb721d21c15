import { typoDistance, typosAllowed } from './edit-distance.ts';

/** The indexed words (letters only) with how many published products hold each, plus staff settings. */
export interface Vocabulary {
  terms: Map<string, number>;
  /** Each word of a synonym group maps to the whole group. */
  synonyms: Map<string, string[]>;
  stopWords: Set<string>;
}

/** One query word: the product must hold one of `terms` (or a word starting with `prefix`). */
export interface WordGroup {
  word: string;
  terms: string[];
  prefix: boolean;
}

/**
 * A shopper's query rewritten for full-text search: letter words become groups of accepted
 * spellings (the word itself, typo neighbours, plural/singular, synonyms, and for the last word
 * the words it starts); other tokens (SKUs, "t-shirt") go to the text-search parser untouched.
 */
export interface QueryPlan {
  groups: WordGroup[];
  raw: string[];
  /** The query as the vocabulary best reads it, for ranking titles by similarity. */
  corrected: string;
}

const MAX_CANDIDATES = 8;
const MAX_PREFIX_CANDIDATES = 10;
/** A last word shorter than this that starts a known term matches as that start only, no typo. */
const MIN_TYPED_START_FOR_TYPOS = 5;

/** Lower-cased tokens; letter-only words apart from the rest (digits, dashes, apostrophes). */
export function tokenize(q: string): { word: string; letters: boolean }[] {
  return q
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => t.length > 0)
    .map((word) => ({ word, letters: /^\p{L}+$/u.test(word) }));
}

interface Scored {
  term: string;
  distance: number;
  products: number;
}

const byCloseness = (a: Scored, b: Scored) =>
  a.distance - b.distance || b.products - a.products || a.term.localeCompare(b.term);

/** The vocabulary's terms by length, and by their starts, built once per vocabulary. */
interface TermIndex {
  /** length -> [term, products, letter mask] */
  byLength: Map<number, [string, number, number][]>;
  /** start length -> start -> the longer terms that begin with it */
  starts: Map<number, Map<string, [string, number][]>>;
}
const indexes = new WeakMap<Map<string, number>, TermIndex>();

function indexOf(vocab: Vocabulary): TermIndex {
  let index = indexes.get(vocab.terms);
  if (!index) {
    index = { byLength: new Map(), starts: new Map() };
    for (const [term, products] of vocab.terms) {
      const list = index.byLength.get(term.length) ?? [];
      list.push([term, products, letterMask(term)]);
      index.byLength.set(term.length, list);
    }
    indexes.set(vocab.terms, index);
  }
  return index;
}

/** One bit per letter a word holds (a-z; other letters share bits): a cheap lower bound on edits. */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 5));
  }
  return mask;
}

function bits(n: number): number {
  let count = 0;
  for (let v = n; v; v &= v - 1) count++;
  return count;
}

function startsOf(vocab: Vocabulary, length: number): Map<string, [string, number][]> {
  const index = indexOf(vocab);
  let starts = index.starts.get(length);
  if (!starts) {
    starts = new Map();
    for (const entry of vocab.terms) {
      if (entry[0].length <= length) continue;
      const start = entry[0].slice(0, length);
      const list = starts.get(start) ?? [];
      list.push(entry);
      starts.set(start, list);
    }
    index.starts.set(length, starts);
  }
  return starts;
}

/**
 * Vocabulary terms a typo away from `word` (the word itself excluded), closest and commonest
 * first. The allowance follows the longer of the two words, so a two-edit misspelling of an
 * 8-letter word that lost a letter still counts; `extra` widens it ("did you mean").
 */
export function neighbours(vocab: Vocabulary, word: string, extra = 0): Scored[] {
  if (word.length < 3) return [];
  const out: Scored[] = [];
  const reach = typosAllowed(word.length + 2) + extra;
  const mask = letterMask(word);
  for (let length = Math.max(1, word.length - reach); length <= word.length + reach; length++) {
    const max = typosAllowed(Math.max(word.length, length)) + extra;
    if (Math.abs(length - word.length) > max) continue;
    for (const [term, products, termMask] of indexOf(vocab).byLength.get(length) ?? []) {
      // each letter one word holds and the other lacks costs at least one edit
      if (term === word || bits(mask & ~termMask) > max || bits(termMask & ~mask) > max) continue;
      const distance = typoDistance(word, term, max);
      if (distance <= max) out.push({ term, distance, products });
    }
  }
  return out.sort(byCloseness);
}

/** Plural and singular forms the vocabulary holds ("dresses" -> "dress", "boot" -> "boots", "dress" -> "dresses"). */
function inflections(vocab: Vocabulary, word: string): string[] {
  const forms = word.endsWith('es')
    ? [word.slice(0, -2), word.slice(0, -1)]
    : word.endsWith('s')
      ? [word.slice(0, -1), `${word}es`]
      : [`${word}s`, `${word}es`];
  return forms.filter((f) => f.length > 1 && vocab.terms.has(f));
}

/** Terms the last word may be the start of, allowing its typos in that start ("swaet" -> "sweater"). */
function completions(vocab: Vocabulary, word: string): Scored[] {
  if (word.length < 4) return []; // short starts: the exact `word:*` only
  const max = typosAllowed(word.length);
  const out: Scored[] = [];
  for (const [start, terms] of startsOf(vocab, word.length)) {
    if (start === word) continue; // exact starts: `word:*`
    const distance = typoDistance(word, start, max);
    if (distance <= max) for (const [term, products] of terms) out.push({ term, distance, products });
  }
  return out.sort(byCloseness).slice(0, MAX_PREFIX_CANDIDATES);
}

/** Whether some vocabulary term longer than `word` begins with it. */
function startsSomeTerm(vocab: Vocabulary, word: string): boolean {
  return startsOf(vocab, word.length).has(word);
}

/** The commonest term starting with `word`, for ranking while the shopper is still typing. */
function commonestStart(vocab: Vocabulary, word: string): string | undefined {
  let best: [string, number] | undefined;
  for (const entry of startsOf(vocab, word.length).get(word) ?? []) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/** Rewrites a query against the vocabulary; see QueryPlan. */
export function planQuery(q: string, vocab: Vocabulary): QueryPlan {
  const tokens = tokenize(q);
  // Stop words go, unless nothing would be left to search for.
  const kept = tokens.filter((t) => !vocab.stopWords.has(t.word));
  const words = kept.length ? kept : tokens;
  const groups: WordGroup[] = [];
  const raw: string[] = [];
  const corrected: string[] = [];
  words.forEach(({ word, letters }, i) => {
    if (!letters) {
      raw.push(word);
      corrected.push(word);
      return;
    }
    const last = i === words.length - 1;
    // Search as you type: a short last word that starts a known term ("mer" of "merino") is read
    // as that start, exactly, as a search engine does (Meilisearch allows no typo under 5
    // letters); its one-edit neighbours ("men", a category word) would match far more products
    // than the shopper means. One that starts no term ("shrt", "tunc") is a complete word and
    // keeps its typo allowance.
    const typing = last && word.length < MIN_TYPED_START_FOR_TYPOS && startsSomeTerm(vocab, word);
    const near = vocab.terms.has(word) || typing ? [] : neighbours(vocab, word);
    // (the likeliest correction's plural or singular too: "jaket" is "jacket", so also "jackets", as a
    // known word is; only its, so that a word's terms stay few enough to keep its facet counts, ADR 0130)
    const corrections = near.slice(0, MAX_CANDIDATES).map((n) => n.term);
    const accepted = new Set([word, ...inflections(vocab, word), ...corrections]);
    for (const f of near[0] ? inflections(vocab, near[0].term) : []) accepted.add(f);
    const typed = last && !typing ? completions(vocab, word) : [];
    for (const c of typed) accepted.add(c.term);
    for (const term of [...accepted]) for (const s of vocab.synonyms.get(term) ?? []) accepted.add(s);
    groups.push({ word, terms: [...accepted], prefix: last });
    corrected.push(
      vocab.terms.has(word)
        ? word
        : (near[0]?.term ?? (last ? (commonestStart(vocab, word) ?? typed[0]?.term) : undefined) ?? word),
    );
  });
  return { groups, raw, corrected: corrected.join(' ') };
}

/**
 * The groups as tsquery text: every group must match, any spelling within a group. `match`: for
 * matching only, a typed start without the listed terms it starts (its `word:*` matches them):
 * the same documents, fewer index entries to read (docs/adr/0142). A ranking takes them all
 * (`ts_rank` counts each query term a document holds).
 */
export function tsqueryText(groups: WordGroup[], opts: { match?: boolean } = {}): string {
  const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  const listed = (g: WordGroup) => (opts.match && g.prefix ? g.terms.filter((t) => !t.startsWith(g.word)) : g.terms);
  return groups
    .map((g) => `(${[...listed(g).map(quote), ...(g.prefix ? [`${quote(g.word)}:*`] : [])].join(' | ')})`)
    .join(' & ');
}

/**
 * "Did you mean": each word the vocabulary lacks replaced by its nearest term, one edit more
 * lenient than matching; undefined when that changes nothing.
 */
export function suggestQuery(q: string, vocab: Vocabulary): string | undefined {
  const words = tokenize(q).map(({ word, letters }) => {
    if (!letters || vocab.terms.has(word) || vocab.stopWords.has(word)) return word;
    return neighbours(vocab, word, 1)[0]?.term ?? word;
  });
  const suggestion = words.join(' ');
  return suggestion ===
    tokenize(q)
      .map((t) => t.word)
      .join(' ')
    ? undefined
    : suggestion;
}
