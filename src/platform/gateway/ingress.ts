// A Kubernetes Ingress (ingress-nginx) generated from the route table. With `use-regex`,
// ingress-nginx writes every path as a regex location and tries the longest first; each path here
// is anchored at both ends, so the order matters only where two patterns match one path, and the
// route-table test checks that each table route still reaches its group.
import type { Layout } from './layouts.ts';
import type { Location } from './route-table.ts';

export interface IngressPath {
  path: string;
  pathType: 'ImplementationSpecific' | 'Prefix';
  backend: { service: { name: string; port: { name: string } } };
}

/** The Ingress object (serialised to YAML by the caller); services are named `tessera-<group>-api`. */
export function ingressFor(locations: Location[], layout: Layout, host: string) {
  const service = (group: string) => ({ service: { name: `tessera-${group}-api`, port: { name: 'http' } } });
  const paths: IngressPath[] = locations
    .filter((l) => l.group !== layout.fallback)
    .map((l) => ({
      path: l.kind === 'exact' ? `^${l.match.replace(/[.]/g, '\\.')}$` : l.match,
      pathType: 'ImplementationSpecific' as const,
      backend: service(l.group),
    }));
  paths.push({ path: '/', pathType: 'Prefix', backend: service(layout.fallback) });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'tessera',
      annotations: {
        'nginx.ingress.kubernetes.io/use-regex': 'true',
        'nginx.ingress.kubernetes.io/proxy-body-size': '0',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '65',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host, http: { paths } }],
    },
  };
}

/** Where ingress-nginx sends a path: the longest matching path first (`/` is a prefix). */
export function resolveIngress(ingress: ReturnType<typeof ingressFor>, path: string): string | undefined {
  const paths = [...ingress.spec.rules[0].http.paths].sort((a, b) => b.path.length - a.path.length);
  const hit = paths.find((p) =>
    p.pathType === 'Prefix' ? path.startsWith(p.path) : new RegExp(p.path, 'i').test(path),
  );
  return hit?.backend.service.name;
}
