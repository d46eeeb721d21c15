import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repeatedErrorLog } from './repeated-errors.ts';

describe('repeatedErrorLog', () => {
  afterEach(() => vi.useRealTimers());

  it('logs the first of a kind whole and its repeats, whatever queue they name, as one line when the window closes', () => {
    vi.useFakeTimers();
    const lines: { msg: string; repeats?: number; queues?: number; err?: { message: string } }[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const report = repeatedErrorLog(log, 'bus error', 30_000);
    // (as pg-boss emits a worker's failure: a plain object with a message)
    const gone = (queue: string) => ({
      message: `database "shop" does not exist (Queue: ${queue}, Worker: ${crypto.randomUUID()})`,
    });
    for (let i = 0; i < 300; i++) report(gone(`q${i % 60}`));
    report(new Error('something else'));
    expect(lines.map((l) => l.err?.message)).toEqual([expect.stringMatching(/^database "shop"/), 'something else']);

    vi.advanceTimersByTime(30_000);
    expect(lines.slice(2)).toEqual([expect.objectContaining({ msg: 'bus error repeated', repeats: 299, queues: 60 })]);
    // (a new window: the kind is logged whole again, once)
    report(gone('q1'));
    report(gone('q2'));
    expect(lines).toHaveLength(4);
  });
});
