import type { paths } from '../../../../../client/index.ts';

export type AdminProduct = paths['/admin/products/{id}']['get']['responses'][200]['content']['application/json'];
export type AdminVariant = AdminProduct['variants'][number];
export type ProductPatchBody = NonNullable<
  paths['/admin/products/{id}']['patch']['requestBody']
>['content']['application/json'];
