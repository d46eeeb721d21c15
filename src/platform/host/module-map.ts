import type { ModuleDefinition } from './module.ts';
import { queueName } from '../bus/handler.ts';

/** What is wrong with a set of module definitions, as sentences; empty when they fit together. */
export function verifyModules(modules: ModuleDefinition[]): string[] {
  const problems: string[] = [];
  const publishers = new Map<string, string>();
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) problems.push(`module name ${m.name} is used twice`);
    names.add(m.name);
    for (const e of m.publishes) {
      const other = publishers.get(e.name);
      if (other) problems.push(`event ${e.name} is published by both ${other} and ${m.name}`);
      publishers.set(e.name, m.name);
    }
    for (const entity of m.entities) {
      const meta = entity.meta;
      if (meta.schema !== m.name)
        problems.push(
          `entity ${meta.className} of module ${m.name} sits in schema "${meta.schema ?? 'public'}", not "${m.name}"`,
        );
    }
  }
  const queues = new Set<string>();
  for (const m of modules) {
    for (const s of m.subscriptions) {
      if (!publishers.has(s.event.name))
        problems.push(`module ${m.name} subscribes to ${s.event.name}, which no module's contract publishes`);
      const q = queueName(m.name, s.event.name);
      if (queues.has(q))
        problems.push(`queue ${q} is declared twice (module ${m.name} subscribes to ${s.event.name} more than once)`);
      queues.add(q);
    }
    for (const t of m.tasks ?? []) {
      if (!t.event.name.startsWith(`${m.name}.`))
        problems.push(`task ${t.event.name} of module ${m.name} must be named ${m.name}.<something>.v1`);
    }
  }
  return problems;
}

/** The module map as a Markdown table: what each module owns, publishes and consumes. */
export function renderModuleMap(modules: ModuleDefinition[]): string {
  const rows = [...modules]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((m) => {
      const pub = m.publishes.map((e) => `\`${e.name}\``).join(', ') || '—';
      const sub = m.subscriptions.map((s) => `\`${s.event.name}\``).join(', ') || '—';
      return `| ${m.name} | ${m.description} | ${pub} | ${sub} |`;
    });
  return ['| module | owns | publishes | consumes |', '|---|---|---|---|', ...rows].join('\n');
}
