import { Type, type Static } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';

const Uuid = Type.String({ format: 'uuid' });

/** A variant as other modules need it: what is sold, and what its price and stock hang off. */
export const VariantFacts = Type.Object({
  variantId: Uuid,
  sku: Type.String(),
  title: Type.String(),
  options: Type.Record(Type.String(), Type.String()),
  weightGrams: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});

/**
 * The whole product as it now is (event-carried state transfer): consumers replace their copy
 * instead of patching it, so a missed or reordered update heals with the next one. `version`
 * increases with every change; a consumer ignores a snapshot older than the one it holds.
 */
export const ProductSnapshot = Type.Object({
  productId: Uuid,
  version: Type.Integer({ minimum: 1 }),
  handle: Type.String(),
  title: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  categoryIds: Type.Array(Uuid),
  collectionIds: Type.Array(Uuid),
  thumbnail: Type.Union([Type.String(), Type.Null()]),
  variants: Type.Array(VariantFacts),
});
export type ProductSnapshot = Static<typeof ProductSnapshot>;

/** A product was created (with its variants). */
export const ProductCreated = defineEvent('product.created.v1', ProductSnapshot, 'A product was created');

/** A product changed: title, status, categories or variants (added, changed or removed). */
export const ProductUpdated = defineEvent(
  'product.updated.v1',
  ProductSnapshot,
  'A product changed; carries the full new state',
);

/** A product and all its variants are gone. */
export const ProductDeleted = defineEvent(
  'product.deleted.v1',
  Type.Object({ productId: Uuid, version: Type.Integer({ minimum: 1 }), variantIds: Type.Array(Uuid) }),
  'A product was deleted',
);

/** The longest search text a SearchFoundNothing carries (longer text is cut there). */
export const SEARCH_TERM_MAX = 100;

/**
 * A shopper's search found no product: the text normalised (trimmed, spaces collapsed, lower
 * case, control characters dropped, at most SEARCH_TERM_MAX characters), for merchandisers.
 */
export const SearchFoundNothing = defineEvent(
  'product.search_no_result.v1',
  Type.Object({
    query: Type.String({ minLength: 1, maxLength: SEARCH_TERM_MAX }),
    searchedAt: Type.String({ format: 'date-time' }),
  }),
  'A store search found no product',
);

export const productEvents = [ProductCreated, ProductUpdated, ProductDeleted, SearchFoundNothing];
