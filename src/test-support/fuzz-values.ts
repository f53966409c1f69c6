/**
 * Seeded random request payloads for the contract fuzz test: junk of every JSON (and structured
 * clone) kind, and well-formed requests made from each method's validator, then damaged.
 */
import { z } from 'zod';

export { seededRandom } from '../core/ml/training/seeded-random';

export function hashName(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Values a test already knows are real (ids of its deck, paths of its photos, a job id...). */
export interface FuzzPools {
  integers: number[];
  strings: string[];
}

const HUGE = 'x'.repeat(1_000_000);
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'deckId', 'adbPath', '', 'x'.repeat(300)];
const NUMBERS = [
  0,
  -0,
  -1,
  1,
  1.5,
  -7.25,
  2 ** 31,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE,
];
const STRINGS = [
  '',
  ' ',
  '0',
  '1',
  'null',
  'true',
  '{}',
  '[]',
  '\u0000',
  '../../../../etc/passwd',
  '/',
  'C:\\Windows',
  '%00',
  '\ud83c\udf4e',
  '\u202e',
  '<script>',
  'a'.repeat(201),
  HUGE,
];

export class FuzzValues {
  constructor(
    private readonly random: () => number,
    private readonly pools: FuzzPools,
  ) {}

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** An object whose own keys include `key`, even "__proto__" (as JSON.parse makes it). */
  withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
    Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
    return target;
  }

  /** Any value a transport could carry, nested up to `depth`. */
  junk(depth = 3): unknown {
    const kind = Math.floor(this.random() * (depth > 0 ? 12 : 8));
    switch (kind) {
      case 0:
        return null;
      case 1:
        return undefined;
      case 2:
        return this.chance(0.5);
      case 3:
        return this.pick(NUMBERS);
      case 4:
        return this.pick([...STRINGS, ...this.pools.strings]);
      case 5:
        return this.pick(this.pools.integers);
      case 6:
        return this.pick([BigInt(1), new Date(0), new Uint8Array(4), new Map([[1, 2]])]);
      case 7:
        return this.pick(this.pools.strings);
      case 8:
      case 9: {
        const out: unknown[] = [];
        const n = Math.floor(this.random() * 4);
        for (let i = 0; i < n; i++) out.push(this.junk(depth - 1));
        return out;
      }
      default: {
        const out: Record<string, unknown> = {};
        const n = Math.floor(this.random() * 4);
        for (let i = 0; i < n; i++) this.withKey(out, this.pick(KEYS), this.junk(depth - 1));
        return out;
      }
    }
  }

  /** A value that satisfies a JSON Schema made from a validator (z.toJSONSchema). */
  valid(schema: JsonSchema): unknown {
    if (schema.anyOf) return this.valid(this.pick(schema.anyOf));
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return this.pick(schema.enum);
    switch (schema.type) {
      case 'null':
        return this.chance(0.5) ? null : undefined;
      case 'boolean':
        return this.chance(0.5);
      case 'integer':
      case 'number':
        return this.number(schema);
      case 'string':
        return this.string(schema);
      case 'array': {
        const min = schema.minItems ?? 0;
        const n = Math.min(schema.maxItems ?? 3, min + Math.floor(this.random() * 3));
        return Array.from({ length: n }, () => this.valid(schema.items ?? {}));
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [key, sub] of Object.entries(schema.properties ?? {})) {
          if ((schema.required ?? []).includes(key) || this.chance(0.5)) out[key] = this.valid(sub);
        }
        return out;
      }
      default:
        // No JSON Schema for it (a refined record such as words): words in known languages, or junk.
        return this.chance(0.7) ? { en: 'apple', fr: this.pick(['pomme', '', 'x'.repeat(200)]) } : this.junk(1);
    }
  }

  private number(schema: JsonSchema): number {
    const candidates = [...this.pools.integers, 1, 2, 0, 999_999, 2 ** 31, Number.MAX_SAFE_INTEGER, 0.5, 50, 1e-9, 1e40, -1, 65_535].filter(
      (n) =>
        (schema.type !== 'integer' || Number.isInteger(n)) &&
        (schema.minimum === undefined || n >= schema.minimum) &&
        (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum) &&
        (schema.maximum === undefined || n <= schema.maximum),
    );
    return candidates.length > 0 ? this.pick(candidates) : (schema.minimum ?? 1);
  }

  private string(schema: JsonSchema): string {
    const fits = (s: string) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);
    const candidates = [
      ...this.pools.strings,
      ...STRINGS.filter((s) => s !== HUGE),
      'Fruits',
      'apple',
      'en',
      'fr',
      'pt-BR',
      'x'.repeat(schema.maxLength ?? 10),
    ].filter(fits);
    return candidates.length > 0 ? this.pick(candidates) : 'x'.repeat(schema.minLength ?? 1);
  }

  /** A well-formed request of `schema`, then (mostly) damaged one way or another. */
  payload(schema: z.ZodType): unknown {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const roll = this.random();
    if (roll < 0.25) return this.junk();
    const value = this.valid(json);
    if (roll < 0.6 || typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (roll < 0.75 && keys.length > 0) record[this.pick(keys)] = this.junk(2);
    else if (roll < 0.88) this.withKey(record, this.pick(KEYS), this.junk(1));
    else if (keys.length > 0) record[this.pick(keys)] = this.pick([HUGE, [HUGE], { path: HUGE }]);
    return record;
  }
}

export interface JsonSchema {
  type?: string;
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}
