import { describe, expect, it } from 'vitest';
import { Foreground } from '../host/foreground.ts';
import { Turns } from './turns.ts';

/** A batch that runs until `finish()`; `started` says whether it got its turn. */
function batch(log: string[], name: string) {
  let finish = () => {};
  const done = new Promise<void>((r) => { finish = r; });
  const b = { started: false, finish: () => finish(), run: async () => { b.started = true; log.push(name); await done; return name; } };
  return b;
}
const settle = () => new Promise((r) => setImmediate(r));

describe('bus turns: shoppers first while the bus is behind', () => {
  const setup = () => {
    const foreground = new Foreground();
    return { foreground, turns: new Turns({ foreground, behindMs: 200, whileBehind: 1 }) };
  };

  it('runs every batch at once while no queue is behind, requests in hand or not', async () => {
    const { foreground, turns } = setup();
    foreground.enter();
    turns.report('a', 5_000, false); // (drained: a long wait with nothing more behind it is not a backlog)
    turns.report('b', 150, true); // (more behind, but under the threshold)
    const log: string[] = [];
    const bs = ['a', 'b', 'c'].map((n) => batch(log, n));
    const runs = bs.map((b) => turns.take(b.run));
    await settle();
    expect(bs.every((b) => b.started)).toBe(true);
    for (const b of bs) b.finish();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c']);
  });

  it('behind with requests in hand: one batch at a time, first come first served', async () => {
    const { foreground, turns } = setup();
    foreground.enter();
    turns.report('order/pricing.order_priced', 900, true);
    expect(turns.behind).toBe(true);
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => batch(log, n));
    const runs = [turns.take(a.run), turns.take(b.run), turns.take(c.run)];
    await settle();
    expect([a.started, b.started, c.started]).toEqual([true, false, false]);
    a.finish();
    await settle();
    expect([b.started, c.started]).toEqual([true, false]);
    b.finish();
    await settle();
    expect(c.started).toBe(true);
    c.finish();
    await Promise.all(runs);
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('lets the waiting batches go when the last request ends, or when no queue is behind any more', async () => {
    const { foreground, turns } = setup();
    const leave = foreground.enter();
    turns.report('q', 1_000, true);
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => batch(log, n));
    const runs = [turns.take(a.run), turns.take(b.run)];
    await settle();
    expect(b.started).toBe(false);
    leave();
    leave(); // (ending a request twice counts once)
    await settle();
    expect(b.started).toBe(true);
    expect(foreground.busy).toBe(false);

    // Requests again, still behind: the next waits; the queue drains: it goes.
    foreground.enter();
    runs.push(turns.take(c.run));
    await settle();
    expect(c.started).toBe(false);
    turns.report('q', 0, false);
    expect(turns.behind).toBe(false);
    await settle();
    expect(c.started).toBe(true);
    for (const x of [a, b, c]) x.finish();
    await Promise.all(runs);
  });

  it('a failing batch gives its turn back', async () => {
    const { foreground, turns } = setup();
    foreground.enter();
    turns.report('q', 1_000, true);
    const log: string[] = [];
    const next = batch(log, 'next');
    const failing = turns.take(async () => { throw new Error('the database is away'); });
    const after = turns.take(next.run);
    await expect(failing).rejects.toThrow('away');
    await settle();
    expect(next.started).toBe(true);
    next.finish();
    await after;
  });

  it('a request parked on a wait is not in hand', async () => {
    const foreground = new Foreground();
    const leave = foreground.enter();
    let busyWhileParked: boolean | undefined;
    await foreground.parked(async () => { busyWhileParked = foreground.busy; });
    expect(busyWhileParked).toBe(false);
    expect(foreground.busy).toBe(true);
    leave();
    expect(foreground.busy).toBe(false);
  });
});
