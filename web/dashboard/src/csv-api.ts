// The CSV routes of the catalog, prices and stock (ADR 0032), typed here as the generated client
// types them: this branch's client/schema.d.ts predates them and is regenerated at merge, after
// which these entries equal the generated ones. Calls go through openapi-fetch with the same
// staff session as `api`, so a 401 refreshes once here too.
import createFetchClient from 'openapi-fetch';
import { authorizedFetch } from './api.ts';

export const csvKinds = ['products', 'prices', 'inventory'] as const;
export type CsvKind = (typeof csvKinds)[number];

/** A line the server refused: the header is line 1, as a spreadsheet numbers it. */
export interface CsvLineError {
  line: number;
  column: string | null;
  message: string;
}
export interface CsvRefusal {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: CsvLineError[];
}
export interface ImportCounts {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

type Problem = { content: { 'application/problem+json': { title: string; status: number; detail?: string } } };
type ExportOp = {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  requestBody?: never;
  responses: { 200: { content: { 'text/csv': string } }; 401: Problem; 403: Problem };
};
type ImportOp = {
  parameters: { query?: { dryRun?: boolean }; header?: never; path?: never; cookie?: never };
  requestBody: { content: { 'text/csv': string } };
  responses: {
    200: { content: { 'application/json': ImportCounts } };
    400: Problem;
    401: Problem;
    403: Problem;
    413: Problem;
    422: { content: { 'application/problem+json': CsvRefusal } };
  };
};
type Route<Op extends 'get' | 'post', T> = { parameters: ExportOp['parameters'] } & { [K in Op]: T };
export interface CsvPaths {
  '/admin/products/export.csv': Route<'get', ExportOp>;
  '/admin/prices/export.csv': Route<'get', ExportOp>;
  '/admin/inventory/export.csv': Route<'get', ExportOp>;
  '/admin/products/import': Route<'post', ImportOp>;
  '/admin/prices/import': Route<'post', ImportOp>;
  '/admin/inventory/import': Route<'post', ImportOp>;
}

const baseUrl = globalThis.location?.origin ?? 'http://localhost';
const csvApi = createFetchClient<CsvPaths>({ baseUrl, fetch: authorizedFetch });

export async function exportCsv(kind: CsvKind): Promise<string> {
  const { data, error } = await csvApi.GET(`/admin/${kind}/export.csv`, { parseAs: 'text' });
  if (data === undefined) throw new Error(error?.detail ?? error?.title ?? 'The export failed');
  return data;
}

export type ImportAnswer = { ok: true; counts: ImportCounts } | { ok: false; message: string; errors: CsvLineError[] };

export async function importCsv(kind: CsvKind, text: string, dryRun: boolean): Promise<ImportAnswer> {
  const { data, error } = await csvApi.POST(`/admin/${kind}/import`, {
    params: { query: { dryRun } },
    body: text,
    headers: { 'content-type': 'text/csv' },
    bodySerializer: (body) => body,
  });
  if (data) return { ok: true, counts: data };
  const errors = error && 'errors' in error && Array.isArray(error.errors) ? error.errors : [];
  return { ok: false, message: error?.detail ?? error?.title ?? 'The import failed', errors };
}
