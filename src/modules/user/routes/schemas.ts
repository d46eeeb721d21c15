import { Type } from 'typebox';

/** The problem+json responses a route may answer with, by status code. */
export const problemResponses = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Email = Type.String({ format: 'email', maxLength: 254 });

export const Customer = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    role: Type.String(),
    firstName: Type.Union([Type.String(), Type.Null()]),
    lastName: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    emailVerified: Type.Boolean(),
    emailVerifiedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Customer' },
);

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 128 }),
    firstName: Type.Optional(Name),
    lastName: Type.Optional(Name),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false },
);

export const Session = Type.Object({
  customer: Type.Ref('Customer'),
  accessToken: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer(),
});

export const UpdateMeBody = Type.Object(
  {
    firstName: Type.Optional(Nullable(Name)),
    lastName: Type.Optional(Nullable(Name)),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^\\+?[0-9 ()-]{4,32}$' }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

const addressFields = {
  firstName: Name,
  lastName: Name,
  company: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  line1: Type.String({ minLength: 1, maxLength: 200 }),
  line2: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  city: Type.String({ minLength: 1, maxLength: 100 }),
  postalCode: Type.String({ minLength: 1, maxLength: 20 }),
  province: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  countryCode: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' }),
  phone: Type.Optional(Nullable(Type.String({ pattern: '^\\+?[0-9 ()-]{4,32}$' }))),
  isDefaultShipping: Type.Optional(Type.Boolean()),
};
export const AddressBody = Type.Object(addressFields, { additionalProperties: false });
export const AddressPatch = Type.Partial(Type.Object(addressFields), { additionalProperties: false, minProperties: 1 });

export const AddressOut = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    ...Object.fromEntries(
      Object.entries(addressFields).map(([k, v]) => [k, k === 'isDefaultShipping' ? Type.Boolean() : v]),
    ),
    company: Type.Union([Type.String(), Type.Null()]),
    line2: Type.Union([Type.String(), Type.Null()]),
    province: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Address' },
);

export const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const CustomerQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
