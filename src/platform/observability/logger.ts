import { pino, type Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import { traceStore } from './context.ts';

/**
 * Every line written inside a request or a bus handler names its trace (the id a trace viewer
 * finds it by): read from the async context when the line is written, so no logger needs rebinding.
 */
export const traceMixin = (): { traceId?: string } => {
  const trace = traceStore.getStore();
  return trace ? { traceId: trace.traceId } : {};
};

/** Fastify's two lines per request, which a person at a terminal does not want at info. */
const requestLine = (args: unknown[]) => args[1] === 'incoming request' || args[1] === 'request completed';

/**
 * JSON lines for machines (production, a pipe, a file); for a person at a terminal outside
 * production, pino-pretty's readable lines without the per-request noise (it comes back at
 * LOG_LEVEL=debug). pino-pretty runs in this thread (sync), so a crash never loses its last lines.
 */
export async function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Promise<Logger> {
  if (!process.stdout.isTTY || config.NODE_ENV === 'production')
    return pino({ level: config.LOG_LEVEL, mixin: traceMixin });
  const { default: pretty } = await import('pino-pretty');
  return pino(
    {
      level: config.LOG_LEVEL,
      mixin: traceMixin,
      hooks: {
        logMethod(args, method, level) {
          if (level === 30 && requestLine(args)) {
            if (this.isLevelEnabled('debug')) this.debug(...args);
            return;
          }
          method.apply(this, args);
        },
      },
    },
    pretty({ sync: true, singleLine: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }),
  );
}
