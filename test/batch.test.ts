// The worker pool, from the compiled engine (worker threads run dist/src/worker.js; npm test builds it).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Engine from '../src/index.js';
import { copySamples, repoRoot } from './helpers/cli.js';

const engine = (await import(path.join(repoRoot, 'dist', 'src', 'index.js'))) as typeof Engine;

describe('runBatch', () => {
  it('returns results in input order while reporting each as it finishes', async () => {
    const dir = copySamples(['astronaut.webp', 'cameraman.png', 'portrait-sideways.jpg']);
    const items = ['portrait-sideways.jpg', 'astronaut.webp', 'cameraman.png'].map((n) => ({ input: path.join(dir, n) }));
    const seen: number[] = [];
    const results = await engine.runBatch(items, { jobs: 2, faces: 'none' }, (_r, i) => seen.push(i));
    expect(results.map((r) => path.basename(r.input))).toEqual(['portrait-sideways.jpg', 'astronaut.webp', 'cameraman.png']);
    expect(results.every((r) => r.status === 'done')).toBe(true);
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });

  it('gives up on a photo after the time limit, leaves no temp file, and goes on with the next', async () => {
    const dir = copySamples(['IMG_20240503_140212.jpg', 'astronaut.webp']);
    const items = ['IMG_20240503_140212.jpg', 'astronaut.webp'].map((n) => ({ input: path.join(dir, n) }));
    const results = await engine.runBatch(items, { jobs: 1, timeoutMs: 100 });
    expect(results.map((r) => r.error?.code)).toEqual(['timeout', 'timeout']);
    expect(results[0].error?.message).toMatch(/nothing was written/);
    expect(readdirSync(dir).sort()).toEqual(['IMG_20240503_140212.jpg', 'astronaut.webp']);
  });
});
