// `npm run eval`: runs the product's own detect → plan → cover → re-check over evaluation sets and
// prints, per set, a table and one JSON line. On sets with annotated faces: coverage and recall by
// face size and on children's images, beside what the covers cost (share of the picture covered,
// collateral outside every face zone, covers over two faces). On person-free sets: how many photos
// got a cover, how many covers, how many larger than 5 % of the picture, the worst ten.
//   npm run eval                          every set of ../shared/corpus (faces/*, nofaces_dev/*)
//   npm run eval -- --set DIR ...         chosen sets (a boxes.json, or a folder of person-free photos)
//   npm run eval -- --report OUT.json     also write the covers as the CLI's --json report, and score
//                                         it with ../shared/corpus/score_cover.py when python3 can
// Ordinary photos (textures, objects, a cat, the sample portraits):
//   npm run eval -- --set "$(npx tsx test/eval/make-precision-set.ts)"
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coverAndCheck } from '../../src/cover-and-check.js';
import { defaultSettings } from '../../src/faces/detect.js';
import { findFaces, warmUp } from '../../src/faces/index.js';
import { resolveOptions } from '../../src/options.js';
import { warningAsks } from '../../src/contract/codes.js';
import { expansion, planCovers, readingOrder } from '../../src/plan.js';
import type { Cover } from '../../src/types.js';
import { loadSet } from './sets.js';
import { SetTally } from './tally.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../../shared/corpus');
const args = process.argv.slice(2);

function option(name: string): string[] {
  return args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]!] : []));
}

function setsToRun(): string[] {
  const chosen = option('--set').map((d) => path.resolve(d));
  if (chosen.length > 0) return chosen;
  if (!existsSync(corpus)) {
    console.error(`No evaluation corpus at ${corpus}; pass --set DIR (a boxes.json, or a folder of photos with no person).`);
    process.exit(2);
  }
  const under = (dir: string, keep: (d: string) => boolean) =>
    existsSync(dir)
      ? readdirSync(dir)
          .map((d) => path.join(dir, d))
          .filter(keep)
          .sort()
      : [];
  return [
    ...under(path.join(corpus, 'faces'), (d) => existsSync(path.join(d, 'boxes.json')) || existsSync(path.join(d, 'boxes_oriented.json'))),
    ...under(path.join(corpus, 'nofaces_dev'), (d) => !d.endsWith('.md')),
  ];
}

/** Sets this small get a line per image. */
const smallSet = 30;
const summaries: { set: string; s: ReturnType<SetTally['summary']> }[] = [];
const report: { input: string; status: 'done'; width: number; height: number; faces: number; regions: Cover[] }[] = [];

async function evalSet(dir: string) {
  const set = await loadSet(dir);
  const options = resolveOptions({ faces: 'all' });
  const tally = new SetTally();
  let ms = 0;
  let grown = 0;
  let painted = 0;
  let failed = 0;
  let check = 0;
  const reasons: Record<string, number> = {};
  for (const item of set.images) {
    const { img, truth, file } = await item.load();
    const started = performance.now();
    // The pipeline's own steps, in its order (pipeline.ts analyze + render, without encoding).
    const { faces, warnings } = await findFaces(img, [], options);
    const ordered = readingOrder(faces);
    let covers = planCovers(ordered, img.width, img.height);
    const asks = [...warnings];
    try {
      const checked = await coverAndCheck(img, covers, options, ordered);
      if (checked.warnings.some((w) => w.code === 'cover-grown')) grown++;
      if (checked.warnings.some((w) => w.code === 'face-painted')) painted++;
      asks.push(...checked.warnings);
      covers = checked.regions;
    } catch {
      failed++; // the CLI would write nothing for this photo; scored with the covers it planned
    }
    ms += performance.now() - started;
    const toCheck = asks.filter((w) => warningAsks[w.code] === 'check');
    if (toCheck.length) check++;
    for (const w of toCheck) reasons[w.code] = (reasons[w.code] ?? 0) + 1;
    tally.add({
      name: item.name,
      width: img.width,
      height: img.height,
      truth,
      child: item.child,
      personFree: set.personFree,
      faces: ordered,
      covers,
    });
    report.push({ input: file, status: 'done', width: img.width, height: img.height, faces: faces.length, regions: covers });
  }
  const images = set.images.length;
  console.log(`\n${set.name}: ${images} images${set.personFree ? ' with no person' : `, ${tally.all.faces} faces`}`);
  if (images <= smallSet) for (const line of tally.lines) console.log(line);
  for (const line of tally.table()) console.log(line);
  console.log(
    `ms/image ${Math.round(ms / images)} (detect, plan, cover, re-check); a cover grew in ${grown} image(s), a face was painted over in ${painted}, ${failed} failed; ` +
      `"check it": ${check} (${Math.round((1000 * check) / images) / 10} %: ${Object.entries(reasons)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`,
  );
  summaries.push({ set: set.name, s: tally.summary() });
  console.log(
    JSON.stringify({
      set: set.name,
      ...tally.summary(),
      msPerImage: Math.round(ms / images),
      grown,
      painted,
      failed,
      checkPct: Math.round((1000 * check) / images) / 10,
      reasons,
      settings: { detect: defaultSettings, expansion },
    }),
  );
}

