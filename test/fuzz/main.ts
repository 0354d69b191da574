// npm run fuzz -- --cases N --seed S [--case K,...] [--no-corpus] [--jobs J] [--timeout SECONDS]
//                 [--faces-every N] [--chunk N] [--save DIR]
// Damages real files in hostile ways and runs each through the real CLI batch; see run.ts for what counts
// as a failure. Every case replays alone from its seed and number: --seed S --case K.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz, type Outcome } from './run.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    seed: { type: 'string' },
    case: { type: 'string' },
    'no-corpus': { type: 'boolean', default: false },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '15' },
    'faces-every': { type: 'string', default: '10' },
    chunk: { type: 'string', default: '40' },
    save: { type: 'string', default: path.join(tmpdir(), 'share-safely-fuzz-failures') },
  },
});

const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const only = values.case?.split(',').map(Number);

function describe(x: Outcome): string {
  return `case ${x.index} (${x.seed}; ${x.ops.join(' | ')}; faces ${x.faces}): ${x.problem}`;
}

const summary = await runFuzz({
  cases: Number(values.cases),
  seed,
  only,
  corpus: !values['no-corpus'],
  chunk: Number(values.chunk),
  jobs: Number(values.jobs),
  timeoutS: Number(values.timeout),
  facesEvery: Number(values['faces-every']),
  log: (line) => process.stderr.write(`${line}\n`),
});

const o = summary.outcomes;
const slowest = [...o]
  .filter((x) => x.ms !== undefined)
  .sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0))
  .slice(0, 3);
console.log(
  `\nseed ${seed}: ${o.length} cases in ${(summary.elapsedMs / 1000).toFixed(0)} s from ${summary.seeds} real files ` +
    `(${summary.corpus ? 'fixtures + ../shared/corpus/metadata' : 'project fixtures only'}); ` +
    `${o.filter((x) => x.faces === 'all').length} with the face detector; exiftool ${summary.exiftool ? 'checked every copy' : 'NOT installed: copies checked by verifyFile only'}`,
);
console.log(
  `outcomes: ${Object.entries(summary.byCode)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
console.log(`slowest per file: ${slowest.map((x) => `case ${x.index} ${x.ms} ms`).join(', ')}`);
if (!summary.failures.length) {
  console.log('no failure');
} else {
  const dir = path.resolve(values.save);
  mkdirSync(dir, { recursive: true });
  console.log(`${summary.failures.length} FAILURE(S) — damaged files saved in ${dir}:`);
  for (const x of summary.failures) {
    console.log(`  ${describe(x)}`);
    if (x.input) writeFileSync(path.join(dir, `seed-${seed}-${x.file}`), x.input);
    writeFileSync(
      path.join(dir, `seed-${seed}-${x.file}.txt`),
      `${describe(x)}\nreplay: npm run fuzz -- --seed ${seed} --case ${x.index}\n`,
    );
  }
  console.log(`replay one: npm run fuzz -- --seed ${seed} --case ${summary.failures[0].index}`);
  process.exitCode = 1;
}
