// The screens a process serves beside the API: the storefront at `/` where `product` is hosted
// (its listings are the pages' main traffic, so they stay in-process with them) and STOREFRONT is on;
// the staff dashboard at `/dashboard` where `user` is hosted (it signs staff in) and DASHBOARD is on.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.ts';
import type { ModuleDefinition } from './module.ts';
import { storefront } from '../../../web/storefront/plugin.ts';
import { dashboard, prepareDashboard } from '../../../web/dashboard/plugin.ts';

export async function registerWebApps(app: FastifyInstance, config: Config, modules: ModuleDefinition[]) {
  if (config.STOREFRONT && modules.some((m) => m.name === 'product'))
    await app.register(storefront, { cacheSeconds: config.STOREFRONT_CACHE_SECONDS });
  if (config.DASHBOARD && modules.some((m) => m.name === 'user')) {
    // (built here, outside the plugin, so a slow first build is not cut off by the plugin timeout)
    await prepareDashboard((msg) => app.log.info(msg));
    await app.register(dashboard);
  }
}
