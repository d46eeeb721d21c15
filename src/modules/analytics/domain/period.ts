/** Report grains: a local day, an ISO week (starting Monday) or a calendar month in the report's time zone. */
export type Grain = 'day' | 'week' | 'month';

/** An IANA zone name the runtime knows ('UTC', 'Europe/Paris'); anything else is refused before SQL sees it. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz);
  } catch {
    return false;
  }
}

/** Average order value in minor units, rounded half up; 0 without orders. */
export const averageOrderValue = (revenue: number, orders: number) => (orders ? Math.round(revenue / orders) : 0);

/** A step's conversion: `step / before`, to four decimals; 0 when nothing came before. */
export const conversion = (step: number, before: number) =>
  before ? Math.round((step / before) * 10_000) / 10_000 : 0;
