// One measured run per contender over the same files: the floor, the pipeline (default or
// metadata-only), exiftool and mat2. Each runs as its own process tree, timed from spawn to exit.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputFile } from './inputs.js';
import { median, quantile, run, type Measured } from './measure.js';
import { has } from './tools.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const cliPath = path.join(repoRoot, 'dist', 'cli', 'main.js');

export interface RunStats {
  photos: number;
  ok: number;
  wallS: number;
  photosPerS: number;
  /** Per photo, as the tool reports it (null for tools that work on the whole batch at once). */
  msMedian: number | null;
  msP95: number | null;
  peakRssMb: number;
  /** CPU seconds per photo over the whole run (all threads and child processes): steadier than wall time on a busy machine. */
  cpuSPerPhoto: number;
  /** ms from spawn until the first photo's result was reported (null where the tool reports none). */
  firstResultMs: number | null;
}

export interface Skipped {
  skipped: string;
}

export interface PipelineRun extends RunStats {
  /** Median ms per stage over the photos. */
  stages: Record<string, number>;
  /** Faces placed in the inputs, and how many of them lie ≥ 80 % inside a covered region. */
  facesPlaced: number;
  facesCovered: number;
  failures: string[];
}

interface PhotoResult {
  input: string;
  status: string;
  ms: number;
  regions: { shape: 'ellipse' | 'rect'; x: number; y: number; width: number; height: number }[];
  timings?: Record<string, number>;
  error?: { message: string };
}

function stats(m: Measured, photos: number, ok: number, perPhotoMs: number[]): RunStats {
  const first = m.lines.find((l) => l.text.startsWith('{'));
  return {
    photos,
    ok,
    wallS: m.wallMs / 1000,
    photosPerS: ok / (m.wallMs / 1000),
    msMedian: perPhotoMs.length ? median(perPhotoMs) : null,
    msP95: perPhotoMs.length ? quantile(perPhotoMs, 0.95) : null,
    peakRssMb: m.peakRssMb,
    cpuSPerPhoto: m.cpuS / photos,
    firstResultMs: first ? first.t : null,
  };
}

function fail(what: string, m: Measured): never {
  throw new Error(`${what} exited with ${m.code}: ${m.stderr.slice(-2000)}`);
}

function outDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'share-safely-bench-out-'));
}

