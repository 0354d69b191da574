// Scores one face-finder setting over cached detections, in seconds (offline.ts):
//   npx tsx test/eval/tune.ts CACHE.json... --things THINGS.json [--fine 1280] [--coarse 640|0] [--max-upscale 2.4]
//       [--policy '{"minScore":0.2,"people":{"crowd":6}}'] [--ssd 0.5] [--no-people] [--upright]
//       [--expansion '{"side":0.35}'] [--lines SET]
// (CACHE.json from cache-detections.ts, THINGS.json from cache-things.ts.) One JSON line per set.
import type { ChoosePolicy } from '../../src/faces/choose.js';
import { expansion } from '../../src/plan.js';
import { brief, defaultSettings, loadCaches, score } from './offline.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args.splice(i, 1).length > 0;
};
const thingsFile = option('--things');
const fine = Number(option('--fine') ?? defaultSettings.fine);
const coarse = Number(option('--coarse') ?? defaultSettings.coarse);
const maxUpscale = Number(option('--max-upscale') ?? defaultSettings.maxUpscale);
const ssd = option('--ssd');
const linesOf = option('--lines');
const given = JSON.parse(option('--policy') ?? '{}') as Partial<ChoosePolicy>;
// Trying other cover sizes: the planner reads its expansion at each call.
Object.assign(expansion as Record<string, number>, JSON.parse(option('--expansion') ?? '{}'));
const noPeople = flag('--no-people');
const upright = flag('--upright');
const policy = { ...defaultSettings.policy, ...given, people: { ...defaultSettings.policy.people, ...given.people } };
const caches = loadCaches(args, thingsFile);
const results = await score(caches, {
  settings: { fine, coarse, maxUpscale, policy },
  ...(ssd ? { ssd: Number(ssd) } : {}),
  noPeople,
  upright,
});
for (const [set, scored] of results) {
  if (linesOf === set) for (const line of scored.tally.lines) console.log(line);
  console.log(JSON.stringify(brief(set, scored)));
}
