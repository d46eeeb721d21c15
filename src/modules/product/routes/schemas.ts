import { Type } from 'typebox';
import { CurrencyCode } from '../../pricing/contract.ts';

const Uuid = Type.String({ format: 'uuid' });
const Handle = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  minLength: 1,
  maxLength: 200,
  description: 'lower-case slug, unique',
});
const Sku = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$', minLength: 1, maxLength: 100 });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Url = Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://' });
const OptionValues = Type.Record(
  Type.String({ minLength: 1, maxLength: 50 }),
  Type.String({ minLength: 1, maxLength: 100 }),
  { maxProperties: 10 },
);

export const ImageIn = Type.Object(
  { url: Url, alt: Type.Optional(Type.String({ maxLength: 300 })) },
  { additionalProperties: false },
);

export const VariantIn = Type.Object(
  {
    sku: Sku,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    options: Type.Optional(OptionValues),
    weightGrams: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const VariantPatch = Type.Object(
  {
    sku: Type.Optional(Sku),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    weightGrams: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

const productFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  handle: Type.Optional(Handle),
  subtitle: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  description: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])),
  thumbnail: Type.Optional(Nullable(Url)),
  categoryIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
  collectionIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
  images: Type.Optional(Type.Array(ImageIn, { maxItems: 50 })),
};

export const ProductIn = Type.Object(
  {
    ...productFields,
    options: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 50 }),
            values: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
              minItems: 1,
              maxItems: 100,
              uniqueItems: true,
            }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
    variants: Type.Array(VariantIn, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const ProductPatch = Type.Partial(Type.Object(productFields), { additionalProperties: false, minProperties: 1 });

export const CategoryIn = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    handle: Type.Optional(Handle),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    parentId: Type.Optional(Nullable(Uuid)),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export const CategoryPatch = Type.Partial(CategoryIn, { additionalProperties: false, minProperties: 1 });

export const CollectionIn = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }), handle: Type.Optional(Handle) },
  { additionalProperties: false },
);
export const CollectionPatch = Type.Partial(CollectionIn, { additionalProperties: false, minProperties: 1 });

export const IdParam = Type.Object({ id: Uuid });
export const VariantParams = Type.Object({ id: Uuid, variantId: Uuid });

const Price = Type.Union([
  Type.Object({
    currency: Type.String(),
    amount: Type.Integer(),
    originalAmount: Type.Integer(),
    taxInclusive: Type.Boolean(),
  }),
  Type.Null(),
]);

export const StoreVariant = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  title: Type.String(),
  options: Type.Record(Type.String(), Type.String()),
  price: Price,
  inStock: Type.Boolean(),
});

export const StoreProductSummary = Type.Object(
  {
    id: Type.String(),
    handle: Type.String(),
    title: Type.String(),
    subtitle: Type.Union([Type.String(), Type.Null()]),
    thumbnail: Type.Union([Type.String(), Type.Null()]),
    categoryIds: Type.Array(Type.String()),
    inStock: Type.Boolean(),
    priceRange: Type.Object({ currency: Type.String(), min: Type.Integer(), max: Type.Integer() }),
    rating: Type.Object({ average: Type.Number(), count: Type.Integer() }),
    variants: Type.Array(StoreVariant),
  },
  { $id: 'StoreProductSummary' },
);

export const StoreProduct = Type.Object(
  {
    id: Type.String(),
    handle: Type.String(),
    title: Type.String(),
    subtitle: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    thumbnail: Type.Union([Type.String(), Type.Null()]),
    categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), handle: Type.String() })),
    collections: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), handle: Type.String() })),
    images: Type.Array(Type.Object({ url: Type.String(), alt: Type.String() })),
    options: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) })),
    inStock: Type.Boolean(),
    rating: Type.Object({ average: Type.Number(), count: Type.Integer() }),
    variants: Type.Array(StoreVariant),
  },
  { $id: 'StoreProduct' },
);

export const SortKey = Type.Union([
  Type.Literal('newest'),
  Type.Literal('price_asc'),
  Type.Literal('price_desc'),
  Type.Literal('title'),
  Type.Literal('relevance'),
  Type.Literal('rating'),
]);

export const ListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: Type.Optional(
      Type.String({ maxLength: 200, description: 'category id or handle; includes its subcategories' }),
    ),
    collection: Type.Optional(Type.String({ maxLength: 200, description: 'collection id or handle' })),
    minPrice: Type.Optional(Type.Integer({ minimum: 0, description: 'minor units, in `currency`' })),
    maxPrice: Type.Optional(Type.Integer({ minimum: 0 })),
    inStock: Type.Optional(Type.Boolean()),
    minRating: Type.Optional(
      Type.Number({ minimum: 0, maximum: 5, description: 'average review rating at least this (0 to 5)' }),
    ),
    sort: Type.Optional(SortKey),
    currency: Type.Optional(CurrencyCode),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    facets: Type.Optional(
      Type.Boolean({ description: 'include facet counts (on by default with q; facets=false leaves them out)' }),
    ),
  },
  { additionalProperties: false },
);

export const Facets = Type.Object({
  categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() })),
  priceBuckets: Type.Array(
    Type.Object({ min: Type.Integer(), max: Type.Union([Type.Integer(), Type.Null()]), count: Type.Integer() }),
  ),
  inStock: Type.Object({ true: Type.Integer(), false: Type.Integer() }),
});

export const ListResponse = Type.Object({
  items: Type.Array(Type.Ref('StoreProductSummary')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  facets: Type.Optional(Facets),
  didYouMean: Type.Optional(
    Type.String({ description: 'when a search finds nothing: the nearest query that finds something' }),
  ),
});

export const StoreProductParams = Type.Object({ idOrHandle: Type.String({ minLength: 1, maxLength: 200 }) });
export const CurrencyQuery = Type.Object(
  { currency: Type.Optional(ListQuery.properties.currency) },
  { additionalProperties: false },
);
export const StoreCategories = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      parentId: Type.Union([Type.String(), Type.Null()]),
      name: Type.String(),
      handle: Type.String(),
      depth: Type.Integer(),
    }),
  ),
});
export const CollectionOut = Type.Object({ id: Type.String(), title: Type.String(), handle: Type.String() });
export const CollectionList = Type.Object({ items: Type.Array(CollectionOut) });
