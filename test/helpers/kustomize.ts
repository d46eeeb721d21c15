// The part of `kustomize build` these manifests use, for tests on machines without the binary
// (docs/adr/0071-kubernetes-manifests.md): resources (files and folders), nameSuffix with the
// references to renamed objects in the same kustomization (an HPA's scaleTargetRef), labels (with
// selectors), strategic-merge patches (objects merged, lists of named items merged by name), and
// images. Anything else in a kustomization.yaml is refused, so a new feature cannot pass unbuilt.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type Manifest = Record<string, any>;
const KNOWN = new Set(['apiVersion', 'kind', 'resources', 'nameSuffix', 'labels', 'patches', 'images']);

const readDocs = (file: string): Manifest[] =>
  parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJS();
    })
    .filter(Boolean);

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strategic merge as kustomize does it for the fields used here. */
export function strategicMerge(base: any, patch: any): any {
  if (Array.isArray(base) && Array.isArray(patch) && [...base, ...patch].every((i) => isObject(i) && 'name' in i)) {
    const out = base.map((i) => ({ ...i }));
    for (const p of patch) {
      const at = out.findIndex((i) => i.name === p.name);
      if (at >= 0) out[at] = strategicMerge(out[at], p);
      else out.push(p);
    }
    return out;
  }
  if (isObject(base) && isObject(patch)) {
    const out: Record<string, any> = { ...base };
    for (const [k, v] of Object.entries(patch)) out[k] = k in base ? strategicMerge(base[k], v) : v;
    return out;
  }
  return patch;
}

function addLabels(m: Manifest, pairs: Record<string, string>, selectors: boolean) {
  m.metadata.labels = { ...m.metadata.labels, ...pairs };
  if (!selectors) return;
  const spec = m.spec ?? {};
  if (m.kind === 'Service') spec.selector = { ...spec.selector, ...pairs };
  if (['Deployment', 'PodDisruptionBudget'].includes(m.kind))
    spec.selector = { ...spec.selector, matchLabels: { ...spec.selector?.matchLabels, ...pairs } };
  if (spec.template)
    spec.template.metadata = { ...spec.template.metadata, labels: { ...spec.template.metadata?.labels, ...pairs } };
}

function setImages(m: Manifest, images: { name: string; newName?: string; newTag?: string }[]) {
  const pod = m.spec?.template?.spec;
  for (const c of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])])
    for (const i of images)
      if (c.image === i.name || c.image.startsWith(`${i.name}:`))
        c.image = `${i.newName ?? i.name}${i.newTag ? `:${i.newTag}` : ''}`;
}

/** `kustomize build <dir>`: the objects, in order. */
export function kustomizeBuild(dir: string): Manifest[] {
  const k = readDocs(join(dir, 'kustomization.yaml'))[0];
  const unknown = Object.keys(k).filter((key) => !KNOWN.has(key));
  if (unknown.length) throw new Error(`${dir}: kustomization fields this builder does not know: ${unknown}`);
  let out: Manifest[] = [];
  for (const r of k.resources ?? []) {
    const path = resolve(dir, r);
    if (!existsSync(path)) throw new Error(`${dir}: resource ${r} does not exist`);
    out.push(...(statSync(path).isDirectory() ? kustomizeBuild(path) : readDocs(path)));
  }
  for (const p of k.patches ?? []) {
    if (!p.path || p.target) throw new Error(`${dir}: only strategic-merge patches by path are supported`);
    for (const patch of readDocs(resolve(dir, p.path))) {
      const at = out.findIndex((m) => m.kind === patch.kind && m.metadata.name === patch.metadata.name);
      if (at < 0) throw new Error(`${dir}: patch ${p.path} targets ${patch.kind}/${patch.metadata.name}, not here`);
      out[at] = strategicMerge(out[at], patch);
    }
  }
  out = structuredClone(out);
  for (const l of k.labels ?? []) for (const m of out) addLabels(m, l.pairs, Boolean(l.includeSelectors));
  if (k.nameSuffix) {
    const renamed = new Map<string, string>();
    for (const m of out) {
      renamed.set(`${m.kind}/${m.metadata.name}`, `${m.metadata.name}${k.nameSuffix}`);
      m.metadata.name += k.nameSuffix;
    }
    for (const m of out) {
      const ref = m.spec?.scaleTargetRef;
      if (ref) ref.name = renamed.get(`${ref.kind}/${ref.name}`) ?? ref.name;
    }
  }
  if (k.images) for (const m of out) setImages(m, k.images);
  return out;
}
