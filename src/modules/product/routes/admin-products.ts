import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { addVariant } from '../use-cases/add-variant.ts';
import { createProduct } from '../use-cases/create-product.ts';
import { createProducts } from '../use-cases/create-products.ts';
import { deleteProduct } from '../use-cases/delete-product.ts';
import { getAdminProduct } from '../use-cases/get-admin-product.ts';
import { listAdminProducts } from '../use-cases/list-admin-products.ts';
import { removeVariant } from '../use-cases/remove-variant.ts';
import { updateProduct } from '../use-cases/update-product.ts';
import { updateVariant } from '../use-cases/update-variant.ts';
import {
  AdminListQuery,
  AdminProductList,
  adminProblems as problems,
  ProductBatchIn,
  ProductBatchOut,
} from './admin-schemas.ts';
import { IdParam, ProductIn, ProductPatch, VariantIn, VariantParams, VariantPatch } from './schemas.ts';

const tags = ['admin: products'];
const AdminProductRef = Type.Ref('AdminProduct');

/** Staff manage the catalog; every write publishes a product event and invalidates the store cache. */
export const adminProductRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const em = () => platform.orm.em.fork();

  app.get(
    '/admin/products',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'List products (drafts included), newest first',
        querystring: AdminListQuery,
        response: { 200: AdminProductList, ...problems },
      },
    },
    (req) => listAdminProducts(em(), req.query),
  );

  app.get(
    '/admin/products/:id',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One product',
        params: IdParam,
        response: { 200: AdminProductRef, ...problems },
      },
    },
    (req) => getAdminProduct(em(), req.params.id),
  );

  app.post(
    '/admin/products',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Create a product with its options, variants, images, categories',
        body: ProductIn,
        response: { 201: AdminProductRef, ...problems },
      },
    },
    async (req, reply) => {
      const id = await createProduct(platform, em(), req.body);
      return reply.code(201).send(await getAdminProduct(em(), id));
    },
  );

  app.post(
    '/admin/products/batch',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Create up to 100 products at once (imports); all or none',
        body: ProductBatchIn,
        response: { 201: ProductBatchOut, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send({ products: await createProducts(platform, em(), req.body.products) }),
  );

  app.patch(
    '/admin/products/:id',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Change a product (publish, unpublish, retitle, recategorise)',
        params: IdParam,
        body: ProductPatch,
        response: { 200: AdminProductRef, ...problems },
      },
    },
    async (req) => {
      await updateProduct(platform, em(), req.params.id, req.body);
      return getAdminProduct(em(), req.params.id);
    },
  );

  app.delete(
    '/admin/products/:id',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Delete a product and its variants',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteProduct(platform, em(), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/products/:id/variants',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Add a variant',
        params: IdParam,
        body: VariantIn,
        response: { 201: AdminProductRef, ...problems },
      },
    },
    async (req, reply) => {
      await addVariant(platform, em(), req.params.id, req.body);
      return reply.code(201).send(await getAdminProduct(em(), req.params.id));
    },
  );

  app.patch(
    '/admin/products/:id/variants/:variantId',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Change a variant',
        params: VariantParams,
        body: VariantPatch,
        response: { 200: AdminProductRef, ...problems },
      },
    },
    async (req) => {
      await updateVariant(platform, em(), req.params.id, req.params.variantId, req.body);
      return getAdminProduct(em(), req.params.id);
    },
  );

  app.delete(
    '/admin/products/:id/variants/:variantId',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Remove a variant',
        params: VariantParams,
        response: { 200: AdminProductRef, ...problems },
      },
    },
    async (req) => {
      await removeVariant(platform, em(), req.params.id, req.params.variantId);
      return getAdminProduct(em(), req.params.id);
    },
  );
};
