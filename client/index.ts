// The typed client of Tessera's HTTP API: paths, parameters, bodies and answers checked by the
// compiler against the OpenAPI document the server publishes (openapi-fetch over schema.d.ts).
import createFetchClient, { type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type { paths, components, operations } from './schema.d.ts';

export type TesseraClient = ReturnType<typeof createFetchClient<paths>>;

/**
 * A client for the API at `baseUrl` (e.g. `https://shop.example.com`). `init` takes openapi-fetch's
 * options: default `headers`, a custom `fetch` (the storefront passes one that stays in-process).
 */
export function createClient(baseUrl: string, init: Omit<ClientOptions, 'baseUrl'> = {}): TesseraClient {
  return createFetchClient<paths>({ ...init, baseUrl });
}
