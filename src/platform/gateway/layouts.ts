// How the modules are spread over processes in each deployment. The gateway configs, the compose
// profiles and the Kubernetes overlays are generated from or checked against these.

/** A module group: one Deployment (Kubernetes) or service (compose); `modules` as MODULES= takes them. */
export interface Group {
  name: string;
  modules: string[];
}

export interface Layout {
  groups: Group[];
  /** The group answering what no module claims: platform routes (/health, /docs UI) and 404s. */
  fallback: string;
}

/** Every module the remainder group takes: those no other group names. */
export const REST = '*';

export const layouts: Record<'single' | 'split', Layout> = {
  single: { groups: [{ name: 'app', modules: [REST] }], fallback: 'app' },
  // Catalog reads and sign-in carry most storefront traffic; checkout is the saga's hot path.
  split: {
    groups: [
      { name: 'catalog', modules: ['product', 'user'] },
      { name: 'checkout', modules: ['order', 'payment'] },
      { name: 'rest', modules: [REST] },
    ],
    // The pages (the storefront at `/`, where `product` is; the dashboard, where `user` is) claim no
    // API route: what no module claims goes to the group serving both.
    fallback: 'catalog',
  },
};

/** The group hosting a module in a layout (REST takes whatever no group names). */
export function groupOf(layout: Layout, module: string): string {
  const named = layout.groups.find((g) => g.modules.includes(module));
  if (named) return named.name;
  const rest = layout.groups.find((g) => g.modules.includes(REST));
  if (!rest) throw new Error(`no group hosts module ${module}`);
  return rest.name;
}

/** MODULES= for a group, given every module's name. */
export function modulesOf(layout: Layout, group: Group, all: string[]): string[] {
  if (!group.modules.includes(REST)) return [...group.modules].sort();
  const named = new Set(layout.groups.flatMap((g) => g.modules));
  return all.filter((m) => !named.has(m) || group.modules.includes(m)).sort();
}
