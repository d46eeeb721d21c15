// The analytics page's choices (range of local days, grain, time zone, currency), shared by its reports.
export type Grain = 'day' | 'week' | 'month';

export interface ReportFilters {
  from: string;
  to: string;
  tz: string;
  granularity: Grain;
  currency: string;
}

/** Today in `tz` as YYYY-MM-DD (en-CA writes dates that way). */
export function localToday(tz: string, offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    d,
  );
}

export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function zones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes('UTC') ? all : ['UTC', ...all];
}

export const rangeQuery = (f: ReportFilters) => ({ from: f.from, to: f.to, tz: f.tz });
