// The route options every CSV export and import shares: the permission, the file as `text/csv`
// (exports answer it, imports take it), and errors declared as what they are on the wire,
// `application/problem+json`, so the OpenAPI document does not describe them as CSV.
import { Type } from 'typebox';
import type { Permission } from '../auth/permissions.ts';
import { bearer } from '../http/auth.ts';
import { CsvBody, CsvProblem, ImportQuery, ImportResult } from './http.ts';

const asProblem = (schema: object) => ({
  description: (schema as { description?: string }).description ?? 'A problem (RFC 9457)',
  content: { 'application/problem+json': { schema } },
});
const problems = (statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, asProblem(Type.Ref('Problem'))]));

interface CsvRouteDoc {
  permission: Permission;
  tags: string[];
  summary: string;
  description?: string;
}

/** GET a file: 200 `text/csv` (sendCsv), 401 and 403 as problems. */
export function csvExportRoute({ permission, ...doc }: CsvRouteDoc) {
  return {
    config: { permission },
    schema: {
      ...doc,
      security: bearer,
      response: {
        200: { description: 'The file', content: { 'text/csv': { schema: Type.String() } } },
        ...problems([401, 403]),
      },
    },
  };
}

/**
 * POST a file (acceptCsv) checked whole: 200 what it did (`?dryRun=true`: would do), 413 above
 * CSV_BODY_LIMIT_BYTES, 422 every problem by line; `problemStatuses` the route's other problems.
 */
export function csvImportRoute({ permission, problemStatuses, ...doc }: CsvRouteDoc & { problemStatuses: number[] }) {
  return {
    config: { permission },
    schema: {
      ...doc,
      security: bearer,
      consumes: ['text/csv'],
      querystring: ImportQuery,
      body: CsvBody,
      response: {
        200: ImportResult,
        ...problems([...problemStatuses, 413]),
        422: asProblem(CsvProblem),
      },
    },
  };
}
