// A small seeded PRNG (the engine's mulberry32), so every fuzz case replays exactly from (seed, case number).
import { mulberry32 } from '../../src/util/random.js';

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function rng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

/** The generator of one case: independent of every other case, so `--case K` replays case K alone. */
export function caseRng(seed: number, index: number): Rng {
  return rng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}
