import { createServer, type IncomingMessage, type Server } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { NotFound, Unauthorized } from './errors.ts';

/** What is for operators, not the public: the metrics and the API documentation. */
const isOpsPath = (url: string) => /^\/(metrics|docs)(?:[/?]|$)/.test(url);
const fromOpsPort = new WeakSet<IncomingMessage>();
const sha = (s: string) => createHash('sha256').update(s).digest();

/**
 * /metrics and /docs answer: on OPS_PORT (an internal port; there only they answer), or on the
 * public port with `Authorization: Bearer <OPS_TOKEN>`, or, when neither is set, publicly outside
 * production and not at all in production (404: a default deployment shows neither).
 */
export const opsAccess = fp(
  async (app: FastifyInstance) => {
    const { config } = app.platform;
    const token = config.OPS_TOKEN ? sha(config.OPS_TOKEN) : undefined;
    const open = !config.OPS_PORT && !token && config.NODE_ENV !== 'production';
    app.addHook('onRequest', async (req: FastifyRequest) => {
      const ops = isOpsPath(req.url);
      if (fromOpsPort.has(req.raw)) {
        if (!ops) throw new NotFound(`${req.method} ${req.url.split('?')[0]} on the operations port`);
        return;
      }
      if (!ops || open) return;
      if (!token) throw new NotFound(`route ${req.method} ${req.url.split('?')[0]}`);
      const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(sha(given), token)) throw new Unauthorized('This route needs the OPS_TOKEN');
    });

    if (!config.OPS_PORT) return;
    let server: Server | undefined;
    app.addHook('onReady', async () => {
      server = createServer((req, res) => {
        fromOpsPort.add(req);
        app.routing(req, res);
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', (err) => reject(new Error(`OPS_PORT ${config.OPS_PORT}: ${err.message}`)));
        server!.listen(config.OPS_PORT, config.HOST, resolve);
      });
      app.log.info(`operations (/metrics, /docs) on http://${config.HOST}:${config.OPS_PORT}`);
    });
    app.addHook('onClose', async () => {
      server?.closeAllConnections();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    });
  },
  { name: 'ops-access' },
);
