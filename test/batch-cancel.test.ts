// Cancelling a batch stops the photos in progress: their workers are terminated, nothing more is
// reported or written, and no temp file is left (compiled engine; npm test builds dist/).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Engine from '../src/index.js';
import { copySamples, repoRoot } from './helpers/cli.js';

const engine = (await import(path.join(repoRoot, 'dist', 'src', 'index.js'))) as typeof Engine;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runBatch with an AbortSignal', () => {
  it('rejects with the reason once aborted, and no photo in progress is finished or written afterwards', async () => {
    const names = ['IMG_20240503_140212.jpg', 'astronaut.webp', 'cameraman.png', 'portrait-sideways.jpg'];
    const dir = copySamples(names);
    const items = names.map((n) => ({ input: path.join(dir, n) }));
    const cancel = new AbortController();
    const reported: number[] = [];
    const run = engine.runBatch(
      items,
      { jobs: 2 },
      (_r, i) => {
        reported.push(i);
        // The second result comes while the other worker is in the middle of its photo.
        if (reported.length === 2) cancel.abort(new Error('cancelled by the user'));
      },
      cancel.signal,
    );
    await expect(run).rejects.toThrow('cancelled by the user');
    expect(reported).toHaveLength(2);
    const after = readdirSync(dir).sort();
    await wait(3000); // long enough for a photo with faces to finish, had its worker lived on
    expect(readdirSync(dir).sort()).toEqual(after);
    expect(after.filter((n) => n.startsWith('.'))).toEqual([]);
    expect(after.filter((n) => n.includes('.safe'))).toHaveLength(2);
  });

  it('an already aborted signal starts nothing', async () => {
    const dir = copySamples(['astronaut.webp']);
    await expect(engine.runBatch([{ input: path.join(dir, 'astronaut.webp') }], {}, undefined, AbortSignal.abort())).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['astronaut.webp']);
  });
});
