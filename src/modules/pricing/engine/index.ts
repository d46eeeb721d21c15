// The pricing engine's public face inside the module: pure functions, no I/O.
export { calculate, taxed, PPM } from './calculate.ts';
export { allocate, mulDivRound } from './money.ts';
export type * from './types.ts';
