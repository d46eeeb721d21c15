import type { Config } from '../../../platform/config/schema.ts';

/** The page that takes a mailed token: the shop for customers, the dashboard for staff. */
export function linkTo(config: Config, audience: 'customer' | 'staff', page: string, token: string): string {
  const base = (audience === 'staff' ? config.DASHBOARD_URL : config.STOREFRONT_URL).replace(/\/+$/, '');
  return `${base}/${page}?token=${encodeURIComponent(token)}`;
}
