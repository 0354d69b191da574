// `npm run eval -- --children`: how the `--faces children` policy treats faces of known age. Each
// UTKFace crop (../shared/corpus/faces/utkface_dev, the age is the start of the file name) is set
// in a larger picture as a photo would hold it (the crop in the middle of a 600×600 picture on a plain
// backdrop of its own average colour), run through the product's detection and children policy, and counted
// per age band: faces found, faces left visible. A child left visible is the failure that matters.
//   npx tsx test/eval/children.ts [DIR] [--every N [--offset K]] [--signals OUT.json]
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { applyChildrenPolicy, estimateAges } from '../../src/faces/children.js';
import { findFaces, warmUp } from '../../src/faces/index.js';
import { resolveOptions } from '../../src/options.js';
import { headTilt } from '../../src/plan.js';
import type { RawImage } from '../../src/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const every = Number(flag('--every') ?? 1);
// --every 3 --offset 1: another third of the set than the one the cuts were chosen on.
const offset = Number(flag('--offset') ?? 0);
const signalsFile = flag('--signals');
const dir = path.resolve(args[0] ?? path.join(here, '../../../shared/corpus/faces/utkface_dev'));

export const bands = [
  ['0-2', 0, 2],
  ['3-5', 3, 5],
  ['6-9', 6, 9],
  ['10-12', 10, 12],
  ['13-17', 13, 17],
  ['18-24', 18, 24],
  ['25-60', 25, 60],
  ['60+', 61, 200],
] as const;

const bandOf = (age: number) => bands.find(([, lo, hi]) => age >= lo && age <= hi)![0];

/**
 * The crop in the middle of a picture three times its size, on a plain backdrop of the crop's own
 * average colour (a studio portrait's wall): a face as a photo holds it, and nothing else that
 * looks like one (a blurred or mirrored copy of the face would be found as a face itself).
 */
async function asPhoto(file: string): Promise<RawImage> {
  const crop = await sharp(file).removeAlpha().toBuffer({ resolveWithObject: true });
  const { channels } = await sharp(crop.data).stats();
  const [r, g, b] = channels.map((c) => Math.round(c.mean));
  const side = crop.info.width * 3;
  const { data, info } = await sharp({ create: { width: side, height: side, channels: 3, background: { r: r!, g: g!, b: b! } } })
    .composite([{ input: crop.data, left: crop.info.width, top: Math.round((side - crop.info.height) / 2) }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

const files = readdirSync(dir)
  .filter((f) => /^\d+_.*\.jpg$/.test(f))
  .sort()
  .filter((_, i) => i % every === offset % every);
const tally = new Map<string, { n: number; found: number; visible: number }>(bands.map(([b]) => [b, { n: 0, found: 0, visible: 0 }]));
const signals: (string | number)[][] = [];
const visibleKids: string[] = [];
const options = resolveOptions({ faces: 'all' });
await warmUp();
const started = performance.now();
for (const f of files) {
  const age = Number(f.split('_')[0]);
  const img = await asPhoto(path.join(dir, f));
  const t = tally.get(bandOf(age))!;
  t.n++;
  const { faces } = await findFaces(img, [], options);
  if (faces.length) t.found++;
  const decided = await applyChildrenPolicy(img, faces);
  if (decided.some((d) => d.keep)) {
    t.visible++;
    if (age < 18) visibleKids.push(`${f} (estimated ${Math.round(decided.find((d) => d.keep)!.age!)})`);
  }
  if (signalsFile && faces.length) {
    const big = [...faces].sort((a, b) => b.box.width - a.box.width)[0]!;
    // Both ways, to compare: on the crop as the detector boxed it, and turned so the eyes are level.
    const row: (string | number)[] = [f, age, Math.round(big.box.width), Math.round(big.score * 1000) / 1000];
    for (const align of [false, true]) {
      const ages = await estimateAges(img, big, align);
      row.push(...[ages.faceApi[0]!, ages.faceRes[0]!, ages.faceApi[1]!, ages.faceRes[1]!].map((a) => Math.round(a * 10) / 10));
    }
    row.push(Math.round(headTilt(big.landmarks)));
    signals.push(row);
  }
}
console.log(
  `\n--faces children on ${files.length} age-labelled faces (${path.basename(dir)}${every > 1 ? `, one in ${every} from the ${offset + 1}th` : ''}):`,
);
console.log(`${'age'.padEnd(6)} ${'faces'.padStart(6)} ${'found'.padStart(6)} ${'left visible'.padStart(13)}`);
for (const [band, t] of tally)
  console.log(
    `${band.padEnd(6)} ${String(t.n).padStart(6)} ${String(t.found).padStart(6)} ${`${t.visible} (${t.n ? ((100 * t.visible) / t.n).toFixed(1) : '-'} %)`.padStart(13)}`,
  );
if (visibleKids.length) console.log(`children and teenagers left visible: ${visibleKids.join(', ')}`);
console.log(`ms/face ${Math.round((performance.now() - started) / files.length)}`);
console.log(JSON.stringify({ set: 'children-policy', faces: files.length, every, bands: Object.fromEntries(tally) }));
if (signalsFile) writeFileSync(signalsFile, JSON.stringify(signals));
