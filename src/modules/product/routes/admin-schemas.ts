import { Type } from 'typebox';
import { ProductIn } from './schemas.ts';

/** The HTTP schemas of the admin routes (the store's and the shared inputs are in schemas.ts). */
export const adminProblems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};

export const AdminProduct = Type.Object(
  {
    id: Type.String(),
    handle: Type.String(),
    title: Type.String(),
    subtitle: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    status: Type.String(),
    thumbnail: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    categoryIds: Type.Array(Type.String()),
    collectionIds: Type.Array(Type.String()),
    images: Type.Array(Type.Object({ url: Type.String(), alt: Type.String() })),
    options: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) })),
    variants: Type.Array(
      Type.Object({
        id: Type.String(),
        sku: Type.String(),
        title: Type.String(),
        options: Type.Record(Type.String(), Type.String()),
        weightGrams: Type.Union([Type.Integer(), Type.Null()]),
      }),
    ),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'AdminProduct' },
);

export const AdminListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])),
    categoryId: Type.Optional(Type.String({ format: 'uuid', description: 'only products in this category' })),
    collectionId: Type.Optional(Type.String({ format: 'uuid', description: 'only products in this collection' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const AdminProductList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      handle: Type.String(),
      title: Type.String(),
      status: Type.String(),
      variantCount: Type.Integer(),
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ProductBatchIn = Type.Object(
  { products: Type.Array(ProductIn, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);

export const ProductBatchOut = Type.Object({
  products: Type.Array(
    Type.Object({
      id: Type.String(),
      variants: Type.Array(Type.Object({ id: Type.String(), sku: Type.String() })),
    }),
  ),
});

export const CategoryOut = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  handle: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  position: Type.Integer(),
});
export const CategoryList = Type.Object({ items: Type.Array(CategoryOut) });

export const SearchRebuilt = Type.Object({ backend: Type.String(), indexed: Type.Integer() });
export const SearchReconciled = Type.Object({ backend: Type.String(), repaired: Type.Integer() });

const SearchWord = Type.String({
  minLength: 1,
  maxLength: 50,
  pattern: '^\\p{L}+$',
  description: 'one word, letters only',
});
export const SearchSettingsBody = Type.Object(
  {
    synonyms: Type.Array(Type.Array(SearchWord, { minItems: 2, maxItems: 20 }), {
      maxItems: 500,
      description: 'groups of words that mean the same: a query word finds products holding any word of its group',
    }),
    stopWords: Type.Array(SearchWord, {
      maxItems: 500,
      description: 'words dropped from queries (unless a query holds nothing else)',
    }),
  },
  { additionalProperties: false },
);
