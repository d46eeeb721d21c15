// The API's answers as the storefront reads them, named once from the generated client types.
import type { paths } from '../../client/index.ts';

type Ok<P extends keyof paths, M extends 'get' | 'post', S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type ProductList = Ok<'/store/products', 'get'>;
export type ProductSummary = ProductList['items'][number];
export type Facets = NonNullable<ProductList['facets']>;
export type Product = Ok<'/store/products/{idOrHandle}', 'get'>;
export type Variant = Product['variants'][number];
export type Category = Ok<'/store/categories', 'get'>['items'][number];
export type Collection = Ok<'/store/collections', 'get'>['items'][number];
export type Cart = Ok<'/store/carts/{id}', 'get'>;
export type Order = Ok<'/store/orders/{id}', 'get'>;
export type ShippingOption = Ok<'/store/shipping-options', 'get'>['items'][number];
export type Review = Ok<'/store/products/{id}/reviews', 'get'>['items'][number];
export type Address = Ok<'/store/me/addresses', 'get'>['items'][number];
export type Customer = Ok<'/store/me', 'get'>;
