// deploy/k8s: each overlay built (test/helpers/kustomize.ts) and every object validated against the
// Kubernetes OpenAPI schemas (kubernetes-models), then the deployment rules checked: modules hosted
// once per role and as the layout says, probes, limits, non-root and read-only, a PDB and an HPA
// per Deployment, the migration Job, and an Ingress that is the route table's.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { groupOf, layouts, modulesOf } from '../src/platform/gateway/layouts.ts';
import { kustomizeBuild, type Manifest } from './helpers/kustomize.ts';

const root = resolve(import.meta.dirname, '..');
const overlay = (name: string) => resolve(root, 'deploy/k8s/overlays', name);
const allModules = readdirSync(resolve(root, 'src/modules'));
const models: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/ServiceAccount': ServiceAccount,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
};
const env = (d: Manifest, name: string) =>
  d.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === name);
const labelsMatch = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

describe.each(['single', 'split'] as const)('deploy/k8s/overlays/%s', (name) => {
  const objects = kustomizeBuild(overlay(name));
  const of = (kind: string) => objects.filter((o) => o.kind === kind);

  it('every object is valid against the Kubernetes schemas, names unique', () => {
    expect(objects.length).toBeGreaterThan(5);
    for (const o of objects) {
      const Model = models[`${o.apiVersion}/${o.kind}`];
      expect(Model, `${o.apiVersion} ${o.kind}`).toBeDefined();
      expect(() => new Model(o).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
    }
    const keys = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    // A broken object is refused: the validation is not a formality.
    const broken = structuredClone(of('Deployment')[0]);
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken).validate()).toThrow();
  });

  it('hosts each module once per role, in the groups of the layout', () => {
    const layout = layouts[name];
    const deployments = of('Deployment');
    for (const role of name === 'single' ? ['all'] : ['api', 'worker']) {
      const hosted = deployments
        .filter((d) => env(d, 'ROLE').value === role)
        .flatMap((d) => {
          const modules = env(d, 'MODULES').value;
          return modules === 'all' ? allModules : modules.split(',');
        });
      expect([...hosted].sort(), role).toEqual([...allModules].sort());
    }
    for (const d of deployments) {
      const group = d.metadata.labels['tessera.dev/group'];
      const spec = layout.groups.find((g) => g.name === group)!;
      expect(spec, d.metadata.name).toBeDefined();
      const modules = env(d, 'MODULES').value;
      const want = modulesOf(layout, spec, allModules);
      expect(modules === 'all' ? allModules.sort() : modules.split(',').sort()).toEqual(want);
      expect(d.metadata.name).toBe(`tessera-${group}-${env(d, 'ROLE').value === 'worker' ? 'worker' : 'api'}`);
      // Each group its own database role (split), from the Secret.
      expect(env(d, 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({
        name: 'tessera-secrets',
        key: name === 'split' ? `database-url-${group}` : 'database-url',
      });
      if (name === 'split' && !modules.split(',').includes('user'))
        expect(env(d, 'AUTH_URL').value).toBe('http://tessera-catalog-api');
    }
  });

  it('every Deployment: probes, resources, non-root, read-only root, a PDB and an HPA', () => {
    for (const d of of('Deployment')) {
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      expect(c.livenessProbe.httpGet.path).toBe('/health');
      expect(c.readinessProbe.httpGet.path).toBe('/ready');
      expect(c.resources.requests.cpu).toBeDefined();
      expect(c.resources.limits.memory).toBeDefined();
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(c.image).toMatch(/^ghcr\.io\/example\/tessera:/);
      const podLabels = d.spec.template.metadata.labels;
      expect(labelsMatch(d.spec.selector.matchLabels, podLabels)).toBe(true);
      // Selectors of other groups' objects never take this Deployment's pods.
      const pdbs = of('PodDisruptionBudget').filter((p) => labelsMatch(p.spec.selector.matchLabels, podLabels));
      expect(pdbs.map((p) => p.metadata.name)).toEqual([d.metadata.name]);
      const hpas = of('HorizontalPodAutoscaler').filter((h) => h.spec.scaleTargetRef.name === d.metadata.name);
      expect(hpas).toHaveLength(1);
      const metrics = hpas[0].spec.metrics.map((m: any) => m.type);
      expect(metrics).toContain('Resource');
      if (env(d, 'ROLE').value === 'worker') {
        const lag = hpas[0].spec.metrics.find((m: any) => m.type === 'External').external;
        expect(lag.metric).toEqual({
          name: 'tessera_bus_group_ready',
          selector: { matchLabels: { group: d.metadata.labels['tessera.dev/group'] } },
        });
      }
      const configMap = c.envFrom[0].configMapRef.name;
      expect(of('ConfigMap').map((m) => m.metadata.name)).toContain(configMap);
    }
  });

  it('a migration Job with the owning role, as a pre-rollout hook', () => {
    const [job] = of('Job');
    expect(job.metadata.name).toBe('tessera-migrate');
    expect(job.metadata.annotations['argocd.argoproj.io/hook']).toBe('PreSync');
    const c = job.spec.template.spec.containers[0];
    expect(c.env.find((e: any) => e.name === 'MIGRATION_DATABASE_URL').valueFrom.secretKeyRef.key).toBe(
      'migration-database-url',
    );
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  it('the Ingress is the generated one, and each backend is a Service of the group serving the route', () => {
    const [ingress] = of('Ingress');
    const generated = parse(readFileSync(resolve(overlay(name), 'ingress.yaml'), 'utf8'));
    expect(ingress).toEqual(generated);
    const services = new Map(of('Service').map((s) => [s.metadata.name, s]));
    const table: { module: string; path: string }[] = JSON.parse(
      readFileSync(resolve(root, 'deploy/routes.json'), 'utf8'),
    ).routes;
    const layout = layouts[name];
    for (const p of ingress.spec.rules[0].http.paths) {
      const service = services.get(p.backend.service.name);
      expect(service, p.backend.service.name).toBeDefined();
      expect(service!.spec.ports.map((port: any) => port.name)).toContain(p.backend.service.port.name);
      // The api Deployment behind it hosts the modules whose routes this path carries.
      const deployment = of('Deployment').find((d) =>
        labelsMatch(service!.spec.selector, d.spec.template.metadata.labels),
      )!;
      expect(env(deployment, 'ROLE').value).not.toBe('worker');
      if (p.pathType === 'Prefix') continue;
      const routes = table.filter((r) => new RegExp(p.path).test(r.path.replace(/:\w+/g, 'x1')));
      expect(routes.length, p.path).toBeGreaterThan(0);
      for (const r of routes)
        expect(`tessera-${r.module === '*' ? layout.fallback : groupOf(layout, r.module)}-api`).toBe(
          p.backend.service.name,
        );
    }
  });
});
