/**
 * The one seeded random-number generator of the tests and the benchmark: the same numbers for
 * a seed on every machine and Node version, so a generated document or test text can be told
 * by its seed. (The property tests draw from fast-check, which has its own.)
 */

/** mulberry32: a 32-bit state, fast, good enough for test data. Numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed derived from another and a name (FNV-1a over the name), so that each part drawn from
 * its own seed does not depend on how much the other parts drew.
 */
export function subSeed(seed: number, name: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Draws over a generator: whole numbers, picks, coin tosses, hex digits. */
export class Random {
  readonly next: () => number;

  constructor(source: number | (() => number)) {
    this.next = typeof source === 'number' ? prng(source) : source;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  hex(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += '0123456789abcdef'[Math.floor(this.next() * 16)];
    return s;
  }
}
