import { editDistance, typosAllowed } from './edit-distance.ts';

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

/**
 * Vocabulary terms a typo away from `word` (the word itself excluded), closest and commonest
 * first. The allowance follows the longer of the two words, so a two-edit misspelling of an
 * 8-letter word that lost a letter still counts; `extra` widens it ("did you mean").
 */
export function neighbours(vocab: Vocabulary, word: string, extra = 0): Scored[] {
  if (word.length < 3) return [];
  const out: Scored[] = [];
  for (const [term, products] of vocab.terms) {
    const max = typosAllowed(Math.max(word.length, term.length)) + extra;
    if (term === word || Math.abs(term.length - word.length) > max) continue;
    const distance = editDistance(word, term, max);
    if (distance <= max) out.push({ term, distance, products });
  }
  return out.sort(byCloseness);
}

/** Plural and singular forms the vocabulary holds ("dresses" -> "dress", "boot" -> "boots"). */
function inflections(vocab: Vocabulary, word: string): string[] {
  const forms = word.endsWith('es')
    ? [word.slice(0, -2), word.slice(0, -1)]
    : word.endsWith('s')
      ? [word.slice(0, -1)]
      : [`${word}s`, `${word}es`];
  return forms.filter((f) => f.length > 1 && vocab.terms.has(f));
}

/** Terms the last word may be the start of, allowing its typos in that start ("swaet" -> "sweater"). */
function completions(vocab: Vocabulary, word: string): Scored[] {
  const max = word.length < 4 ? 0 : typosAllowed(word.length);
  const out: Scored[] = [];
  for (const [term, products] of vocab.terms) {
    if (term.length <= word.length || term.startsWith(word)) continue; // exact starts: `word:*`
    const distance = max === 0 ? 1 : editDistance(word, term.slice(0, word.length), max);
    if (distance <= max) out.push({ term, distance, products });
  }
  return out.sort(byCloseness).slice(0, MAX_PREFIX_CANDIDATES);
}

/** The commonest term starting with `word`, for ranking while the shopper is still typing. */
function commonestStart(vocab: Vocabulary, word: string): string | undefined {
  let best: [string, number] | undefined;
  for (const [term, products] of vocab.terms)
    if (term.startsWith(word) && (!best || products > best[1])) best = [term, products];
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
    const near = vocab.terms.has(word) ? [] : neighbours(vocab, word);
    const accepted = new Set([word, ...inflections(vocab, word), ...near.slice(0, MAX_CANDIDATES).map((n) => n.term)]);
    const typed = last ? completions(vocab, word) : [];
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

/** The groups as tsquery text: every group must match, any spelling within a group. */
export function tsqueryText(groups: WordGroup[]): string {
  const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return groups
    .map((g) => `(${[...g.terms.map(quote), ...(g.prefix ? [`${quote(g.word)}:*`] : [])].join(' | ')})`)
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
