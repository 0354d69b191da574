// Scores one setting over cached detections, in seconds, for trying thresholds and policies:
//   npx tsx test/eval/tune.ts CACHE.json... [--things THINGS.json] [--minScore 0.15,0.2,0.35] [--policy '{"sure":0.8}'] [--lines]
// (CACHE.json from cache-passes.ts, THINGS.json from cache-things.ts.) Prints one JSON line per set,
// as `npm run eval` does (without timings or the re-check).
import type { DetectSettings } from '../../src/faces/detect.js';
import { loadCaches, score, settingsFor } from './offline.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const thingsFile = option('--things');
const minScores = option('--minScore')?.split(',').map(Number);
const policy = JSON.parse(option('--policy') ?? '{}') as Partial<DetectSettings['policy']>;
const lines = args.includes('--lines');
const caches = loadCaches(
  args.filter((a) => a !== '--lines'),
  thingsFile,
);

for (const [set, tally] of await score(caches, settingsFor(caches, minScores, policy))) {
  if (lines) for (const line of tally.lines) console.log(line);
  console.log(JSON.stringify({ set, ...tally.summary() }));
}
