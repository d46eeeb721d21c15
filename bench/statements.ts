/**
 * What Postgres ran for a stretch of a benchmark, from pg_stat_statements (the extension must be in
 * the server's shared_preload_libraries): statements and transactions per unit of work (an order, an
 * event), and the statements that cost the most. Counts are deterministic where timings are not, so
 * this is the figure to compare on a busy machine.
 */
import pg from 'pg';

export interface StatementRow {
  query: string;
  calls: number;
  ms: number;
  planMs: number;
  plans: number;
  rows: number;
}

export interface StatementReport {
  statements: number;
  commits: number;
  ms: number;
  planMs: number;
  top: StatementRow[];
}

const q = async <T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
};

/** Starts counting for this database: resets its statements; returns a function that reads them. */
export async function countStatements(url: string): Promise<() => Promise<StatementReport>> {
  await q(url, 'create extension if not exists pg_stat_statements');
  const where = 'dbid = (select oid from pg_database where datname = current_database())';
  await q(
    url,
    `select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)`,
  );
  const [before] = await q<{ n: string }>(
    url,
    'select xact_commit as n from pg_stat_database where datname = current_database()',
  );
  return async () => {
    const rows = await q<{ query: string; calls: string; ms: number; planMs: number; plans: string; rows: string }>(
      url,
      `select query, calls, total_exec_time as ms, total_plan_time as "planMs", plans, rows from pg_stat_statements where ${where}
        and query not like '%pg_stat_statements%' and query not like '%pg_stat_database%' order by total_exec_time desc`,
    );
    const [after] = await q<{ n: string }>(
      url,
      'select xact_commit as n from pg_stat_database where datname = current_database()',
    );
    const top = rows.map((r) => ({
      query: r.query,
      calls: Number(r.calls),
      ms: r.ms,
      planMs: r.planMs,
      plans: Number(r.plans),
      rows: Number(r.rows),
    }));
    return {
      statements: top.reduce((s, r) => s + r.calls, 0),
      commits: Number(after.n) - Number(before.n),
      ms: top.reduce((s, r) => s + r.ms, 0),
      planMs: top.reduce((s, r) => s + r.planMs, 0),
      top,
    };
  };
}

/** Prints the report per unit (`per` units of work): totals, then the `limit` costliest statements. */
export function printStatements(report: StatementReport, per: number, unit: string, limit = 40): void {
  const f = (n: number) => (n / per).toFixed(2);
  console.log(
    `  per ${unit}: ${f(report.statements)} statements, ${f(report.commits)} transactions, ${f(report.ms)} ms executing, ${f(report.planMs)} ms planning (pg_stat_statements, ${per} ${unit}s)`,
  );
  console.log('    calls/unit  ms/unit  plans/unit  plan ms/unit  rows/call  statement');
  for (const r of report.top.slice(0, limit)) {
    const text = r.query.replace(/\s+/g, ' ').slice(0, 150);
    console.log(
      `    ${f(r.calls).padStart(10)} ${f(r.ms).padStart(8)} ${f(r.plans).padStart(11)} ${f(r.planMs).padStart(13)} ${(r.rows / Math.max(1, r.calls)).toFixed(1).padStart(10)}  ${text}`,
    );
  }
}