await warmUp();
const sets = setsToRun();
for (const dir of sets) await evalSet(dir);

// Every set side by side: what the covers hide next to what they cost.
console.log('\nside by side (coverage: share of faces ≥ 80 % under the covers; collateral: covered outside every face zone)');
console.log(
  `${'set'.padEnd(20)} ${'faces'.padStart(6)} ${'≥10px'.padStart(6)} ${'≥20px'.padStart(6)} ${'kids'.padStart(5)} ${'covered'.padStart(8)} ${'collateral mean/p90/>10%'.padStart(25)} ${'merged'.padStart(7)}   person-free: photos with a cover, covers/photo, covers > 5 %`,
);
for (const { set, s } of summaries) {
  const v = (x: unknown) => String(x ?? '-');
  if ('personFree' in s && s.personFree) {
    console.log(
      `${set.padEnd(20)} ${v(s.images).padStart(6)} ${''.padStart(6)} ${''.padStart(6)} ${''.padStart(5)} ${''.padStart(8)} ${''.padStart(25)} ${''.padStart(7)}   ${s.personFree.photosWithCover} %, ${s.personFree.coversPerPhoto}, ${s.personFree.coversOver5Pct}`,
    );
  } else if ('coverage10' in s) {
    const coll = `${s.collateralMeanPct} / ${s.collateralP90Pct} / ${s.imagesCollateralOver10Pct}`;
    console.log(
      `${set.padEnd(20)} ${v(s.faces).padStart(6)} ${v(s.coverage10).padStart(6)} ${v(s.coverage20).padStart(6)} ${v(s.children?.coverage).padStart(5)} ${v(s.coveredMeanPct).padStart(8)} ${coll.padStart(25)} ${v(s.mergedCovers).padStart(7)}`,
    );
  }
}

const out = option('--report')[0];
if (out) {
  writeFileSync(out, JSON.stringify({ files: report }));
  // The corpus' reference scorer reads the same report: its figures must match the tables above.
  const scorer = path.join(corpus, 'score_cover.py');
  for (const dir of sets) {
    const boxes = path.join(dir, 'boxes.json');
    // The scorer reads boxes in the stored pixel grid; covers are in upright pixels, so a set of
    // sideways-stored photos (boxes_oriented.json) cannot be compared with it.
    if (!existsSync(scorer) || !existsSync(boxes) || existsSync(path.join(dir, 'boxes_oriented.json'))) continue;
    const children = path.join(dir, 'children.json');
    try {
      const text = execFileSync('python3', [scorer, boxes, out, ...(existsSync(children) ? ['--children', children] : [])], {
        encoding: 'utf8',
      });
      console.log(`\nscore_cover.py on ${path.basename(dir)}: ${text.trim().split('\n').at(-1)}`);
    } catch (e) {
      console.log(`\nscore_cover.py could not run (${(e as Error).message.split('\n')[0]}): install python3-numpy and python3-pil`);
    }
  }
}
