// One client over several processes: each request goes to the process whose OpenAPI document
// (/docs/json) lists its path, as the gateway's route table would send it.
import type { HttpCall } from './http-shop.ts';
import { httpCaller } from './http-shop.ts';

const matcher = (template: string) =>
  new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/:[A-Za-z]+/g, '[^/]+')}$`);

/** A caller that routes by path + method to the process serving it (from each one's /docs/json). */
export async function routedCaller(bases: string[]): Promise<HttpCall> {
  const table: { method: string; path: RegExp; base: string }[] = [];
  for (const base of bases) {
    const doc = (await (await fetch(`${base}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops)) table.push({ method: method.toUpperCase(), path: matcher(path), base });
  }
  return (method, path, body, headers) => {
    const bare = path.split('?')[0];
    const route = table.find((r) => r.method === method && r.path.test(bare));
    if (!route) throw new Error(`no process serves ${method} ${bare}`);
    return httpCaller(() => route.base)(method, path, body, headers);
  };
}
