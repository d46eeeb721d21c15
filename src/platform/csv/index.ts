// CSV for staff imports and exports: a writer safe against spreadsheet formulas, a strict reader
// that reports every problem by line, and the HTTP parts (text/csv bodies, the 422, downloads).
export { csvCell, csvLine, undefuse } from './write.ts';
export { parseCsv, type CsvIssue, type CsvRecord } from './read.ts';
export { readCsvTable, CSV_MAX_ROWS, type CsvColumns, type CsvRow } from './table.ts';
export { CsvCheck } from './cells.ts';
export {
  acceptCsv,
  CsvBody,
  CsvInvalid,
  CsvProblem,
  CSV_BODY_LIMIT_BYTES,
  ImportQuery,
  ImportResult,
  sendCsv,
  type ImportCounts,
} from './http.ts';
export { csvExportRoute, csvImportRoute } from './routes.ts';
