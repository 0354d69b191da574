// `npm run eval`: runs the product's own detect + plan steps over annotated face sets and
// prints, per set, a table and one JSON line (coverage, recall@IoU 0.5, by face size, on the
// children images, false regions per image, ms per image). Usage: npm run eval [-- --set DIR ...]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { findFaces, recheck, warmUp } from '../../src/faces/index.js';
import { cover } from '../../src/obscure.js';
import { defaultSettings } from '../../src/faces/detect.js';
import { planRegions, expansion } from '../../src/plan.js';
import { resolveOptions } from '../../src/options.js';
import type { RawImage, Rect } from '../../src/types.js';
import { bucketOf, buckets, coveredFraction, falseRegions, matchAtIou, orientBox } from './score.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../../shared/corpus/faces');

interface Tally {
  faces: number;
  covered: number;
  matched: number;
}

const tally = (): Tally => ({ faces: 0, covered: 0, matched: 0 });
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);

function setsToRun(argv: string[]): string[] {
  const chosen: string[] = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--set' && argv[i + 1]) chosen.push(path.resolve(argv[++i]!));
  if (chosen.length > 0) return chosen;
  if (!existsSync(corpus)) {
    console.error(`No evaluation corpus at ${corpus}; pass --set DIR with a boxes.json.`);
    process.exit(2);
  }
  return readdirSync(corpus)
    .map((d) => path.join(corpus, d))
    .filter((d) => existsSync(path.join(d, 'boxes.json')))
    .sort();
}

const toRect = ([x, y, width, height]: number[]): Rect => ({ x: x!, y: y!, width: width!, height: height! });

function childImages(dir: string): Set<string> {
  const file = path.join(dir, 'children.json');
  if (!existsSync(file)) return new Set();
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  // Either { image: boxes } or { likely_child: [...], uncertain: [...] }: a possible child counts.
  const names = Object.entries(json).flatMap(([k, v]) =>
    k === '_note' ? [] : k === 'likely_child' || k === 'uncertain' ? (v as string[]) : [k],
  );
  return new Set(names);
}

/** Upright sRGB pixels, as the pipeline decodes them, and the annotated boxes mapped onto them. */
async function load(dir: string, name: string, stored: Rect[], oriented: boolean): Promise<{ img: RawImage; truth: Rect[] }> {
  const file = path.join(dir, name);
  const meta = await sharp(file).metadata();
  const { data, info } = await sharp(file).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const truth = oriented ? stored : stored.map((b) => orientBox(b, meta.orientation ?? 1, meta.width!, meta.height!));
  return { img: { data, width: info.width, height: info.height, channels: 3 }, truth };
}

async function evalSet(dir: string) {
  const orientedFile = path.join(dir, 'boxes_oriented.json');
  const oriented = existsSync(orientedFile);
  const boxes = JSON.parse(readFileSync(oriented ? orientedFile : path.join(dir, 'boxes.json'), 'utf8')) as Record<string, number[][]>;
  const children = childImages(dir);
  const options = resolveOptions({ faces: 'all' });
  const all = tally();
  const bySize = Object.fromEntries(buckets.map((b) => [b, tally()])) as Record<(typeof buckets)[number], Tally>;
  const kids = tally();
  let kidImages = 0;
  let falses = 0;
  let ms = 0;
  let msAfter = 0;
  let recheckImages = 0;
  const names = Object.keys(boxes).sort();
  for (const name of names) {
    const { img, truth: allTruth } = await load(dir, name, boxes[name]!.map(toRect), oriented);
    const started = performance.now();
    const { faces } = await findFaces(img, [], options);
    const regions = planRegions(faces, img.width, img.height);
    ms += performance.now() - started;
    // The pipeline's next steps: cover, then look again; a hit there means a grown cover or a failed file.
    const coverStarted = performance.now();
    const left = await recheck(await cover(img, regions, options), regions, options);
    msAfter += performance.now() - coverStarted;
    if (left.length > 0) recheckImages++;
    // Boxes under 4 px are annotation noise; they still count as faces for false regions.
    const truth = allTruth.filter((b) => b.width >= 4 && b.height >= 4);
    const matched = matchAtIou(truth, faces.map((f) => f.box));
    const isKid = children.has(name);
    if (isKid) kidImages++;
    truth.forEach((t, i) => {
      const covered = coveredFraction(t, regions) >= 0.8 ? 1 : 0;
      const hit = matched[i] ? 1 : 0;
      for (const g of isKid ? [all, bySize[bucketOf(t)], kids] : [all, bySize[bucketOf(t)]]) {
        g.faces++;
        g.covered += covered;
        g.matched += hit;
      }
    });
    falses += falseRegions(regions, allTruth);
  }
  const row = (label: string, t: Tally) =>
    `${label.padEnd(10)} ${String(t.faces).padStart(6)} ${String(pct(t.covered, t.faces) ?? '-').padStart(9)} ${String(pct(t.matched, t.faces) ?? '-').padStart(12)}`;
  console.log(`\n${path.basename(dir)}: ${names.length} images, ${all.faces} faces`);
  console.log(`${'faces'.padEnd(10)} ${'count'.padStart(6)} ${'covered%'.padStart(9)} ${'recall@.5%'.padStart(12)}`);
  console.log(row('all', all));
  for (const b of buckets) console.log(row(b + ' px', bySize[b]));
  console.log(row('children', kids) + `   (${kidImages} images)`);
  console.log(`false regions/image ${(falses / names.length).toFixed(2)}   detect+plan ms/image ${Math.round(ms / names.length)}`);
  console.log(`after covering, the re-check still found a face in ${recheckImages} image(s); cover+recheck ms/image ${Math.round(msAfter / names.length)}`);
  const summary = (t: Tally) => ({ faces: t.faces, coverage: pct(t.covered, t.faces), recall: pct(t.matched, t.faces) });
  console.log(
    JSON.stringify({
      set: path.basename(dir),
      images: names.length,
      ...summary(all),
      buckets: Object.fromEntries(buckets.map((b) => [b, summary(bySize[b])])),
      children: { images: kidImages, ...summary(kids) },
      falseRegionsPerImage: Math.round((100 * falses) / names.length) / 100,
      msPerImage: Math.round(ms / names.length),
      recheckImages,
      coverRecheckMsPerImage: Math.round(msAfter / names.length),
      settings: { detect: defaultSettings, expansion },
    }),
  );
}

await warmUp();
for (const dir of setsToRun(process.argv.slice(2))) await evalSet(dir);
