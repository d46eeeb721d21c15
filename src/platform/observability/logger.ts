import { pino, type Logger } from 'pino';
import type { Config } from '../config/schema.ts';

/** Fastify's two lines per request, which a person at a terminal does not want at info. */
const requestLine = (args: unknown[]) => args[1] === 'incoming request' || args[1] === 'request completed';

/**
 * JSON lines for machines (production, a pipe, a file); for a person at a terminal outside
 * production, pino-pretty's readable lines without the per-request noise (it comes back at
 * LOG_LEVEL=debug). pino-pretty runs in this thread (sync), so a crash never loses its last lines.
 */
export async function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Promise<Logger> {
  if (!process.stdout.isTTY || config.NODE_ENV === 'production') return pino({ level: config.LOG_LEVEL });
  const { default: pretty } = await import('pino-pretty');
  return pino(
    {
      level: config.LOG_LEVEL,
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
