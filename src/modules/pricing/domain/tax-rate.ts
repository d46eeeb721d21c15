import { BadRequest } from '../../../platform/http/errors.ts';

/** Basis points (up to two decimals) to parts per million, exactly: 887.5 bps = 88750 ppm. */
export function bpsToPpm(rateBps: number): number {
  const ppm = Math.round(rateBps * 100);
  if (Math.abs(ppm - rateBps * 100) > 1e-6) {
    throw new BadRequest('rateBps has at most two decimals (0.01 bps = 1 ppm)', {
      errors: [{ field: 'rateBps', message: 'has more than two decimals' }],
    });
  }
  return ppm;
}

export const ppmToBps = (ppm: number) => ppm / 100;

export const taxRateView = (t: { countryCode: string; name?: string | null; ratePpm: number; updatedAt: Date }) => ({
  countryCode: t.countryCode,
  name: t.name ?? null,
  rateBps: ppmToBps(t.ratePpm),
  updatedAt: t.updatedAt.toISOString(),
});
export type TaxRateView = ReturnType<typeof taxRateView>;
