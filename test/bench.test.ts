// `npm run bench -- --smoke`: the benchmark runs end to end on a few small photos and reports every
// figure. Nothing here judges a figure: timings belong to the bench's table, never to a test.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lacks } from './helpers/oracles.js';
import { runBench } from './bench/bench.js';
import { makeInputs, smokeSpec } from './bench/inputs.js';

const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);

// The bench composes its photos from the skimage pictures and tags them with exiftool.
describe.skipIf(lacks(import.meta.filename, 'skimage', 'exiftool'))('npm run bench -- --smoke', () => {
  it('makes its photos from scratch in an empty folder (no cache may stand in for the generator)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-inputs-'));
    const set = await makeInputs(smokeSpec, dir);
    expect(set.files).toHaveLength(smokeSpec.count * smokeSpec.formats.length);
    for (const f of set.files) {
      expect(f.path.startsWith(dir)).toBe(true);
      const meta = await sharp(f.path).metadata();
      expect(meta.format).toBe(f.format);
      expect(f.faces.length).toBeGreaterThan(0);
      for (const [x, y, w, h] of f.faces) expect(x! >= 0 && y! >= 0 && x! + w! <= f.width && y! + h! <= f.height).toBe(true);
    }
    // A second call reuses what the first made, byte for byte.
    const again = await makeInputs(smokeSpec, dir);
    expect(again.files.map((f) => f.path)).toEqual(set.files.map((f) => f.path));
  }, 120_000);

  it('measures the floor, both pipeline modes and start-up, and writes the same figures as JSON', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'bench-smoke-')), 'bench.json');
    const r = await runBench({ smoke: true, batch: 0, out, quiet: true });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(JSON.stringify(r)));

    expect(Object.keys(r.formats).sort()).toEqual(['jpeg', 'png']);
    for (const runs of Object.values(r.formats)) {
      for (const s of [runs.floor, runs.default, runs.metadataOnly]) {
        expect(s.ok).toBe(s.photos);
        for (const k of ['wallS', 'photosPerS', 'msMedian', 'msP95', 'peakRssMb', 'cpuSPerPhoto', 'firstResultMs'] as const) {
          expect(finite(s[k]), k).toBe(true);
        }
      }
      expect(runs.default.failures).toEqual([]);
      expect(Object.keys(runs.default.stages)).toEqual(
        expect.arrayContaining(['read', 'inspect', 'decode', 'detect', 'plan', 'cover', 'recheck', 'encode', 'write', 'verify']),
      );
      expect(Object.keys(runs.metadataOnly.stages)).toEqual(expect.arrayContaining(['read', 'decode', 'encode', 'write', 'verify']));
      expect(runs.metadataOnly.stages).not.toHaveProperty('detect');
      expect(runs.default.facesPlaced).toBeGreaterThan(0);
      expect(runs.exiftool).toEqual({ skipped: 'smoke run' });
    }
    for (const v of Object.values(r.startup)) expect(finite(v)).toBe(true);
    expect(finite(r.ratios.defaultVsFloor) && finite(r.ratios.metadataOnlyVsFloor)).toBe(true);
    expect(r.ratios.metadataOnlySpeedupOverExiftool).toBeNull();
    expect(Object.keys(r.targets.met)).toHaveLength(7);
  }, 300_000);
});
