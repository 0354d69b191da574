// The real files the fuzzer starts from: the project's own fixtures (always), and the evaluation
// corpus's camera and phone files when ../shared/corpus is there (never copied into the repository).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sniff } from '../../src/formats.js';
import type { ImageFormat } from '../../src/types.js';
import { repoRoot } from '../helpers/cli.js';

export interface SeedFile {
  /** Shown in reports: "fixtures/samples/astronaut.webp", "corpus/exiftool/...". */
  name: string;
  format: ImageFormat;
  /** The extension the case file gets (the seed's own, so the folder walk picks it up). */
  ext: string;
  bytes: Buffer;
  /** Redistributable: a failure found from it may become a regression fixture as is. */
  ours: boolean;
}

const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'metadata');
/** Bigger seeds make each case slow without reaching different code. */
const maxSeedBytes = 1_500_000;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '_docs' ? [] : filesUnder(full);
    return e.isFile() ? [full] : [];
  });
}

function load(file: string, name: string, ours: boolean): SeedFile | undefined {
  if (statSync(file).size > maxSeedBytes) return undefined;
  const bytes = readFileSync(file);
  const s = sniff(bytes);
  if (s.kind !== 'image') return undefined;
  const ext = path.extname(file).slice(1).toLowerCase() || 'img';
  return { name, format: s.format, ext, bytes, ours };
}

export function loadSeeds(withCorpus: boolean): { seeds: SeedFile[]; corpus: boolean } {
  const seeds: SeedFile[] = [];
  for (const sub of ['samples', 'metadata']) {
    const dir = path.join(repoRoot, 'test', 'fixtures', sub);
    for (const f of readdirSync(dir).sort()) {
      const seed = load(path.join(dir, f), `fixtures/${sub}/${f}`, true);
      if (seed) seeds.push(seed);
    }
  }
  let corpus = false;
  if (withCorpus) {
    try {
      for (const f of filesUnder(corpusDir).sort()) {
        const seed = load(f, `corpus/${path.relative(corpusDir, f)}`, false);
        if (seed) seeds.push(seed);
      }
      corpus = true;
    } catch {
      corpus = false;
    }
  }
  return { seeds, corpus };
}
