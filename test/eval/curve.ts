// The trade-off the defaults were chosen from: coverage against what it costs (collateral, false
// covers on person-free photos), for a row of settings from recall-first to precision-first, each
// with and without the people check, over cached detections:
//   npx tsx test/eval/curve.ts CACHE.json... --things THINGS.json
import type { DetectSettings } from '../../src/faces/detect.js';
import { defaultPolicy } from '../../src/faces/select.js';
import { loadCaches, score, settingsFor } from './offline.js';

const args = process.argv.slice(2);
const at = args.indexOf('--things');
const thingsFile = at >= 0 ? args.splice(at, 2)[1] : undefined;
const caches = loadCaches(args, thingsFile);
const base = caches.passes.map((p) => p.minScore);

/** No people check: every picture counts as showing people. */
const noPeople: Partial<DetectSettings['policy']> = { people: { ...defaultPolicy.people, crowd: 1 } };
const rows: { label: string; minScores: number[]; policy: Partial<DetectSettings['policy']> }[] = [];
for (const k of [1, 1.5, 2, 3]) {
  const minScores = base.map((s) => Math.min(0.95, Math.round(s * k * 100) / 100));
  rows.push({ label: `thresholds ×${k}, no people check`, minScores, policy: noPeople });
  rows.push({ label: `thresholds ×${k}, people check${k === 1 ? ' (default)' : ''}`, minScores, policy: {} });
}

const cell = (v: unknown, w = 6) => String(v ?? '-').padStart(w);
const sets = [...new Set(caches.images.map((i) => i.set))];
const faceSets = sets.filter((s) => caches.images.some((i) => i.set === s && !i.personFree));
const freeSets = sets.filter((s) => !faceSets.includes(s));
console.log(
  `${'setting'.padEnd(40)} ${faceSets.map((s) => `${s}: ≥10 ≥20 coll%`.padStart(26)).join(' ')} ${freeSets.map((s) => `${s}: photos% >5%`.padStart(20)).join(' ')}`,
);
for (const r of rows) {
  const t = await score(caches, settingsFor(caches, r.minScores, r.policy));
  const faces = faceSets.map((s) => {
    const x = t.get(s)!.summary();
    return 'coverage10' in x ? `${cell(x.coverage10)} ${cell(x.coverage20)} ${cell(x.collateralMeanPct)}` : '';
  });
  const free = freeSets.map((s) => {
    const x = t.get(s)!.summary();
    return 'personFree' in x && x.personFree ? `${cell(x.personFree.photosWithCover, 12)} ${cell(x.personFree.coversOver5Pct, 4)}` : '';
  });
  console.log(`${r.label.padEnd(40)} ${faces.map((f) => f.padStart(26)).join(' ')} ${free.map((f) => f.padStart(20)).join(' ')}`);
}
