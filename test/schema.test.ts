import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import { discoverModules } from '../src/platform/host/load-modules.ts';
import type { ModuleDefinition } from '../src/platform/host/module.ts';
import { createOrm } from '../src/platform/db/orm.ts';
import { migrateModules } from '../src/platform/db/migrate.ts';
import { inboxEntity } from '../src/platform/db/inbox.entity.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

// Per module: what the code declares (entities, typed rows) matches what its migrations create.
// One module alone: `npx vitest run test/schema.test.ts -t "module order"`; a failing diff prints its SQL.
const root = resolve(import.meta.dirname, '..');
const modules = await discoverModules();
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const orm = await createOrm(db.url, [], { max: 1 });
  try {
    await migrateModules(
      orm,
      db.url,
      modules.map((m) => ({ schema: m.name, dir: m.migrationsDir })),
    );
  } finally {
    await orm.close();
  }
}, 120_000);
afterAll(() => db?.drop());

/** The SQL MikroORM would run to make the migrated schema of `m` match its entities ('' when they agree). */
async function schemaDiff(m: ModuleDefinition): Promise<string> {
  const orm = await MikroORM.init({
    clientUrl: db.url,
    // The platform's inbox, unless the module lists it already.
    entities: m.entities.some((e) => e.meta.tableName === 'inbox') ? m.entities : [...m.entities, inboxEntity(m.name)],
    discovery: { warnWhenNoEntities: false },
    pool: { max: 1 },
    // The migrator's own bookkeeping table, not the module's data.
    schemaGenerator: { skipTables: ['mikro_orm_migrations'] },
  });
  try {
    const sql = await orm.schema.getUpdateSchemaSQL({ schema: m.name, wrap: false });
    return sql.trim();
  } finally {
    await orm.close();
  }
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));

const moduleDir = (m: ModuleDefinition) => join(root, 'src/modules', m.name);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where entities are declared or listed: a mention there is not a use (entities/ may also hold data access). */
const isDeclaration = (file: string, dir: string) =>
  relative(dir, file) === 'index.ts' || readFileSync(file, 'utf8').includes('defineEntity(');

const emMethods =
  'create|persist|insert|insertMany|nativeUpdate|nativeDelete|upsert|upsertMany|qb|createQueryBuilder|find|findOne|findOneOrFail|findAll|findAndCount|findByCursor|count|getReference|getRepository|merge|assign|lock|refresh|stream|countBy';
const kyselyMethods = 'selectFrom|insertInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin';

/** The identifiers a module's files export each entity under (they may differ from its name). */
async function entityIdentifiers(m: ModuleDefinition): Promise<Map<EntitySchema<any>, string[]>> {
  const names = new Map<EntitySchema<any>, string[]>(m.entities.map((e) => [e, [e.meta.className]]));
  for (const file of sourceFiles(moduleDir(m))) {
    if (!readFileSync(file, 'utf8').includes('defineEntity')) continue;
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [id, value] of Object.entries(exports)) names.get(value as EntitySchema<any>)?.push(id);
  }
  return names;
}

/** Entities no em/qb/Kysely call names (by identifier, or by table name in a Kysely builder). */
async function unusedEntities(m: ModuleDefinition): Promise<string[]> {
  const dir = moduleDir(m);
  const code = sourceFiles(dir)
    .filter((f) => !isDeclaration(f, dir))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const identifiers = await entityIdentifiers(m);
  return m.entities
    .filter((entity) => {
      const meta = entity.meta;
      const ids = identifiers.get(entity)!.map(escape).join('|');
      const byName = new RegExp(`\\.(?:${emMethods})\\s*(?:<[^>]*>)?\\(\\s*(?:${ids})\\b`);
      const table = `(?:${escape(m.name)}\\.)?${escape(meta.tableName ?? meta.className)}`;
      const byTable = new RegExp(
        `\\.(?:${kyselyMethods})\\s*\\(\\s*['"\`](?:${table}|${escape(meta.className)})(?:\\s+as\\s+\\w+)?['"\`]`,
      );
      return !byName.test(code) && !byTable.test(code);
    })
    .map(({ meta }) => `${meta.className} (table ${m.name}.${meta.tableName})`);
}

/** Rows typed `any`: a query's row type, an `any[]`, a parameter or field typed `any`. */
const anyRow = [
  /\b(?:query|execute)\s*<[^>]*\bany\b/,
  /:\s*any\s*\[\]/,
  /[(,]\s*\w+\??\s*:\s*any\s*[,)=]/,
  /^\s*(?:readonly\s+)?\w+\??\s*:\s*any\s*[;,]?\s*$/,
];

function anyRows(m: ModuleDefinition): string[] {
  const dir = moduleDir(m);
  return sourceFiles(dir).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && anyRow.some((r) => r.test(line)))
      .map(({ line, i }) => `${relative(root, f)}:${i + 1}: ${line.trim()}`),
  );
}

describe.each(modules.map((m) => [m.name, m] as const))('module %s: code declares what is stored', (name, m) => {
  it("MikroORM's schema diff against the migrated schema is empty", async () => {
    const diff = await schemaDiff(m);
    if (diff) console.log(`--- schema diff of module ${name} (what the entities would change):\n${diff}\n`);
    expect(diff, `entities of module ${name} differ from its migrations`).toBe('');
  });

  it('every entity is used by an ORM call', async () => {
    expect(await unusedEntities(m), `entities of module ${name} no em/qb/Kysely call uses`).toEqual([]);
  });

  it('no row is typed any', () => {
    expect(anyRows(m), `rows typed any in module ${name}`).toEqual([]);
  });
});
