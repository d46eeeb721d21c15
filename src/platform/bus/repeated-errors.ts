import type { Logger } from 'pino';

/** How long the repeats of one error are counted before they are reported as one line. */
const WINDOW_MS = 30_000;

/**
 * pg-boss reports a failure once per worker and poll: with the database gone, every queue's worker
 * says the same thing twice a second (~7,000 lines a minute here). The first of a kind is logged
 * whole; its repeats within the window (the same message once the queue and worker it names are
 * left out) are counted and logged as one line when the window closes.
 */
export function repeatedErrorLog(log: Logger, msg: string, windowMs = WINDOW_MS): (err: unknown) => void {
  const repeats = new Map<string, { count: number; queues: Set<string> }>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    for (const [kind, r] of repeats)
      if (r.count) log.error({ kind, repeats: r.count, queues: r.queues.size }, `${msg} repeated`);
    repeats.clear();
  };
  return (err) => {
    // (pg-boss's worker errors are plain objects with a message, not Errors)
    const message = String((err as { message?: unknown } | null)?.message ?? err);
    const queue = /\(Queue: ([^,)]+)/.exec(message)?.[1];
    const kind = message.replace(/\s*\(Queue: [^)]*\)/, '');
    const seen = repeats.get(kind);
    if (seen) {
      seen.count++;
      if (queue) seen.queues.add(queue);
      return;
    }
    repeats.set(kind, { count: 0, queues: new Set() });
    timer ??= setTimeout(flush, windowMs).unref();
    log.error({ err }, msg);
  };
}
