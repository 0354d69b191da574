// `npm run eval`: runs the product's own detect + plan steps over annotated face sets and
// prints, per set, a table and one JSON line (coverage, recall@IoU 0.5, by face size, on the
// children images, false regions and false faces per image, the share of each picture covered,
// ms per image). Usage: npm run eval [-- --set DIR ...]
// Ordinary photos (no face, one portrait, a cat):  npm run eval -- --set "$(npx tsx test/eval/make-precision-set.ts)"
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFaces, recheck, warmUp } from '../../src/faces/index.js';
import { cover } from '../../src/obscure.js';
import { defaultSettings } from '../../src/faces/detect.js';
import { planRegions, expansion } from '../../src/plan.js';
import { resolveOptions } from '../../src/options.js';
import { loadSet } from './sets.js';
import { SetTally } from './tally.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../../shared/corpus/faces');

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

/** Sets this small get a line per image. */
const smallSet = 30;

async function evalSet(dir: string) {
  const set = await loadSet(dir);
  const options = resolveOptions({ faces: 'all' });
  const tally = new SetTally();
  let ms = 0;
  let msAfter = 0;
  let recheckImages = 0;
  for (const item of set.images) {
    const { img, truth } = await item.load();
    const started = performance.now();
    const { faces } = await findFaces(img, [], options);
    const regions = planRegions(faces, img.width, img.height);
    ms += performance.now() - started;
    // The pipeline's next steps: cover, then look again; a hit there means a grown cover or a failed file.
    const coverStarted = performance.now();
    const left = await recheck(await cover(img, regions, options), regions, options);
    msAfter += performance.now() - coverStarted;
    if (left.length > 0) recheckImages++;
    tally.add({ ...item, width: img.width, height: img.height, truth, faces, regions });
  }
  const images = set.images.length;
  console.log(`\n${set.name}: ${images} images, ${tally.all.faces} faces`);
  if (images <= smallSet) for (const line of tally.lines) console.log(line);
  for (const line of tally.table()) console.log(line);
  console.log(`detect+plan ms/image ${Math.round(ms / images)}`);
  console.log(`after covering, the re-check still found a face in ${recheckImages} image(s); cover+recheck ms/image ${Math.round(msAfter / images)}`);
  console.log(
    JSON.stringify({
      set: set.name,
      ...tally.summary(),
      msPerImage: Math.round(ms / images),
      recheckImages,
      coverRecheckMsPerImage: Math.round(msAfter / images),
      settings: { detect: defaultSettings, expansion },
    }),
  );
}

await warmUp();
for (const dir of setsToRun(process.argv.slice(2))) await evalSet(dir);
