// `npm run bench`: the pipeline against the floor (one re-encode) and the peers, on a generated set
// of 12 MP photos with real faces. Prints a table and writes bench-results.json.
//   npm run bench                    the full set (24 photos per format), peers included
//   npm run bench -- --smoke         three small photos, no peers (what CI runs, untimed)
//   npm run bench -- --batch 500     also a 500-photo batch (the set repeated) for peak memory
//   npm run bench -- --formats jpeg  only these input formats (comma-separated; JPEG is always run)
//   npm run bench -- --out FILE      where the JSON goes (default: bench-results.json)
//   npm run bench -- --prepare       only generate (or find cached) the inputs
import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fullSpec, makeInputs, smokeSpec, type Format, type InputFile } from './inputs.js';
import { median } from './measure.js';
import { printTable, ratiosOf, targetsOf } from './report.js';
import * as runs from './runs.js';
import type { PipelineRun, RunStats, Skipped } from './runs.js';

export interface FormatRuns {
  floor: RunStats;
  default: PipelineRun;
  metadataOnly: PipelineRun;
  exiftool: RunStats | Skipped;
  mat2: RunStats | Skipped;
}

export interface BenchResults {
  mode: 'full' | 'smoke';
  /** loadavg: the 1-minute load when the bench started; figures from a busy machine read slow. */
  machine: { cpus: number; node: string; platform: string; date: string; loadavg: number };
  settings: { jobs: number; quality: number; photoSize: string };
  inputs: { dir: string; counts: Record<string, number>; notes: string[] };
  startup: { helpMs: number; modelImportMs: number; modelLoadMs: number; modelWarmMs: number; cliOnePhotoMs: number };
  formats: Partial<Record<Format, FormatRuns>>;
  batch: PipelineRun | Skipped;
  ratios: ReturnType<typeof ratiosOf>;
  targets: ReturnType<typeof targetsOf>;
}

export interface BenchArgs {
  smoke: boolean;
  batch: number;
  /** Input formats to run (default: all); JPEG always runs, the targets are set on it. */
  formats?: Format[];
  out: string;
  quiet?: boolean;
}

const notRun = (why: string): Skipped => ({ skipped: why });

async function repeat<T>(n: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

/** `n` photos made of the JPEG set repeated (hard links, so no extra disk), for the memory test. */
function repeated(files: InputFile[], n: number): { files: InputFile[]; dir: string } {
  const dir = path.join(tmpdir(), 'share-safely-bench', `batch-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const list = Array.from({ length: n }, (_, i) => {
    const f = files[i % files.length]!;
    const to = path.join(dir, `${String(i).padStart(4, '0')}-${path.basename(f.path)}`);
    linkSync(f.path, to);
    return { ...f, path: to };
  });
  return { files: list, dir };
}

export async function runBench(args: BenchArgs): Promise<BenchResults> {
  const log = (s: string) => args.quiet || process.stderr.write(`${s}\n`);
  const startLoad = Math.round(os.loadavg()[0]! * 100) / 100;
  const spec = args.smoke ? smokeSpec : fullSpec;
  log(`bench: preparing ${spec.count} photos per format (cached after the first run)…`);
  const set = await makeInputs(spec);
  const jobs = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const quality = 92;
  const counts: Record<string, number> = {};
  for (const f of set.files) counts[f.format] = (counts[f.format] ?? 0) + 1;

  log('bench: start-up (--help, model load, one photo through the CLI)…');
  const tries = args.smoke ? 1 : 5;
  const help = median(await repeat(tries, runs.helpMs));
  const loads = await repeat(args.smoke ? 1 : 3, runs.modelLoad);
  const jpegs = set.files.filter((f) => f.format === 'jpeg');
  const cliOne = await runs.cliOnePhotoMs(jpegs[0]!);

  const formats: BenchResults['formats'] = {};
  for (const format of ['jpeg', 'png', 'heic'] as const) {
    const files = set.files.filter((f) => f.format === format);
    if (!files.length || (format !== 'jpeg' && args.formats && !args.formats.includes(format))) continue;
    log(`bench: ${format}: floor, default pipeline, metadata-only${format === 'jpeg' && !args.smoke ? ', exiftool, mat2' : ''}…`);
    const peers = format === 'jpeg' && !args.smoke;
    formats[format] = {
      floor: await runs.floor(files, jobs, quality),
      default: await runs.pipeline(files, { jobs, quality }),
      metadataOnly: await runs.pipeline(files, { jobs, quality, faces: 'none' }),
      exiftool: peers ? await runs.exiftool(files) : notRun(args.smoke ? 'smoke run' : 'peers run on JPEG only'),
      mat2: peers ? await runs.mat2(files) : notRun(args.smoke ? 'smoke run' : 'peers run on JPEG only'),
    };
  }

  let batch: PipelineRun | Skipped = notRun('add --batch 500 to measure memory over a long batch');
  if (args.batch > 0) {
    log(`bench: ${args.batch}-photo batch, default pipeline (peak memory)…`);
    const big = repeated(jpegs, args.batch);
    try {
      batch = await runs.pipeline(big.files, { jobs, quality });
    } finally {
      rmSync(big.dir, { recursive: true, force: true });
    }
  }

  const results: BenchResults = {
    mode: args.smoke ? 'smoke' : 'full',
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      date: new Date().toISOString(),
      loadavg: startLoad,
    },
    settings: { jobs, quality, photoSize: `${spec.long}×${Math.round((spec.long * 3) / 4)}` },
    inputs: { dir: set.dir, counts, notes: set.notes },
    startup: {
      helpMs: help,
      modelImportMs: median(loads.map((l) => l.importMs)),
      modelLoadMs: median(loads.map((l) => l.loadMs)),
      modelWarmMs: median(loads.map((l) => l.warmMs)),
      cliOnePhotoMs: cliOne,
    },
    formats,
    batch,
    ratios: ratiosOf(formats.jpeg!),
    targets: { met: {}, failed: [] },
  };
  results.targets = targetsOf(results);
  writeFileSync(args.out, `${JSON.stringify(results, null, 1)}\n`);
  if (!args.quiet) printTable(results);
  return results;
}

async function prepare(smoke: boolean): Promise<void> {
  const set = await makeInputs(smoke ? smokeSpec : fullSpec);
  process.stderr.write(`bench: ${set.files.length} inputs in ${set.dir}\n${set.notes.map((n) => `  note: ${n}\n`).join('')}`);
}

function parseArgs(argv: string[]): BenchArgs {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    smoke: argv.includes('--smoke'),
    batch: Number(value('--batch') ?? 0),
    formats: value('--formats')?.split(',') as Format[] | undefined,
    out: path.resolve(value('--out') ?? 'bench-results.json'),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  (argv.includes('--prepare') ? prepare(argv.includes('--smoke')) : runBench(parseArgs(argv))).catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
