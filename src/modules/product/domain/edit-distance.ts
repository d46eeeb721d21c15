/**
 * Damerau–Levenshtein distance (Lowrance–Wagner: an adjacent swap is one edit, and a swapped pair
 * may also be edited around, so "herigte" is two edits from "heritage" as a shopper counts),
 * capped: answers `max + 1` for anything farther. The vocabulary scan calls it for every term
 * of a similar length, so the length test comes first.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const w = b.length + 2;
  const inf = a.length + b.length;
  const d = new Int32Array((a.length + 2) * w);
  d[0] = inf;
  for (let i = 0; i <= a.length; i++) {
    d[(i + 1) * w] = inf;
    d[(i + 1) * w + 1] = i;
  }
  for (let j = 0; j <= b.length; j++) {
    d[j + 1] = inf;
    d[w + j + 1] = j;
  }
  const lastRow = new Map<number, number>(); // character -> last row of `a` holding it
  for (let i = 1; i <= a.length; i++) {
    let lastCol = 0;
    for (let j = 1; j <= b.length; j++) {
      const i1 = lastRow.get(b.charCodeAt(j - 1)) ?? 0;
      const j1 = lastCol;
      let cost = 1;
      if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
        cost = 0;
        lastCol = j;
      }
      d[(i + 1) * w + j + 1] = Math.min(
        d[i * w + j] + cost,
        d[(i + 1) * w + j] + 1,
        d[i * w + j + 1] + 1,
        d[i1 * w + j1] + (i - i1 - 1) + 1 + (j - j1 - 1),
      );
    }
    lastRow.set(a.charCodeAt(i - 1), i);
  }
  return Math.min(d[(a.length + 1) * w + b.length + 1], max + 1);
}

/** Typos a query word of this length may carry: none under 3 letters, one up to 7, two from 8. */
export function typosAllowed(length: number): number {
  return length < 3 ? 0 : length < 8 ? 1 : 2;
}
