import { defineRecurringTask, type Handler } from '../../../platform/bus/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { webhook } from '../runtime.ts';
import { purgeDeliveries } from '../use-cases/purge-deliveries.ts';

/** The delivery log is kept WEBHOOK_DELIVERY_RETENTION_DAYS; an hourly run drops what is older. */
const purge = defineRecurringTask('webhook.deliveries_purge_due.v1', 'Time to drop old webhook deliveries', 60 * 60);
export const DeliveriesPurgeDue = purge.task;

export const startDeliveriesPurge = (platform: Platform) => purge.start(platform.bus, platform.orm);

export const onDeliveriesPurgeDue: Handler<{ slot: number }> = async ({ em, log, afterCommit }, task) => {
  const { platform } = webhook();
  await purge.next(platform.bus, em, task.payload);
  // (after the commit, outside the task's transaction: each batch commits on its own)
  afterCommit(async () => {
    const days = platform.config.WEBHOOK_DELIVERY_RETENTION_DAYS;
    const purged = await purgeDeliveries(platform.orm.em.fork(), new Date(Date.now() - days * 86_400_000));
    if (purged) log.info({ purged, days }, 'old webhook deliveries dropped');
  });
};
