// Integer money arithmetic for the pricing engine. Amounts are integer minor units of one currency
// (cents, yen), never negative here. Products that could pass 2^53 (an amount of up to 10^15 times
// a rate) are computed in BigInt, so no intermediate ever loses precision.

/**
 * THE rounding rule, in one place: a fractional amount of minor units is rounded half-up (a tie,
 * x.5, goes to the larger integer; with the non-negative amounts of this engine that is also
 * "half away from zero", the commercial rounding most EU tax authorities expect). Every percentage
 * discount and every tax amount goes through here; nothing else in the engine rounds.
 */
export function mulDivRound(amount: number, numerator: number, denominator: number): number {
  assertAmount(amount, 'amount');
  assertAmount(numerator, 'numerator');
  if (!Number.isSafeInteger(denominator) || denominator <= 0)
    throw new RangeError(`denominator must be a positive integer, got ${denominator}`);
  const n = BigInt(amount) * BigInt(numerator);
  const d = BigInt(denominator);
  return toNumber((2n * n + d) / (2n * d));
}

/**
 * Splits `total` over `weights` in proportion, by the largest-remainder method: each part is the
 * floor of its exact share, and the units left over go one each to the parts with the largest
 * remainders (ties: the earlier part). The parts sum to `total` exactly, each differs from its
 * exact share by less than one unit, and no part exceeds its weight when total <= sum(weights).
 * This distributes an amount already rounded once; it does not round again.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertAmount(total, 'total');
  weights.forEach((w, i) => assertAmount(w, `weights[${i}]`));
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (total === 0) return weights.map(() => 0);
  if (sum === 0n) throw new RangeError(`cannot allocate ${total} over zero weights`);
  const t = BigInt(total);
  const parts = weights.map((w, index) => {
    const exact = t * BigInt(w);
    return { index, floor: exact / sum, remainder: exact % sum };
  });
  let left = t - parts.reduce((a, p) => a + p.floor, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const p of byRemainder) {
    if (left === 0n) break;
    p.floor += 1n;
    left -= 1n;
  }
  return parts.map((p) => toNumber(p.floor));
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0);

export function assertAmount(x: number, what: string): void {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${x}`);
}

function toNumber(x: bigint): number {
  if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount ${x} exceeds the safe integer range`);
  return Number(x);
}
