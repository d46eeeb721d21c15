import { DomainError } from '../../../platform/http/errors.ts';

export interface Shortfall {
  variantId: string;
  requested: number;
  available: number;
}

/** A reservation asked for more than is available; names every variant that falls short. */
export class InsufficientStock extends DomainError {
  readonly shortfalls: Shortfall[];
  constructor(shortfalls: Shortfall[]) {
    const detail = shortfalls
      .map((s) => `variant ${s.variantId}: ${s.requested} requested, ${s.available} available`)
      .join('; ');
    super(409, 'Conflict', `Insufficient stock for ${detail}`, { code: 'insufficient_stock', shortfalls });
    this.shortfalls = shortfalls;
  }
}
