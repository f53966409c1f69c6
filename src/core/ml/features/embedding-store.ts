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

/** Whether this machine stores floats little-endian, as the blobs are (every platform we ship on). */
const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

function fromBlob(b: Buffer): Float32Array {
  // One copy of the bytes is the vector: reading 256 floats one by one cost more than the query
  // that found them (bench/embedding-store.bench.ts).
  if (LITTLE_ENDIAN) return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
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

  /**
   * The views stored for each of the given photos (by sha256; photos with none are absent). One
   * query for the whole list, handed over as a JSON array, and one index seek per photo (its views
   * sit side by side under the key): a deck of thousands of photos is asked about at every import,
   * reopen and status call, where one lookup per photo and view from JS cost 2-3x more.
   */
  views(shas: readonly string[]): Map<string, Set<Variant>> {
    const out = new Map<string, Set<Variant>>();
    if (shas.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT e.sha256 AS sha, e.variant AS variant FROM json_each(?) AS j
         JOIN embeddings e ON e.sha256 = j.value AND e.base_model_id = ? AND e.preprocessing = ?`,
      )
      .all(JSON.stringify(shas), this.key.baseModelId, this.key.preprocessing) as { sha: string; variant: Variant }[];
    for (const { sha, variant } of rows) {
      const views = out.get(sha) ?? new Set<Variant>();
      views.add(variant);
      out.set(sha, views);
    }
    return out;
  }

  /** sha256 values (of those given, in their order) that lack the variant. */
  missing(shas: readonly string[], variant: Variant): string[] {
    const stored = this.views(shas);
    return shas.filter((sha) => !stored.get(sha)?.has(variant));
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

  /**
   * Vectors by sha256 for one variant; photos without one are simply absent from the map. One query
   * for the whole list (handed over as a JSON array, as in `views`): the deck map, "why this word?"
   * and training read thousands of vectors at a time, where one query per photo cost more than
   * reading the vectors themselves.
   */
  getMany(shas: readonly string[], variant: Variant): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    if (shas.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT e.sha256 AS sha, e.vector AS vector FROM json_each(?) AS j
         JOIN embeddings e ON e.sha256 = j.value AND e.base_model_id = ? AND e.preprocessing = ? AND e.variant = ?`,
      )
      .all(JSON.stringify(shas), this.key.baseModelId, this.key.preprocessing, variant) as { sha: string; vector: Buffer }[];
    for (const { sha, vector } of rows) out.set(sha, fromBlob(vector));
    return out;
  }
}