export async function floor(files: InputFile[], jobs: number, quality: number): Promise<RunStats> {
  const out = outDir();
  try {
    const m = await run(
      process.execPath,
      [path.join(here, 'floor.mjs'), JSON.stringify({ files: files.map((f) => f.path), outDir: out, quality, jobs })],
      { cwd: repoRoot },
    );
    if (m.code !== 0) fail('the floor', m);
    const rows = m.lines.filter((l) => l.text.startsWith('{')).map((l) => JSON.parse(l.text) as { ms: number });
    return stats(
      m,
      files.length,
      rows.length,
      rows.map((r) => r.ms),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The engine's worker pool over `files`, through the compiled engine (dist/), as the CLI runs it. */
export async function pipeline(files: InputFile[], options: Record<string, unknown>): Promise<PipelineRun> {
  const out = outDir();
  try {
    const args = { mode: 'batch', files: files.map((f) => f.path), options: { ...options, outDir: out } };
    const m = await run(process.execPath, [path.join(here, 'drive.mjs'), JSON.stringify(args)], { cwd: repoRoot });
    if (m.code !== 0) fail('the pipeline', m);
    const results = m.lines.filter((l) => l.text.startsWith('{')).map((l) => JSON.parse(l.text) as PhotoResult);
    const done = results.filter((r) => r.status === 'done');
    const stageNames = [...new Set(done.flatMap((r) => Object.keys(r.timings ?? {})))];
    const stages = Object.fromEntries(stageNames.map((s) => [s, median(done.map((r) => r.timings?.[s] ?? 0))]));
    const byPath = new Map(files.map((f) => [f.path, f]));
    let placed = 0;
    let covered = 0;
    for (const r of done) {
      const faces = byPath.get(r.input)?.faces ?? [];
      placed += faces.length;
      covered += faces.filter((f) => coveredFraction(f, r.regions) >= 0.8).length;
    }
    return {
      ...stats(
        m,
        files.length,
        done.length,
        done.map((r) => r.ms),
      ),
      stages,
      facesPlaced: options.faces === 'none' ? 0 : placed,
      facesCovered: options.faces === 'none' ? 0 : covered,
      failures: results.filter((r) => r.status !== 'done').map((r) => `${path.basename(r.input)}: ${r.error?.message ?? r.status}`),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Share of box [x, y, w, h] inside the union of the covers (sampled on a 32×32 grid; an ellipse is the one inscribed in its box). */
function coveredFraction(box: number[], regions: PhotoResult['regions']): number {
  const [x, y, w, h] = box as [number, number, number, number];
  let inside = 0;
  for (let i = 0; i < 32; i++) {
    for (let j = 0; j < 32; j++) {
      const px = x + ((i + 0.5) * w) / 32;
      const py = y + ((j + 0.5) * h) / 32;
      if (regions.some((r) => holds(r, px, py))) inside++;
    }
  }
  return inside / 1024;
}

/** `exiftool -all= -o OUTDIR FILES`, one batch: metadata stripped, pixels untouched. */
export async function exiftool(files: InputFile[]): Promise<RunStats | Skipped> {
  if (!has('exiftool')) return { skipped: 'exiftool not installed (apt-get install libimage-exiftool-perl)' };
  const out = outDir();
  try {
    const m = await run('exiftool', ['-q', '-q', '-all=', '-o', `${out}/`, ...files.map((f) => f.path)]);
    if (m.code !== 0) fail('exiftool', m);
    return stats(m, files.length, files.length, []);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** mat2 on copies (it writes NAME.cleaned.EXT beside each file); the copying is not timed. */
export async function mat2(files: InputFile[]): Promise<RunStats | Skipped> {
  if (!has('mat2')) return { skipped: 'mat2 not installed (apt-get install mat2)' };
  const work = outDir();
  try {
    const copies = files.map((f, i) => {
      const to = path.join(work, `${i}-${path.basename(f.path)}`);
      cpSync(f.path, to);
      return to;
    });
    const m = await run('mat2', copies);
    if (m.code !== 0) fail('mat2', m);
    return stats(m, files.length, files.length, []);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Detector start-up in a fresh process: importing it, loading the nets, the first (tiny) inference. */
export async function modelLoad(): Promise<{ importMs: number; loadMs: number; warmMs: number }> {
  const m = await run(process.execPath, [path.join(here, 'drive.mjs'), JSON.stringify({ mode: 'load' })], { cwd: repoRoot });
  if (m.code !== 0) fail('the model load', m);
  return JSON.parse(m.lines.find((l) => l.text.startsWith('{'))!.text);
}

/** `share-safely --help`, spawn to exit. */
export async function helpMs(): Promise<number> {
  const m = await run(process.execPath, [cliPath, '--help']);
  if (m.code !== 0) fail('share-safely --help', m);
  return m.wallMs;
}

/** The real CLI on one photo, spawn to exit: what a right-click on one file costs. */
export async function cliOnePhotoMs(file: InputFile): Promise<number> {
  const out = outDir();
  try {
    const m = await run(process.execPath, [cliPath, '-q', '--out', out, file.path]);
    if (m.code !== 0) fail('share-safely on one photo', m);
    return m.wallMs;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function holds(r: PhotoResult['regions'][number], px: number, py: number): boolean {
  if (r.shape === 'ellipse')
    return ((px - r.x - r.width / 2) / (r.width / 2)) ** 2 + ((py - r.y - r.height / 2) / (r.height / 2)) ** 2 <= 1;
  return px >= r.x && px < r.x + r.width && py >= r.y && py < r.y + r.height;
}
