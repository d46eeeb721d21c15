import type { Config } from '../config/schema.ts';

/** Who a budget counts: the client address, the account, or one account from one address. */
export type LimitScope = 'ip' | 'account' | 'pair';
export interface Budget {
  max: number;
  seconds: number;
}
export type Budgets = Partial<Record<LimitScope, Budget>>;

/**
 * Built-in budgets of the limited routes (overridable one entry at a time with RATE_LIMITS).
 * Sized for real shoppers behind shared NATs: a person does not create 30 carts or place 10
 * orders a minute, a script does.
 */
const DEFAULTS: Record<string, Budgets> = {
  cart: { ip: { max: 30, seconds: 60 }, account: { max: 30, seconds: 60 } },
  'cart-line': { ip: { max: 240, seconds: 60 }, account: { max: 240, seconds: 60 } },
  checkout: { ip: { max: 20, seconds: 60 }, account: { max: 10, seconds: 60 } },
  search: { ip: { max: 120, seconds: 60 }, account: { max: 120, seconds: 60 } },
  review: { ip: { max: 30, seconds: 60 }, account: { max: 10, seconds: 60 } },
  'review-feedback': { ip: { max: 120, seconds: 60 }, account: { max: 60, seconds: 60 } },
  'recommendation-view': { ip: { max: 240, seconds: 60 }, account: { max: 240, seconds: 60 } },
  // (a product page asks for two or three kinds at once, so reads get more than views)
  'recommendation-read': { ip: { max: 600, seconds: 60 }, account: { max: 600, seconds: 60 } },
  'storefront-event': { ip: { max: 240, seconds: 60 }, account: { max: 240, seconds: 60 } },
};

/**
 * Password flows (login, register, reset, change) share one shape derived from
 * AUTH_RATE_LIMIT_*: guesses at one account from one address (`pair`) run out first; an address
 * trying many accounts (`ip`) gets five times that; the account itself (`account`) is a slower
 * backstop over a longer window that never applies to an address the account signed in from
 * (so a stranger's guesses from elsewhere cannot lock its owner out).
 */
function passwordFlowDefaults(config: Pick<Config, 'AUTH_RATE_LIMIT_MAX' | 'AUTH_RATE_LIMIT_WINDOW_SECONDS'>) {
  const max = config.AUTH_RATE_LIMIT_MAX;
  const seconds = config.AUTH_RATE_LIMIT_WINDOW_SECONDS;
  return {
    pair: { max, seconds },
    ip: { max: max * 5, seconds },
    account: { max: max * 10, seconds: seconds * 15 },
  } satisfies Budgets;
}

const SCOPES: LimitScope[] = ['ip', 'account', 'pair'];
const isScope = (s: string): s is LimitScope => SCOPES.some((scope) => scope === s);

/** The budgets of one limited route: its defaults, then every RATE_LIMITS entry that names it (or `*`). */
export function budgetsFor(
  config: Pick<Config, 'RATE_LIMITS' | 'AUTH_RATE_LIMIT_MAX' | 'AUTH_RATE_LIMIT_WINDOW_SECONDS'>,
  name: string,
  kind: 'request' | 'password-flow',
): Budgets {
  const budgets: Budgets = { ...(kind === 'password-flow' ? passwordFlowDefaults(config) : DEFAULTS[name]) };
  for (const entry of config.RATE_LIMITS.split(',')) {
    const match = /^\s*([\w*-]+)\.([\w*-]+)=(off|(\d+)\/(\d+))\s*$/.exec(entry);
    if (!match) continue;
    const [, route, scope, value, max, seconds] = match;
    if (route !== '*' && route !== name) continue;
    for (const s of scope === '*' ? SCOPES : isScope(scope) ? [scope] : []) {
      if (value === 'off') delete budgets[s];
      else if (scope !== '*' || budgets[s]) budgets[s] = { max: Number(max), seconds: Math.max(1, Number(seconds)) };
    }
  }
  return budgets;
}
