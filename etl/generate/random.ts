/**
 * The generator's only source of randomness: a seeded sfc32 generator. Each unit of the dataset (a
 * county, an enterprise, an insurer) derives its own stream from the seed and its key, so the same
 * seed gives the same rows however the output is batched, and the data never depends on the clock
 * or on Math.random.
 */

/** murmur3's finaliser over one more 32-bit word: a cheap, well-spread hash step. */
function mix(hash: number, word: number): number {
  let h = Math.imul(hash ^ word, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashKey(seed: number, keys: ReadonlyArray<string | number>): number {
  let hash = mix(0x9e3779b9, seed >>> 0);
  for (const key of keys) {
    if (typeof key === 'number') {
      hash = mix(hash, key >>> 0);
      hash = mix(hash, Math.floor(key / 0x1_0000_0000) >>> 0);
    } else {
      for (let i = 0; i < key.length; i += 1) hash = mix(hash, key.charCodeAt(i));
      hash = mix(hash, key.length);
    }
  }
  return hash;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(hash: number) {
    this.a = mix(hash, 1);
    this.b = mix(hash, 2);
    this.c = mix(hash, 3);
    this.d = 1;
    // The first outputs of sfc32 still echo the seed words.
    for (let i = 0; i < 12; i += 1) this.nextWord();
  }

  /** The stream of one unit of the dataset, e.g. `Random.derive(seed, 'enterprise', 17)`. */
  static derive(seed: number, ...keys: ReadonlyArray<string | number>): Random {
    return new Random(hashKey(seed, keys));
  }

  private nextWord(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextWord() / 0x1_0000_0000;
  }

  /** Uniform whole number in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real number in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: no items to pick from');
    return items[Math.floor(this.next() * items.length)];
  }

  /** An index drawn with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    if (!(total > 0)) throw new Error('Random.weightedIndex: weights must have a positive sum');
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i += 1) {
      target -= weights[i];
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  /** A value from [value, weight] pairs. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    return choices[this.weightedIndex(choices.map(([, weight]) => weight))][0];
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
