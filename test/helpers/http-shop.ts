// A shop set up over real HTTP, for tests that drive spawned server processes (test/helpers/process.ts).
import { eventually } from './app.ts';
import { sku } from './catalog.ts';

export type HttpCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: any }>;

/** JSON over fetch against the server at `baseUrl()` (read at each call: a restarted server has a new port). */
export const httpCaller =
  (baseUrl: () => string): HttpCall =>
  async (method, path, body, headers = {}) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };

/**
 * A published product of one variant, priced in EUR and stocked at the default location, and the
 * standard shipping option, made by staff (`auth`). Price and stock calls are retried until pricing
 * and inventory have heard of the variant (through the bus, maybe in another process).
 */
export async function stockedOverHttp(
  call: HttpCall,
  auth: Record<string, string>,
  { title, price, stock, timeoutMs = 10_000 }: { title: string; price: number; stock: number; timeoutMs?: number },
) {
  const product = (
    await call('POST', '/admin/products', { title, status: 'published', variants: [{ sku: sku() }] }, auth)
  ).body;
  const variantId: string = product.variants[0].id;
  const until200 = (method: string, path: string, body: unknown, status: number) =>
    eventually(async () => (await call(method, path, body, auth)).status === status, timeoutMs, 50);
  await until200('PUT', `/admin/prices/${variantId}`, { prices: [{ currency: 'EUR', amount: price }] }, 200);
  const location = (await call('GET', '/admin/stock-locations', undefined, auth)).body.items[0].id;
  await until200(
    'POST',
    `/admin/inventory/${variantId}/adjustments`,
    { locationId: location, onHand: stock, reason: 'received' },
    201,
  );
  const optionId: string = (await call('GET', '/admin/shipping-options', undefined, auth)).body.items.find(
    (o: any) => o.code === 'standard',
  ).id;
  return { variantId, optionId };
}
