// Request shapes of the storefront's pages and forms (hidden from the API's OpenAPI document).
import { Type } from 'typebox';

const Text = (max = 200) => Type.String({ maxLength: max });
export const Handle = Type.Object({ handle: Type.String({ minLength: 1, maxLength: 200 }) });
export const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListingQuery = Type.Object({
  q: Type.Optional(Text()),
  category: Type.Optional(Text()),
  minPrice: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  maxPrice: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  inStock: Type.Optional(Type.Boolean()),
  sort: Type.Optional(
    Type.Union(['relevance', 'newest', 'price_asc', 'price_desc', 'title'].map((s) => Type.Literal(s))),
  ),
  cursor: Type.Optional(Text(500)),
});
export const SuggestQuery = Type.Object({ q: Type.String({ maxLength: 200 }) });

export const CurrencyForm = Type.Object({ currency: Text(3), back: Type.Optional(Text(2000)) });
/** Form fields arrive as text (bodies are not coerced): a quantity is 1-99 in digits. */
const Quantity = Type.String({ pattern: '^(?:[1-9]|[1-9][0-9])$' });
export const AddItemForm = Type.Object({
  variantId: Type.String({ format: 'uuid' }),
  quantity: Quantity,
  back: Type.Optional(Text(2000)),
});
export const QuantityForm = Type.Object({ quantity: Quantity });
export const AssetParams = Type.Object({ name: Type.String({ maxLength: 50 }) });
export const PromotionForm = Type.Object({ code: Text(40), back: Type.Optional(Text(2000)) });

const AddressFields = {
  firstName: Text(100),
  lastName: Text(100),
  line1: Text(200),
  city: Text(100),
  postalCode: Text(20),
  countryCode: Type.String({ pattern: '^[A-Z]{2}$' }),
};
export const AddressForm = Type.Object(AddressFields);
export const CheckoutQuery = Type.Object({ country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })) });
export const CheckoutForm = Type.Object({
  ...AddressFields,
  idempotencyKey: Type.String({ format: 'uuid' }),
  email: Type.Optional(Text(254)),
  shippingOptionId: Type.String({ format: 'uuid' }),
  provider: Type.Union([Type.Literal('test'), Type.Literal('stripe')]),
  token: Type.Optional(Text(100)),
});
export const OrderQuery = Type.Object({ token: Type.Optional(Text(200)) });
export const StripeReturnQuery = Type.Object({
  payment_intent: Type.Optional(Text(200)),
  payment_intent_client_secret: Type.Optional(Text(300)),
  order: Type.Optional(Type.String({ format: 'uuid' })),
  token: Type.Optional(Text(200)),
});

export const SignInForm = Type.Object({ email: Text(254), password: Text(128) });
export const SignUpForm = Type.Object({ email: Text(254), password: Text(128), firstName: Type.Optional(Text(100)) });
export const EmailForm = Type.Object({ email: Text(254) });
export const TokenQuery = Type.Object({ token: Type.Optional(Text(200)) });
export const ResetForm = Type.Object({ token: Text(200), password: Text(128) });
/** A product view posted by the product page's script (assets/view.js). */
export const ViewForm = Type.Object({ productId: Type.String({ format: 'uuid' }) });
