// Pricing's pure rules: the engine (integers in, integers out; half-up rounding in one place).
export { calculate, taxed, PPM } from './calculate.ts';
export { allocate, mulDivRound } from './money.ts';
export type * from './types.ts';
