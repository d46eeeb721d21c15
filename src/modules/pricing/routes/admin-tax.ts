import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publisherFor } from '../../../platform/host/platform.ts';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { deleteTaxRate } from '../use-cases/delete-tax-rate.ts';
import { getTaxRate } from '../use-cases/get-tax-rate.ts';
import { listCurrencySettings } from '../use-cases/list-currency-settings.ts';
import { listTaxRates } from '../use-cases/list-tax-rates.ts';
import { putTaxRate } from '../use-cases/put-tax-rate.ts';
import { setCurrencyTaxMode } from '../use-cases/set-currency-tax-mode.ts';
import {
  CountryParam,
  CurrencyParam,
  CurrencySettingBody,
  CurrencySettingOut,
  problems,
  TaxRateBody,
  TaxRateOut,
} from './schemas.ts';

const tags = ['admin: tax'];

/** Tax rates per country, and whether each currency's prices include tax. */
export const adminTaxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const { orm } = platform;
  const publish = publisherFor(platform, 'pricing');

  app.get(
    '/admin/tax-rates',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Tax rates per country',
        response: { 200: Type.Object({ items: Type.Array(TaxRateOut) }), ...problems(401, 403) },
      },
    },
    async () => listTaxRates(orm.em.fork()),
  );

  app.get(
    '/admin/tax-rates/:countryCode',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: "A country's tax rate",
        params: CountryParam,
        response: { 200: TaxRateOut, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => getTaxRate(orm.em.fork(), req.params.countryCode),
  );

  app.put(
    '/admin/tax-rates/:countryCode',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: "Set a country's tax rate",
        params: CountryParam,
        body: TaxRateBody,
        response: { 200: TaxRateOut, 201: TaxRateOut, ...problems(400, 401, 403) },
        description: 'A country without a rate is taxed at 0. 201 when the country had no rate yet.',
      },
    },
    async (req, reply) => {
      const { created, rate } = await putTaxRate(
        orm.em.fork(),
        publish,
        req.params.countryCode,
        req.body,
        currentActor(req),
      );
      return reply.code(created ? 201 : 200).send(rate);
    },
  );

  app.delete(
    '/admin/tax-rates/:countryCode',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: "Remove a country's tax rate",
        params: CountryParam,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteTaxRate(orm.em.fork(), publish, req.params.countryCode, currentActor(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/currency-settings',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Currencies and whether their prices include tax',
        response: { 200: Type.Object({ items: Type.Array(CurrencySettingOut) }), ...problems(401, 403) },
      },
    },
    async () => listCurrencySettings(orm.em.fork()),
  );

  app.put(
    '/admin/currency-settings/:currency',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Make prices in a currency tax-inclusive or tax-exclusive',
        params: CurrencyParam,
        body: CurrencySettingBody,
        response: { 200: CurrencySettingOut, ...problems(400, 401, 403, 404) },
        description: 'Republishes every shelf price in the currency (pricing.price_changed.v1 carries the tax mode).',
      },
    },
    async (req) =>
      setCurrencyTaxMode(orm.em.fork(), publish, req.params.currency, req.body.taxInclusive, currentActor(req)),
  );
};
