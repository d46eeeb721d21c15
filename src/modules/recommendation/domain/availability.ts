/**
 * SQL condition that product `alias` may be recommended: published, not deleted, and at least one
 * variant in stock (`in_stock`, kept by the stock handler). Every list filters by it at read time,
 * so a stock or catalog event takes effect as soon as its projection commits.
 */
export const available = (alias: string) => `(${alias}.published and not ${alias}.deleted and ${alias}.in_stock)`;

export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 10;
/** A shopper's recently viewed list keeps this many products; older views are dropped. */
export const VIEWS_KEPT = 50;
