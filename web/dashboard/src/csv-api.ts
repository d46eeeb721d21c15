// The CSV routes of the catalog, prices and stock (ADR 0032) through the generated typed client.
// What the client cannot guess is said here: an export answers text (parseAs), an import sends
// the file as it is (text/csv, no JSON serializing), and a refusal lists its problems by line.
import type { paths } from '../../../client/index.ts';
import { api } from './api.ts';

export const csvKinds = ['products', 'prices', 'inventory'] as const;
export type CsvKind = (typeof csvKinds)[number];

type ImportOp = paths['/admin/products/import']['post'];
export type ImportCounts = ImportOp['responses'][200]['content']['application/json'];
type RefusalContent = ImportOp['responses'][422]['content'];
type CsvRefusal = RefusalContent[keyof RefusalContent]; // (served as application/problem+json)
/** A line the server refused: the header is line 1, as a spreadsheet numbers it. */
export type CsvLineError = CsvRefusal['errors'][number];

/** A 422 is the refusal by line; other problems' `errors` (if any) name fields instead. */
const isRefusal = (e: { status: number }): e is CsvRefusal => e.status === 422 && 'errors' in e;

export async function exportCsv(kind: CsvKind): Promise<string> {
  const { data, error } = await api.GET(`/admin/${kind}/export.csv`, { parseAs: 'text' });
  if (data === undefined) throw new Error(error?.detail ?? error?.title ?? 'The export failed');
  return data;
}

export type ImportAnswer = { ok: true; counts: ImportCounts } | { ok: false; message: string; errors: CsvLineError[] };

export async function importCsv(kind: CsvKind, text: string, dryRun: boolean): Promise<ImportAnswer> {
  const { data, error } = await api.POST(`/admin/${kind}/import`, {
    params: { query: { dryRun } },
    body: text,
    headers: { 'content-type': 'text/csv' },
    bodySerializer: (body) => body,
  });
  if (data) return { ok: true, counts: data };
  const errors = error && isRefusal(error) ? error.errors : [];
  return { ok: false, message: error?.detail ?? error?.title ?? 'The import failed', errors };
}
