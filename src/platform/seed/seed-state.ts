import type { EntityManager } from '../db/orm.ts';
import { query } from '../db/sql.ts';

/** What a finished batch of the demo seed leaves for the steps after it (the sale's variants). */
export interface BatchRecord {
  /** Variant ids of the batch's products, in order, once they exist. */
  created?: string[][];
  done?: boolean;
  sale?: { id: string; eur: number; usd: number }[];
}

export interface SeedRecord {
  products: number;
  batches: Record<string, BatchRecord>;
  completedAt: string | null;
}

/**
 * The demo seed's progress, kept in the database it fills: a start that was stopped mid-seed
 * resumes from the batches it had not finished, and a finished seed never runs again. A platform
 * table, like the signing keys: the seed belongs to no module (it only calls their admin API).
 */
export class SeedState {
  private readonly em: () => EntityManager;
  private readonly seed: number;

  constructor(em: () => EntityManager, seed: number) {
    this.em = em;
    this.seed = seed;
  }

  // (its table, platform.demo_seed, is made by the migrations: db/migrate.ts)
  async read(): Promise<SeedRecord | undefined> {
    const [row] = await query<{ products: number; batches: Record<string, BatchRecord>; completed_at: string | null }>(
      this.em(),
      'select products, batches, completed_at::text from platform.demo_seed where seed = $1',
      [this.seed],
    );
    return row && { products: row.products, batches: row.batches, completedAt: row.completed_at };
  }

  async begin(products: number): Promise<void> {
    await query(this.em(), 'insert into platform.demo_seed (seed, products) values ($1, $2) on conflict do nothing', [
      this.seed,
      products,
    ]);
  }

  /** Merges into one batch's record (one statement: concurrent batches never overwrite each other). */
  async recordBatch(batch: number, record: BatchRecord): Promise<void> {
    await query(
      this.em(),
      `update platform.demo_seed
          set batches = jsonb_set(batches, array[$2::text], coalesce(batches -> $2::text, '{}') || $3::jsonb)
        where seed = $1`,
      [this.seed, String(batch), JSON.stringify(record)],
    );
  }

  async complete(): Promise<void> {
    await query(this.em(), 'update platform.demo_seed set completed_at = now() where seed = $1', [this.seed]);
  }
}
