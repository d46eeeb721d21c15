import { describe, expect, it } from 'vitest';
import { planQuery, suggestQuery, tokenize, tsqueryText, type Vocabulary } from './query-plan.ts';

const vocab = (words: Record<string, number>, synonyms: string[][] = [], stopWords: string[] = []): Vocabulary => ({
  terms: new Map(Object.entries(words)),
  synonyms: new Map(synonyms.flatMap((g) => g.map((w) => [w, g] as [string, string[]]))),
  stopWords: new Set(stopWords),
});

const shop = vocab(
  {
    jacket: 40,
    sweater: 30,
    organic: 12,
    cotton: 50,
    cashmere: 9,
    dress: 20,
    dresses: 0,
    boots: 8,
    sweat: 1,
    merino: 7,
  },
  [['sweater', 'jumper']],
  ['the', 'for'],
);

describe('planQuery', () => {
  it('accepts one edit in a short word, transpositions included, and names the likeliest reading', () => {
    const plan = planQuery('oragnic jaket', shop);
    expect(plan.groups.map((g) => g.terms)).toEqual([
      ['oragnic', 'organic'],
      ['jaket', 'jacket'],
    ]);
    expect(plan.corrected).toBe('organic jacket');
  });
  it('accepts two edits from eight letters, one below', () => {
    expect(planQuery('cashmiire x', shop).groups[0].terms).toContain('cashmere');
    expect(planQuery('sqeatre x', shop).groups[0].terms).not.toContain('sweater');
    expect(planQuery('cashmre x', shop).groups[0].terms).toContain('cashmere'); // 7 letters typed, 8 meant
  });
  it('keeps a known word exact, adds its plural or singular and its synonyms', () => {
    const [boot, sweaters] = planQuery('boot sweaters', shop).groups;
    expect(boot.terms).toEqual(['boot', 'boots']);
    expect(sweaters.terms).toEqual(expect.arrayContaining(['sweaters', 'sweater', 'jumper']));
  });
  it("adds a correction's plural or singular, as it does a known word's", () => {
    const words = vocab({ denim: 30, jacket: 40, jackets: 25, sweater: 20, sweaters: 6, dress: 9, dresses: 4 });
    expect(planQuery('denim jaket', words).groups[1].terms).toEqual(['jaket', 'jacket', 'jackets']);
    expect(planQuery('swaeter denim', words).groups[0].terms).toEqual(['swaeter', 'sweater', 'sweaters']);
    // a singular in -s finds its plural in -es
    expect(planQuery('dress denim', words).groups[0].terms).toEqual(['dress', 'dresses']);
  });
  it('reads the last word as a prefix, with a typo allowed in it', () => {
    const plan = planQuery('cotton swaet', shop);
    expect(plan.groups[1]).toMatchObject({ prefix: true });
    expect(plan.groups[1].terms).toContain('sweater');
    expect(plan.groups[0].prefix).toBe(false);
    expect(tsqueryText(planQuery('swe', shop).groups)).toBe("('swe' | 'swe':*)");
  });
  it('matches a typed start without the listed terms it covers, and ranks with them all', () => {
    const groups = [
      { word: 'linen', terms: ['linen'], prefix: false },
      { word: 'shirt', terms: ['shirt', 'shirts', 'shorts'], prefix: true },
    ];
    expect(tsqueryText(groups)).toBe("('linen') & ('shirt' | 'shirts' | 'shorts' | 'shirt':*)");
    expect(tsqueryText(groups, { match: true })).toBe("('linen') & ('shorts' | 'shirt':*)");
  });
  it('reads a short last word that starts a term as that start only, with no typo', () => {
    const words = vocab({ merino: 7, men: 900, her: 3, heritage: 5, shirt: 40, tunic: 4, sweater: 30 });
    expect(planQuery('mer', words).groups[0].terms).toEqual(['mer']);
    expect(planQuery('mer', words).corrected).toBe('merino');
    expect(planQuery('swea', words).groups[0].terms).toEqual(['swea']);
    // a known word keeps itself (and prefixes on), a word no term starts is a complete word with a typo
    expect(planQuery('her', words).groups[0].terms).toEqual(['her']);
    expect(planQuery('linen shrt', words).groups[1].terms).toContain('shirt');
    expect(planQuery('tunc', words).groups[0].terms).toContain('tunic');
    // from five letters the typed start may hold a typo, and words before the last are complete words
    expect(planQuery('swaet', words).groups[0].terms).toContain('sweater');
    expect(planQuery('mer shirt', words).groups[0].terms).toContain('men');
  });
  it('drops stop words unless nothing else is left, and passes SKUs and dashed words to the parser', () => {
    const plan = planQuery('The D42-000012-0 for cotton', shop);
    expect(plan.groups.map((g) => g.word)).toEqual(['cotton']);
    expect(plan.raw).toEqual(['d42-000012-0']);
    expect(planQuery('the', shop).groups.map((g) => g.word)).toEqual(['the']);
  });
  it('quotes what it writes into tsquery text', () => {
    expect(tsqueryText([{ word: "o'x", terms: ["o'x", 'a\\b'], prefix: false }])).toBe("('o''x' | 'a\\\\b')");
  });
});

describe('tokenize', () => {
  it('lower-cases, trims punctuation and tells letter words apart', () => {
    expect(tokenize('  Merino, T-Shirt!  ')).toEqual([
      { word: 'merino', letters: true },
      { word: 't-shirt', letters: false },
    ]);
  });
});

describe('suggestQuery', () => {
  it('replaces unknown words by their nearest term, one edit more lenient than matching', () => {
    expect(suggestQuery('merrinno jackte', shop)).toBe('merino jacket');
    expect(suggestQuery('merino jacket', shop)).toBeUndefined();
    expect(suggestQuery('zzzzzz', shop)).toBeUndefined();
  });
});
