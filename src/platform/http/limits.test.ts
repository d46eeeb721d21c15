import { describe, expect, it } from 'vitest';
import { budgetsFor } from './limits.ts';

const config = (RATE_LIMITS: string) => ({ RATE_LIMITS, AUTH_RATE_LIMIT_MAX: 10, AUTH_RATE_LIMIT_WINDOW_SECONDS: 60 });

describe('request limit budgets', () => {
  it('derive the password flows from AUTH_RATE_LIMIT_*: pair, 5x per address, 10x per account over 15x the window', () => {
    expect(budgetsFor(config(''), 'login', 'password-flow')).toEqual({
      pair: { max: 10, seconds: 60 },
      ip: { max: 50, seconds: 60 },
      account: { max: 100, seconds: 900 },
    });
  });

  it('apply RATE_LIMITS entries in order: one scope, every scope, every route, off', () => {
    expect(budgetsFor(config('checkout.ip=5/60,checkout.account=off'), 'checkout', 'request')).toEqual({
      ip: { max: 5, seconds: 60 },
    });
    expect(budgetsFor(config('search.*=1/10'), 'search', 'request')).toEqual({
      ip: { max: 1, seconds: 10 },
      account: { max: 1, seconds: 10 },
    });
    expect(budgetsFor(config('*.*=off'), 'cart', 'request')).toEqual({});
    expect(budgetsFor(config('*.*=off,cart.ip=2/5'), 'cart', 'request')).toEqual({ ip: { max: 2, seconds: 5 } });
    expect(budgetsFor(config('cart.ip=off'), 'checkout', 'request').ip).toEqual({ max: 20, seconds: 60 });
  });

  it('leave a route without budgets unlimited', () => {
    expect(budgetsFor(config(''), 'unknown', 'request')).toEqual({});
  });
});
