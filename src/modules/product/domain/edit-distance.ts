/**
 * Damerau–Levenshtein distance in its "optimal string alignment" form (an adjacent swap costs one
 * edit, as search engines count typos), stopping early once every path exceeds `max`: the
 * vocabulary scan calls it for thousands of terms per query word. Answers `max + 1` when farther.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let row = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return Math.min(prev[b.length], max + 1);
}

/** Typos a query word of this length may carry: none under 3 letters, one up to 7, two from 8. */
export function typosAllowed(length: number): number {
  return length < 3 ? 0 : length < 8 ? 1 : 2;
}
