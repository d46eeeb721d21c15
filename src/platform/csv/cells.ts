import type { CsvIssue } from './read.ts';
import type { CsvRow } from './table.ts';

/**
 * Typed reads of a row's cells that note what is wrong instead of throwing, so a file is checked
 * whole and every bad cell is reported at once. Each returns undefined for a bad or (optional) empty cell.
 */
export class CsvCheck {
  readonly issues: CsvIssue[] = [];

  fail(line: number, column: string | null, message: string): undefined {
    this.issues.push({ line, column, message });
    return undefined;
  }

  text(row: CsvRow, column: string, opts: { required?: boolean; max?: number; pattern?: RegExp; hint?: string } = {}) {
    const value = row.get(column);
    if (value === '') return opts.required ? this.fail(row.line, column, 'is required') : undefined;
    if (value.length > (opts.max ?? 300))
      return this.fail(row.line, column, `is longer than ${opts.max ?? 300} characters`);
    if (opts.pattern && !opts.pattern.test(value))
      return this.fail(row.line, column, opts.hint ?? 'has the wrong form');
    return value;
  }

  integer(row: CsvRow, column: string, opts: { required?: boolean; min: number; max: number }) {
    const value = row.get(column);
    if (value === '') return opts.required ? this.fail(row.line, column, 'is required') : undefined;
    if (!/^-?\d{1,15}$/.test(value)) return this.fail(row.line, column, 'must be a whole number');
    const n = Number(value);
    if (n < opts.min || n > opts.max) return this.fail(row.line, column, `must be between ${opts.min} and ${opts.max}`);
    return n;
  }

  oneOf<T extends string>(row: CsvRow, column: string, allowed: readonly T[], opts: { required?: boolean } = {}) {
    const value = row.get(column);
    if (value === '') return opts.required ? this.fail(row.line, column, 'is required') : undefined;
    const found = allowed.find((a) => a === value);
    return found ?? this.fail(row.line, column, `must be one of ${allowed.join(', ')}`);
  }

  /** Notes a key met on an earlier row of the file. */
  unique(seen: Map<string, number>, key: string, line: number, column: string, what: string) {
    const first = seen.get(key);
    if (first !== undefined) return this.fail(line, column, `${what} already on line ${first}`);
    seen.set(key, line);
    return key;
  }
}
