import { Type } from 'typebox';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../domain/availability.ts';

export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')]));
const Uuid = Type.String({ format: 'uuid' });
const Limit = Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT });
/** An anonymous shopper's session id: long and random enough that nobody guesses another's. */
const SessionId = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const IdParam = Type.Object({ id: Uuid });
export const ProductQuery = Type.Object(
  {
    kind: Type.Union([Type.Literal('bought_together'), Type.Literal('similar'), Type.Literal('popular_in_category')]),
    limit: Limit,
  },
  { additionalProperties: false },
);
export const ShopperQuery = Type.Object(
  {
    kind: Type.Literal('recently_viewed', { default: 'recently_viewed' }),
    sessionId: Type.Optional(SessionId),
    limit: Limit,
  },
  { additionalProperties: false },
);
export const ViewBody = Type.Object(
  { productId: Uuid, sessionId: Type.Optional(SessionId) },
  { additionalProperties: false },
);
export const ProductRecommendations = Type.Object({
  kind: Type.String(),
  items: Type.Array(Type.Object({ productId: Uuid, score: Type.Number() })),
});
export const ShopperRecommendations = Type.Object({
  kind: Type.String(),
  items: Type.Array(Type.Object({ productId: Uuid, viewedAt: Type.String({ format: 'date-time' }) })),
});
export const RebuildAccepted = Type.Object({ taskId: Type.String() });
