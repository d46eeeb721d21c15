import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ModuleDefinition } from './module.ts';
import { queueName } from '../bus/handler.ts';
import { platformEvents } from '../auth/audit.ts';

/** What is wrong with a set of module definitions, as sentences; empty when they fit together. */
export function verifyModules(modules: ModuleDefinition[]): string[] {
  const problems: string[] = [];
  const publishers = new Map<string, string>(platformEvents.map((e) => [e.name, 'platform']));
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

/** The module skeleton (docs: the shared module layout): what may sit at the top of src/modules/<m>/. */
export const skeleton = {
  files: ['index.ts', 'contract.ts', 'runtime.ts', 'README.md'],
  folders: ['routes', 'use-cases', 'handlers', 'entities', 'domain', 'adapters'],
  required: ['index.ts', 'contract.ts'],
  /** Files a handlers/ folder may hold: one per subscribed event or task, and their tests. */
  handlerFile: /^(on-[a-z0-9-]+\.ts|[a-z0-9.-]+\.test\.ts)$/,
};

/** Every path of the modules under `modulesDir` (shown as `label`) that breaks the skeleton, with the reason. */
export function skeletonViolations(modulesDir: string, label = 'src/modules'): string[] {
  const problems: string[] = [];
  const modules = readdirSync(modulesDir, { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const { name: m } of modules) {
    const dir = join(modulesDir, m);
    const at = (path: string) => `${label}/${m}/${path}`;
    for (const required of skeleton.required)
      if (!existsSync(join(dir, required))) problems.push(`${at(required)}: missing`);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !skeleton.folders.includes(entry.name))
        problems.push(`${at(entry.name)}/: not a folder of the skeleton (${skeleton.folders.join(', ')})`);
      else if (!entry.isDirectory() && !skeleton.files.includes(entry.name.replace(/\.test\.ts$/, '.ts')))
        problems.push(`${at(entry.name)}: not a top-level file of the skeleton (${skeleton.files.join(', ')})`);
    }
    const handlers = join(dir, 'handlers');
    if (!existsSync(handlers)) continue;
    for (const entry of readdirSync(handlers, { withFileTypes: true, recursive: true })) {
      const path = relative(dir, join(entry.parentPath, entry.name));
      if (entry.isDirectory()) problems.push(`${at(path)}/: handlers/ holds files only (on-<event>.ts)`);
      else if (!skeleton.handlerFile.test(entry.name)) problems.push(`${at(path)}: a handler file is on-<event>.ts`);
    }
  }
  return problems;
}
