// Runs the people-and-animals detector (faces/people.ts) once over evaluation sets and saves what it
// found per image, beside cache-passes.ts's detections, so tune.ts can try policies that use it.
// Usage: npx tsx test/eval/cache-things.ts OUT.json SET_DIR...
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findThings } from '../../src/faces/people.js';
import { loadSet } from './sets.js';

export interface CachedThings {
  set: string;
  name: string;
  /** [x, y, width, height, score, 1 = person / 2 = animal], rounded. */
  things: number[][];
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const [outFile, ...dirs] = process.argv.slice(2);
if (!outFile || dirs.length === 0) {
  console.error('usage: cache-things.ts OUT.json SET_DIR...');
  process.exit(2);
}
const cached: CachedThings[] = [];
for (const dir of dirs) {
  const set = await loadSet(path.resolve(dir));
  for (const item of set.images) {
    const { img } = await item.load();
    const things = await findThings(img);
    cached.push({
      set: set.name,
      name: item.name,
      things: things.map((t) => [t.box.x, t.box.y, t.box.width, t.box.height, t.score].map(round).concat(t.kind === 'person' ? 1 : 2)),
    });
  }
  console.error(`${set.name}: ${set.images.length} images`);
}
writeFileSync(outFile, JSON.stringify({ images: cached }));
