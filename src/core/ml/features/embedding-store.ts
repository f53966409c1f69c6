import type { Db } from '../../store/open-database';
import type { Variant } from './preprocess';

/** Which cached features: one base model, one preprocessing version. */
export interface EmbeddingKey {
  baseModelId: string;
  preprocessing: number;
}

function toBlob(v: Float32Array): Buffer {
  // Copy into a little-endian buffer explicitly; every platform we ship on is little-endian anyway.
  const out = Buffer.alloc(v.length * 4);
  for (let i = 0; i < v.length; i++) out.writeFloatLE(v[i], i * 4);
  return out;
}

function fromBlob(b: Buffer): Float32Array {
  const out = new Float32Array(b.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = b.readFloatLE(i * 4);
  return out;
}

/** The project's feature cache (table `embeddings`, migration 002). */
export class EmbeddingStore {
  constructor(
    private readonly db: Db,
    private readonly key: EmbeddingKey,
  ) {}

  /** sha256 values (of those given) that lack the variant. */
  missing(shas: readonly string[], variant: Variant): string[] {
    const stmt = this.db.prepare('SELECT 1 FROM embeddings WHERE sha256 = ? AND base_model_id = ? AND preprocessing = ? AND variant = ?');
    return shas.filter((sha) => !stmt.get(sha, this.key.baseModelId, this.key.preprocessing, variant));
  }

  /** Saves vectors of many photos in one transaction (one fsync instead of one per photo). */
  putMany(rows: readonly { sha256: string; variant: Variant; vector: Float32Array }[]): void {
    if (rows.length === 0) return;
    const stmt = this.db.prepare(
      `INSERT OR REPLACE INTO embeddings (sha256, base_model_id, preprocessing, variant, vector, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const r of rows) stmt.run(r.sha256, this.key.baseModelId, this.key.preprocessing, r.variant, toBlob(r.vector), now);
    })();
  }

  /** Vectors by sha256 for one variant; photos without one are simply absent from the map. */
  getMany(shas: readonly string[], variant: Variant): Map<string, Float32Array> {
    const stmt = this.db.prepare('SELECT vector FROM embeddings WHERE sha256 = ? AND base_model_id = ? AND preprocessing = ? AND variant = ?');
    const out = new Map<string, Float32Array>();
    for (const sha of shas) {
      const row = stmt.get(sha, this.key.baseModelId, this.key.preprocessing, variant) as { vector: Buffer } | undefined;
      if (row) out.set(sha, fromBlob(row.vector));
    }
    return out;
  }
}
