import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';

/** The shop's categories and collections, for filters and pickers. */
export function useTaxonomy() {
  const categories = useLoad(() => api.GET('/admin/categories'), []);
  const collections = useLoad(() => api.GET('/admin/collections'), []);
  return { categories: categories.data?.items ?? [], collections: collections.data?.items ?? [] };
}

/** Currencies with their minor-unit exponent (EUR 2, JPY 0). */
export function useCurrencies() {
  const settings = useLoad(() => api.GET('/admin/currency-settings'), []);
  return settings.data?.items ?? [];
}
