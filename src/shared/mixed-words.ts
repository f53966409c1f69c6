/**
 * Which words mix on the deck map: the figures behind the map's "X and Y mix" warning. Pure (no
 * DOM, no Node), so the window draws the warning and the core's tests judge it on real photos.
 */

export type MapXY = readonly [number, number];

/** Two words whose photos sit among each other on the map. */
export interface MixedPair {
  a: string;
  b: string;
  /**
   * How mixed, against chance: the links between the two words among nearest neighbours, divided
   * by the links the same words would have with their dots shuffled at random. 0 is two groups
   * apart; 1 is as mixed as random.
   */
  mixing: number;
  /** Nearest-neighbour links between the two words, both ways (the evidence behind `mixing`). */
  links: number;
}

export interface MixOptions {
  /** Nearest dots looked at around each dot. */
  k: number;
  /** `mixing` from which a pair is named. */
  minMixing: number;
  /**
   * A word with fewer photos is not judged. The map places a handful of dots by the whole deck and
   * spreads them out, so their nearest dots are partly chance: on the fruit photos, two words of 4
   * to 8 photos each scored up to 0.45 though nothing alike; from 10 photos each, at most 0.10.
   */
  minPhotos: number;
}

/**
 * A pair is named from a quarter of chance: on the 200 varied clothing photos that names dress and
 * shorts (0.69), dress and pants (0.44), pants and shorts (0.30), not hat and shoes (0.15); the six
 * fruits score 0 and apple photos filed under two words about 1 (src/core/deck-map/map-mixing.test.ts).
 */
export const MIX_DEFAULTS: MixOptions = { k: 5, minMixing: 0.25, minPhotos: 10 };

/**
 * Pairs of words that mix on the map, most mixed first. Around each dot, its nearest dots, never
 * more than its word has other photos: a word of four photos has three neighbours of its own at
 * most, and its fourth and fifth nearest dots are another word's however far apart the groups sit
 * (counting them made tiny decks always "mix"). The links between two words are then compared with
 * chance for those two words, so one threshold means the same in a deck of two words or twenty.
 * n² distances: a few tens of milliseconds for a 2,000-photo deck.
 */
export function mixedWords(points: readonly MapXY[], labels: readonly string[], options: Partial<MixOptions> = {}): MixedPair[] {
  const { k, minMixing, minPhotos } = { ...MIX_DEFAULTS, ...options };
  const n = points.length;
  if (n < 2) return [];
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  /** Links from the dots of one word to another's: cross.get(from)?.get(to). */
  const cross = new Map<string, Map<string, number>>();
  /** Neighbours of the dots of each word that are of that word too. */
  const own = new Map<string, number>();
  const best = new Int32Array(k);
  const bestD = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const word = labels[i];
    const m = Math.min(k, (counts.get(word) ?? 1) - 1);
    if (m <= 0) continue;
    // The m nearest so far, kept sorted by insertion: n² distance checks, no sorting of all n.
    const [xi, yi] = points[i];
    bestD.fill(Infinity, 0, m);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (points[j][0] - xi) ** 2 + (points[j][1] - yi) ** 2;
      if (d >= bestD[m - 1]) continue;
      let s = m - 1;
      while (s > 0 && bestD[s - 1] > d) {
        bestD[s] = bestD[s - 1];
        best[s] = best[s - 1];
        s--;
      }
      bestD[s] = d;
      best[s] = j;
    }
    for (let s = 0; s < m; s++) {
      const other = labels[best[s]];
      if (other === word) own.set(word, (own.get(word) ?? 0) + 1);
      else {
        const from = cross.get(word) ?? new Map<string, number>();
        from.set(other, (from.get(other) ?? 0) + 1);
        cross.set(word, from);
      }
    }
  }
  const pairs: MixedPair[] = [];
  for (const [a, na] of counts) {
    for (const [b, nb] of counts) {
      if (b <= a || na < minPhotos || nb < minPhotos) continue;
      const ab = cross.get(a)?.get(b) ?? 0;
      const ba = cross.get(b)?.get(a) ?? 0;
      const links = ab + ba;
      if (links === 0) continue;
      // Chance: the two words' labels shuffled among their own dots (the dots stay where they are).
      // A neighbour of one of a's dots that is a or b is then one of b's with chance nb / (na + nb - 1).
      const chance = (((own.get(a) ?? 0) + ab) * nb + ((own.get(b) ?? 0) + ba) * na) / (na + nb - 1);
      const mixing = links / chance;
      if (mixing >= minMixing) pairs.push({ a, b, mixing, links });
    }
  }
  return pairs.sort((x, y) => y.mixing - x.mixing);
}
