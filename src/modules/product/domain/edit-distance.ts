/**
 * The distance a shopper counts, capped at `max + 1`: the cheap restricted form (optimal string
 * alignment, stopping once a row exceeds the cap) decides most pairs; only a pair just past the
 * cap is measured again by the unrestricted form, which may find it one edit closer.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const osa = alignmentDistance(a, b, max + 1);
  return osa <= max ? osa : osa === max + 1 ? editDistance(a, b, max) : max + 1;
}

// Rows reused across calls: the vocabulary scan makes thousands of calls per query word.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (an adjacent swap is one edit, nothing edited inside it), capped at `max + 1`. */
export function alignmentDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const cols = b.length + 1;
  if (rows[0].length < cols) rows = [new Int32Array(cols * 2), new Int32Array(cols * 2), new Int32Array(cols * 2)];
  let [prev2, prev, row] = rows;
  for (let j = 0; j < cols; j++) prev[j] = j;
  let prevBest = 0;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = prev[j - 1] + (ca === cb ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (row[j - 1] + 1 < d) d = row[j - 1] + 1;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && prev2[j - 2] + 1 < d)
        d = prev2[j - 2] + 1;
      row[j] = d;
      if (d < best) best = d;
    }
    // two rows past the cap: no later cell can come back under it (a swap reaches back one row)
    if (best > max && prevBest > max) return max + 1;
    prevBest = best;
    const spare = prev2;
    prev2 = prev;
    prev = row;
    row = spare;
  }
  return Math.min(prev[b.length], max + 1);
}

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
