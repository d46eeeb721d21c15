import { describe, expect, it } from 'vitest';
import { dayStart, offsetAt, planDays, runsOf } from './offsets.ts';

describe('local days by UTC offset', () => {
  it('knows offsets with minutes and the start of a local day', () => {
    expect(offsetAt('Asia/Kolkata', Date.parse('2026-06-01T00:00:00Z'))).toBe(330);
    expect(offsetAt('Asia/Kathmandu', Date.parse('2026-06-01T00:00:00Z'))).toBe(345);
    expect(offsetAt('America/New_York', Date.parse('2026-07-01T00:00:00Z'))).toBe(-240);
    expect(new Date(dayStart('2026-03-02', 'Asia/Kolkata')).toISOString()).toBe('2026-03-01T18:30:00.000Z');
    expect(new Date(dayStart('2026-11-01', 'America/New_York')).toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('reads whole-offset days from the daily rows and a DST change day from the facts', () => {
    const plan = planDays('2026-10-30', '2026-11-02', 'America/New_York');
    expect(plan.even).toEqual([
      { day: '2026-10-30', offset: -240 },
      { day: '2026-10-31', offset: -240 },
      { day: '2026-11-02', offset: -300 },
    ]);
    // The 25-hour day on which clocks went back.
    expect(plan.odd).toEqual([
      { day: '2026-11-01', start: new Date('2026-11-01T04:00:00Z'), end: new Date('2026-11-02T05:00:00Z') },
    ]);
    expect(planDays('2026-01-01', '2026-12-31', 'UTC').even).toHaveLength(365);
    expect(runsOf(planDays('2026-01-01', '2026-12-31', 'America/New_York').even)).toEqual([
      { offset: -300, from: '2026-01-01', to: '2026-03-07' },
      { offset: -240, from: '2026-03-09', to: '2026-10-31' },
      { offset: -300, from: '2026-11-02', to: '2026-12-31' },
    ]);
    expect(planDays('2026-01-01', '2026-12-31', 'Asia/Kathmandu').odd).toEqual([]);
  });
});
