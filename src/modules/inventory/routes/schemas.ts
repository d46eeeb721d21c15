import { Type } from 'typebox';
import { MAX_ON_HAND } from '../domain/on-hand.ts';
import { MAX_LINES, MAX_QUANTITY } from '../domain/reservation-input.ts';
import { ADJUSTMENT_REASONS } from '../entities/adjustment.entity.ts';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });
const LocationCode = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$',
  description: 'Unique (case-insensitive), e.g. "wh-london"',
});
const LocationName = Type.String({ minLength: 1, maxLength: 200 });

/** The error responses every inventory admin route may give. */
export const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  422: Type.Ref('Problem'),
};

/** A keyset page of items. */
export const pageOf = (item: ReturnType<typeof Type.Ref>) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const IdParam = Type.Object({ id: Uuid });
export const VariantParam = Type.Object({ variantId: Uuid });

const page = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
};
export const PageQuery = Type.Object(page, { additionalProperties: false });

// Locations
export const LocationOut = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    countryCode: Type.Union([Type.String(), Type.Null()]),
    isDefault: Type.Boolean({ description: 'New variants get their stock record here' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'StockLocation' },
);
export const LocationBody = Type.Object(
  { code: LocationCode, name: LocationName, countryCode: CountryCode },
  { additionalProperties: false },
);
export const LocationPatch = Type.Object(
  {
    code: Type.Optional(LocationCode),
    name: Type.Optional(LocationName),
    countryCode: Type.Optional(Nullable(CountryCode)),
  },
  { additionalProperties: false, minProperties: 1 },
);

// Stock
export const InventoryOut = Type.Object(
  {
    variantId: Uuid,
    productId: Uuid,
    sku: Type.String(),
    title: Type.String(),
    deleted: Type.Boolean({ description: 'The product or variant was deleted: history only, no further adjustments' }),
    onHand: Type.Integer(),
    reserved: Type.Integer(),
    available: Type.Integer({ description: 'on hand minus reserved, all locations' }),
    inStock: Type.Boolean(),
    levels: Type.Array(
      Type.Object({
        locationId: Uuid,
        locationCode: Type.String(),
        locationName: Type.String(),
        onHand: Type.Integer(),
        reserved: Type.Integer(),
        available: Type.Integer(),
      }),
    ),
    updatedAt: Timestamp,
  },
  { $id: 'InventoryItem' },
);
export const InventoryQuery = Type.Object(
  {
    ...page,
    productId: Type.Optional(Uuid),
    includeDeleted: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const AdjustmentBody = Type.Object(
  {
    locationId: Uuid,
    delta: Type.Optional(
      Type.Integer({
        minimum: -1_000_000,
        maximum: 1_000_000,
        description: 'Change of on hand; not 0. Give this or onHand.',
      }),
    ),
    onHand: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_ON_HAND,
        description: 'The counted figure to set on hand to. Give this or delta.',
      }),
    ),
    reason: Type.Union(ADJUSTMENT_REASONS.map((r) => Type.Literal(r))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const BulkAdjustmentBody = Type.Object(
  {
    items: Type.Array(Type.Object({ variantId: Uuid, ...AdjustmentBody.properties }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 500,
    }),
  },
  { additionalProperties: false },
);
export const AdjustmentOut = Type.Object(
  {
    id: Uuid,
    variantId: Uuid,
    locationId: Uuid,
    kind: Type.Union([Type.Literal('adjustment'), Type.Literal('set'), Type.Literal('commit')], {
      description: 'commit = shipped from a reservation',
    }),
    reason: Type.String(),
    note: Type.Union([Type.String(), Type.Null()]),
    delta: Type.Integer(),
    onHandBefore: Type.Integer(),
    onHandAfter: Type.Integer(),
    reserved: Type.Integer({ description: 'Reserved at the location after the change' }),
    staffId: Type.Union([Uuid, Type.Null()]),
    reservationId: Type.Union([Uuid, Type.Null()]),
    createdAt: Timestamp,
  },
  { $id: 'StockAdjustment' },
);
export const AdjustmentQuery = Type.Object(
  { ...page, locationId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

// Reservations
export const ReservationBody = Type.Object(
  {
    reference: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Unique, e.g. the order id; the same reference returns the existing reservation',
    }),
    lines: Type.Array(
      Type.Object(
        {
          variantId: Uuid,
          quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_LINES },
    ),
  },
  { additionalProperties: false },
);
const Status = Type.Union([Type.Literal('reserved'), Type.Literal('released'), Type.Literal('committed')]);
export const ReservationOut = Type.Object(
  {
    id: Uuid,
    reference: Type.String(),
    status: Status,
    lines: Type.Array(
      Type.Object({
        variantId: Uuid,
        quantity: Type.Integer(),
        allocations: Type.Array(Type.Object({ locationId: Uuid, quantity: Type.Integer() })),
      }),
    ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    releasedAt: Type.Union([Timestamp, Type.Null()]),
    committedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'StockReservation' },
);
export const ReservationQuery = Type.Object(
  {
    ...page,
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);
