// Deterministic noise for the covering styles: a hash to derive seeds and a small PRNG.

/** FNV-1a over the integer parts (and a few fraction bits) of `values`, as an unsigned 32-bit seed. */
export function hashInts(values: ArrayLike<number>): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    for (const part of [Math.floor(v), Math.floor(v / 2 ** 32)]) {
      for (let b = 0; b < 4; b++) {
        h ^= (part >>> (8 * b)) & 0xff;
        h = Math.imul(h, 0x01000193) >>> 0;
      }
    }
  }
  return h >>> 0;
}

// The generator is shared with the tests' fuzzers: one mulberry32 in the project.
export { mulberry32 as random } from '../util/random.js';
