// bench/checkout.ts's closing table, and BENCH_HOPS's mean hop and handler time per queue.
import { machine, printTable, type Row } from './lib.ts';

/** What each run of bench/checkout.ts measured, one array per run and phase (see the table's labels). */
export type CheckoutResults = Record<'add' | 'floor' | 'checkout' | 'settle' | 'journey' | 'alone' | 'cpu', number[][]>;

/** Mean time from publish to handled, and in the handler, per queue, over the whole run (from the app's metrics). */
export async function printHops(url: string): Promise<void> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sums = new Map<string, number[]>();
  for (const m of text.matchAll(/^tessera_event_(hop|handler)_seconds_(sum|count)\{queue="([^"]+)"\} (\S+)$/gm)) {
    const k = `${m[1]} ${m[3]}`;
    const e = sums.get(k) ?? [0, 0];
    e[m[2] === 'sum' ? 0 : 1] = Number(m[4]);
    sums.set(k, e);
  }
  for (const [k, [sum, n]] of [...sums].sort())
    if (n > 10) console.log(`  ${k}: mean ${((sum / n) * 1000).toFixed(1)} ms over ${n}`);
}

/** The table of every run and the medians, with the targets. */
export function printCheckoutReport(results: CheckoutResults): void {
  const col = (k: keyof typeof results, n: number) => results[k].map((r) => r[n]);
  const rows: Row[] = [
    { label: 'add to cart, c=10: req/s', values: col('add', 0), digits: 0 },
    { label: 'add to cart: p50 ms', values: col('add', 1), digits: 0, target: '< 10 ms', ok: (m) => m < 10 },
    { label: 'add to cart: p99 ms', values: col('add', 2), digits: 0 },
    {
      label: 'checkout call (202), c=8: checkouts/s',
      values: col('checkout', 0),
      digits: 0,
      target: '>= 300/s',
      ok: (m) => m >= 300,
    },
    { label: 'checkout call: p50 ms', values: col('checkout', 1), digits: 0, target: '< 10 ms', ok: (m) => m < 10 },
    { label: 'checkout call: p99 ms', values: col('checkout', 2), digits: 0 },
    { label: "checkout call: x the baseline's req/s", values: col('checkout', 3), digits: 2 },
    { label: 'baseline: bare Fastify + pg, the same body, one insert, c=8: req/s', values: col('floor', 0), digits: 0 },
    { label: 'baseline: p50 ms', values: col('floor', 1), digits: 0 },
    { label: 'saga: orders settled/s, burst start to last settled', values: col('settle', 2), digits: 0 },
    { label: 'saga behind the burst: s after the last call', values: col('settle', 1), digits: 1 },
    { label: 'journey (cart, 3 lines, checkout), c=8: orders/s', values: col('journey', 0), digits: 0 },
    {
      label: 'journey: checkout to confirmed p50 ms',
      values: col('journey', 1),
      digits: 0,
      target: '< 100 ms',
      ok: (m) => m < 100,
    },
    { label: 'journey: checkout to confirmed p99 ms', values: col('journey', 2), digits: 0 },
    { label: 'journey: app CPU ms per order', values: col('cpu', 0), digits: 1 },
    { label: 'journey: Postgres CPU ms per order', values: col('cpu', 1), digits: 1 },
    { label: 'journey: load generator CPU ms per order', values: col('cpu', 2), digits: 1 },
    { label: 'journey: app read/write system calls per order', values: col('cpu', 3), digits: 0 },
    { label: 'journey: Postgres read/write system calls per order', values: col('cpu', 4), digits: 0 },
    { label: 'one shopper alone: checkout to confirmed p50 ms', values: col('alone', 0), digits: 0 },
    { label: 'one shopper alone: checkout to confirmed p99 ms', values: col('alone', 1), digits: 0 },
  ];
  printTable(`Checkout (${machine()})`, rows);
  console.log(
    'Checkout call: the request that places the order (202); the saga (pricing, inventory, payment with the test provider) runs behind it in the same process.',
  );
  console.log(
    'Journey: each of 8 clients makes a cart, adds 3 lines, checks out with Prefer: wait=10 and waits for the confirmed order, again and again.',
  );
}
