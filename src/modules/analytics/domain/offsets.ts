/**
 * Every UTC offset a time zone uses today (IANA tzdata), in minutes. Sales are rolled up per local
 * day for each of them, so a zone's day is one row read; 40 offsets cost 40 small row updates per
 * sale in the background, and answer +05:30 and +05:45 days exactly (ADR 0064).
 */
export const OFFSETS_MINUTES = [
  -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -150, -120, -60, 0, 60, 120, 180, 210, 240,
  270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765, 780, 825, 840,
];
const known = new Set(OFFSETS_MINUTES);

const DAY = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes (e.g. 330 for India). */
export function offsetAt(tz: string, t: number): number {
  let f = formats.get(tz);
  if (!f) formats.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })));
  const name = f.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60;
  return m[1] === '-' ? -minutes : minutes;
}

/** The instant a local day starts in `tz` (the first instant of that date where midnight is skipped). */
export function dayStart(day: string, tz: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`);
  let t = wall - offsetAt(tz, wall) * 60_000;
  t = wall - offsetAt(tz, t) * 60_000;
  return t;
}

export const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

export interface DayPlan {
  /** Days of one whole offset from our list: read from the daily rows of that offset. */
  even: { day: string; offset: number }[];
  /** Days whose offset changes (DST) or is not in the list: summed from the facts, exactly. */
  odd: { day: string; start: Date; end: Date }[];
}

/**
 * Plans already made: a plan depends only on its arguments and the zone rules. Bounded: emptied when full.
 */
const plans = new Map<string, DayPlan>();
const MAX_PLANS = 500;

/**
 * How each local day reads, per zone: knowing one day asks Intl three times, ~1,100 calls for a
 * year (5-50 ms on a busy machine). Kept per day rather than per range, a range not asked before
 * (tomorrow's "last 365 days", another grain's edges) only works out the days it adds (ADR 0066).
 */
/** `steady`: 24 hours of one offset (no change within the day). */
type Day = { offset: number; start: number; end: number; steady: boolean };
const days = new Map<string, Day>();
const MAX_DAYS = 50_000;

function localDay(day: string, tz: string): Day {
  const key = `${tz}|${day}`;
  let d = days.get(key);
  if (!d) {
    if (days.size >= MAX_DAYS) days.clear();
    const start = dayStart(day, tz);
    const end = dayStart(nextDay(day), tz);
    const offset = (Date.parse(`${day}T00:00:00Z`) - start) / 60_000;
    const steady = end - start === DAY && offsetAt(tz, end - 1) === offset;
    days.set(key, (d = { offset, start, end, steady }));
  }
  return d;
}

/** How to read each local day from `from` to `to` (both included) in `tz`. */
export function planDays(from: string, to: string, tz: string): DayPlan {
  const key = `${from}|${to}|${tz}`;
  let plan = plans.get(key);
  if (!plan) {
    if (plans.size >= MAX_PLANS) plans.clear();
    plans.set(key, (plan = makePlan(from, to, tz)));
  }
  return plan;
}

function makePlan(from: string, to: string, tz: string): DayPlan {
  const plan: DayPlan = { even: [], odd: [] };
  for (let day = from; day <= to; day = nextDay(day)) {
    const { offset, start, end, steady } = localDay(day, tz);
    if (steady && known.has(offset)) plan.even.push({ day, offset });
    else plan.odd.push({ day, start: new Date(start), end: new Date(end) });
  }
  return plan;
}

/** Consecutive days of one offset as one range: a year in New York is three ranges, not 365 days. */
export function runsOf(even: DayPlan['even']): { offset: number; from: string; to: string }[] {
  const runs: { offset: number; from: string; to: string }[] = [];
  for (const { day, offset } of even) {
    const last = runs[runs.length - 1];
    if (last && last.offset === offset && nextDay(last.to) === day) last.to = day;
    else runs.push({ offset, from: day, to: day });
  }
  return runs;
}
