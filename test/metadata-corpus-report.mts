// Prints what inspect finds over ../shared/corpus/metadata (files per finding kind) and, with
// --strippers, how verify judges the outputs of `exiftool -all=` and mat2 on the same files.
// Run: npx tsx test/metadata-corpus-report.mts [--strippers]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sniff } from '../src/formats.js';
import { inspectBytes } from '../src/inspect/index.js';
import { verifyBytes } from '../src/verify/index.js';

const root = path.resolve(import.meta.dirname, '../../shared/corpus/metadata');
if (!existsSync(path.join(root, 'manifest.json'))) {
  console.log(`no corpus at ${root}`);
  process.exit(0);
}
const files: string[] = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')).map((e: { file: string }) => e.file);

const perKind = new Map<string, { files: number; findings: number }>();
const refused = new Map<string, number>();
const times: number[] = [];
let inspected = 0;
let sensitiveFiles = 0;
let faceFiles = 0;
for (const file of files) {
  const b = readFileSync(path.join(root, file));
  const s = sniff(b);
  if (s.kind !== 'image') {
    const why = s.kind === 'unsupported' ? s.name : 'not an image';
    refused.set(why, (refused.get(why) ?? 0) + 1);
    continue;
  }
  const t0 = performance.now();
  const r = await inspectBytes(b, s.format);
  times.push(performance.now() - t0);
  inspected++;
  if (r.findings.some((f) => f.sensitive)) sensitiveFiles++;
  if (r.faceRegions.length) faceFiles++;
  const kinds = new Map<string, number>();
  for (const f of r.findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  for (const [k, n] of kinds) {
    const e = perKind.get(k) ?? { files: 0, findings: 0 };
    perKind.set(k, { files: e.files + 1, findings: e.findings + n });
  }
}
times.sort((a, z) => a - z);
console.log(
  `${files.length} files: ${inspected} inspected, ${files.length - inspected} not images we read (${[...refused].map(([k, n]) => `${k} ×${n}`).join(', ')})`,
);
console.log(`${sensitiveFiles} files give away something sensitive; ${faceFiles} declare face regions`);
console.log(`inspect time: median ${times[times.length >> 1].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
console.log('\nkind             files  findings');
for (const [k, v] of [...perKind].sort((a, z) => z[1].files - a[1].files))
  console.log(`${k.padEnd(16)} ${String(v.files).padStart(5)}  ${String(v.findings).padStart(8)}`);

if (process.argv.includes('--strippers')) {
  const work = mkdtempSync(path.join(tmpdir(), 'strippers-'));
  const tally = new Map<string, { clean: number; dirty: number; failed: number; problems: Map<string, number> }>();
  const note = (key: string, verdict?: Awaited<ReturnType<typeof verifyBytes>>) => {
    const t = tally.get(key) ?? { clean: 0, dirty: 0, failed: 0, problems: new Map() };
    if (!verdict) t.failed++;
    else if (verdict.clean) t.clean++;
    else {
      t.dirty++;
      for (const code of new Set(verdict.problems.map((p) => p.code))) t.problems.set(code, (t.problems.get(code) ?? 0) + 1);
    }
    tally.set(key, t);
  };
  let i = 0;
  for (const file of files) {
    const b = readFileSync(path.join(root, file));
    const s = sniff(b);
    if (s.kind !== 'image') continue;
    const ext = path.extname(file);
    const et = path.join(work, `e${i}${ext}`);
    copyFileSync(path.join(root, file), et);
    const etRun = spawnSync('exiftool', ['-q', '-q', '-all=', '-overwrite_original', et]);
    note(`exiftool -all= ${s.format}`, etRun.status === 0 ? await verifyBytes(readFileSync(et)) : undefined);
    const m2 = path.join(work, `m${i}${ext}`);
    copyFileSync(path.join(root, file), m2);
    const mRun = spawnSync('mat2', [m2]);
    const cleaned = readdirSync(work).find((f) => f.startsWith(`m${i}.cleaned`));
    note(`mat2 ${s.format}`, mRun.status === 0 && cleaned ? await verifyBytes(readFileSync(path.join(work, cleaned))) : undefined);
    i++;
  }
  rmSync(work, { recursive: true });
  console.log('\ntool + format              clean  not clean  tool failed  problems in the not-clean ones');
  for (const [k, t] of [...tally].sort()) {
    console.log(
      `${k.padEnd(26)} ${String(t.clean).padStart(5)}  ${String(t.dirty).padStart(9)}  ${String(t.failed).padStart(11)}  ${[...t.problems].map(([c, n]) => `${c} ×${n}`).join(', ')}`,
    );
  }
}
