import { dayStart, nextDay } from './offsets.ts';

/** A ranking over a range of local days: the top `limit` per currency, by units or revenue. */
export interface RankQuery {
  from: string;
  to: string;
  tz: string;
  by: 'units' | 'revenue';
  limit: number;
}

/**
 * The hours of a range of local days: from the first day's start to the start of the day after
 * the last (hour rows are taken by their start: exact for whole-hour offsets).
 */
export const hoursOf = (q: Pick<RankQuery, 'from' | 'to' | 'tz'>) => [
  new Date(dayStart(q.from, q.tz)),
  new Date(dayStart(nextDay(q.to), q.tz)),
];

/** The SQL order of a ranking (ties broken by the other measure, then by id). */
export const rankOrder = (by: RankQuery['by']) =>
  by === 'units' ? 'units desc, revenue desc' : 'revenue desc, units desc';
