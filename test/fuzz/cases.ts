// Case K of seed S: which real file it starts from, how it is damaged, and whether the detector runs.
import { mutate } from './mutate.js';
import { caseRng } from './rng.js';
import type { SeedFile } from './seeds.js';

export interface FuzzCase {
  index: number;
  seed: SeedFile;
  bytes: Buffer;
  ops: string[];
  /** 'all' runs the real face detector and the re-check on the damaged pixels; 'none' is metadata only. */
  faces: 'all' | 'none';
  /** The file name the case gets (its seed's extension, so folder walks would take it too). */
  file: string;
}

/**
 * Seeds are drawn 40 % from the project's own fixtures and 60 % from the corpus (format first, then file,
 * so its hundred JPEGs do not crowd out the few HEIC, AVIF, WebP, GIF and TIFF files).
 */
function pickSeed(seeds: SeedFile[], r: ReturnType<typeof caseRng>): SeedFile {
  const ours = seeds.filter((s) => s.ours);
  const corpus = seeds.filter((s) => !s.ours);
  if (!corpus.length || r.chance(0.4)) return r.pick(ours);
  const format = r.pick([...new Set(corpus.map((s) => s.format))].sort());
  return r.pick(corpus.filter((s) => s.format === format));
}

export function buildCase(runSeed: number, index: number, seeds: SeedFile[], facesEvery: number): FuzzCase {
  const r = caseRng(runSeed, index);
  const seed = pickSeed(seeds, r);
  const { bytes, ops } = mutate(seed.bytes, seed.format, r);
  const faces = facesEvery > 0 && index % facesEvery === 0 ? 'all' : 'none';
  return { index, seed, bytes, ops, faces, file: `case-${String(index).padStart(6, '0')}.${seed.ext}` };
}
