import type { EntityManager } from '../../../platform/db/index.ts';
import type { EventDef, PayloadOf } from '../../../platform/bus/index.ts';
import { PromotionCodeChanged } from '../contract.ts';
import { codeFacts } from '../domain/promotion.ts';
import { Promotion } from '../entities/promotion.entity.ts';

type PublishAll = <E extends EventDef>(em: EntityManager, event: E, payloads: PayloadOf<E>[]) => Promise<unknown>;

/**
 * Announces every code again (at start): a projection that is new, or was rebuilt, fills up. The
 * version is the promotion's own last change, so an announcement that is older changes nothing.
 */
export async function announcePromotionCodes(em: EntityManager, publishAll: PublishAll): Promise<void> {
  await em.transactional(async (tx) => {
    const all = await tx.find(Promotion, { code: { $ne: null } });
    await publishAll(
      tx,
      PromotionCodeChanged,
      all.map((p) => codeFacts(p.code!, p, p.updatedAt.getTime())),
    );
  });
}
