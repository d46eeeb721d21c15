// bench/checkout.ts's BENCH_IDLE: what the app costs idle, and the journey's costs net of it.
import { measureCost, sleep } from './lib.ts';
import { countStatements } from './statements.ts';

/** What the app costs per second with no orders at all (polls, timers, maintenance): statements, CPU. */
export async function idleRate(seconds: number, pids: number[], dbUrl: string) {
  const statements = process.env.BENCH_STATEMENTS ? await countStatements(dbUrl) : undefined;
  const cost = await measureCost(pids, dbUrl);
  await sleep(seconds * 1000);
  const spent = await cost();
  const ran = await statements?.();
  const per = (n: number | undefined) => (n ?? Number.NaN) / seconds;
  return {
    statements: per(ran?.statements),
    commits: per(ran?.commits),
    appCpu: per(spent?.appCpu),
    pgCpu: per(spent?.pgCpu),
    appSyscalls: per(spent?.appSyscalls),
    roundTrips: spent?.roundTrips && { orm: per(spent.roundTrips.orm), bus: per(spent.roundTrips.bus) },
  };
}
/** The journey's costs per order less what the same stretch would have cost idle (robust to its throughput). */
export function printNetOfIdle(
  idle: Awaited<ReturnType<typeof idleRate>>,
  orders: number,
  ran: { statements: number; commits: number; seconds: number } | undefined,
  spent: { appCpu: number; pgCpu: number; appSyscalls: number; seconds: number } | undefined,
) {
  const net = (total: number, rate: number, seconds: number, scale = 1) =>
    (((total - rate * seconds) * scale) / orders).toFixed(1);
  console.log(
    `  idle, per second: ${idle.statements.toFixed(1)} statements, ${idle.commits.toFixed(1)} transactions, ` +
      `app CPU ${(idle.appCpu * 1000).toFixed(1)} ms, Postgres CPU ${(idle.pgCpu * 1000).toFixed(1)} ms, app system calls ${idle.appSyscalls.toFixed(0)}`,
  );
  const parts = [
    ran &&
      `${net(ran.statements, idle.statements, ran.seconds)} statements, ${net(ran.commits, idle.commits, ran.seconds)} transactions`,
    spent &&
      `app CPU ${net(spent.appCpu, idle.appCpu, spent.seconds, 1000)} ms, Postgres CPU ${net(spent.pgCpu, idle.pgCpu, spent.seconds, 1000)} ms, ` +
        `app system calls ${net(spent.appSyscalls, idle.appSyscalls, spent.seconds)}`,
  ].filter(Boolean);
  console.log(`  per order net of idle (${orders} orders): ${parts.join('; ')}`);
}
