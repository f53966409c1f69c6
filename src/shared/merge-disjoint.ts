/** The intersection of a union of maps: what merging all of them holds. */
type AllOf<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;

/**
 * Merges per-domain maps (request validators, handlers) into one, refusing a name two domains
 * both define: object spread would let the later one silently replace the earlier.
 */
export function mergeDisjoint<P extends Record<string, object>>(parts: P): AllOf<P[keyof P]> {
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [domain, part] of Object.entries(parts)) {
    for (const [name, value] of Object.entries(part)) {
      const earlier = owner.get(name);
      if (earlier !== undefined) throw new Error(`The method "${name}" is defined by both the ${earlier} and the ${domain} domain.`);
      owner.set(name, domain);
      merged[name] = value;
    }
  }
  return merged as AllOf<P[keyof P]>;
}
