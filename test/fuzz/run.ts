// Runs fuzz cases through the real batch CLI (dist/cli/main.js --json, worker pool, per-file time limit)
// and judges each one: a copy that verifies clean (the project's verifyFile and exiftool), or a refusal
// with a reason (a SafeError code other than 'internal' or 'timeout'). Anything else is a failure: a
// crash, a hang, an unhandled rejection or stray output, a temp file left behind, a changed original.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Engine from '../../src/index.js';
import { cliPath, repoRoot } from '../helpers/cli.js';
import { hasExiftool, leakedTagsOfEach } from '../helpers/exiftool.js';
import { buildCase, type FuzzCase } from './cases.js';
import { loadSeeds } from './seeds.js';

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** Replay only these case numbers (of `seed`). */
  only?: number[];
  corpus: boolean;
  /** Cases per CLI run. */
  chunk: number;
  jobs: number;
  /** The per-file time limit given to the CLI (--timeout), in seconds. */
  timeoutS: number;
  /** Every n-th case runs the face detector (0 = never). */
  facesEvery: number;
  log?: (line: string) => void;
}

export interface Outcome {
  index: number;
  seed: string;
  ops: string[];
  faces: 'all' | 'none';
  bytes: number;
  status: 'done' | 'refused' | 'failure';
  code?: string;
  message?: string;
  ms?: number;
  /** Why this case is a failure. */
  problem?: string;
  /** The damaged file, kept for failures so they can become regression fixtures. */
  input?: Buffer;
  file: string;
}

export interface FuzzSummary {
  seed: number;
  seeds: number;
  corpus: boolean;
  exiftool: boolean;
  outcomes: Outcome[];
  failures: Outcome[];
  byCode: Record<string, number>;
  elapsedMs: number;
}

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  hung: boolean;
}

function runCli(args: string[], limitMs: number): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, hung });
    });
  });
}

interface ReportFile {
  input: string;
  status: string;
  output: string | null;
  error: { code: string; message: string } | null;
  format: string | null;
  width: number | null;
  height: number | null;
  ms: number;
}

/** What is wrong with a CLI run as a whole, or undefined with its per-file report. */
function chunkProblem(run: CliRun, n: number, limitS: number): { problem?: string; files?: ReportFile[] } {
  if (run.hung) return { problem: `the CLI did not finish within ${limitS} s (a hang)` };
  if (run.signal) return { problem: `the CLI was killed by ${run.signal}` };
  if (run.code !== 0 && run.code !== 1) return { problem: `the CLI exited with code ${run.code}: ${run.stderr.slice(0, 400)}` };
  // With --json the CLI prints one summary line on stderr and nothing else.
  const extra = run.stderr
    .split('\n')
    .filter((l) => l.trim() && !/^\d+ photos?: \d+ (safe|to check before sharing|failed|already done)/.test(l));
  if (extra.length) return { problem: `unexpected output on stderr: ${extra.join(' / ').slice(0, 400)}` };
  try {
    const files = (JSON.parse(run.stdout) as { files: ReportFile[] }).files;
    if (files.length !== n) return { problem: `the report lists ${files.length} of ${n} files` };
    return { files };
  } catch {
    return { problem: `no JSON report on stdout: ${run.stdout.slice(0, 200)}` };
  }
}

async function judgeFile(
  c: FuzzCase,
  f: ReportFile | undefined,
  dir: string,
  engine: typeof Engine,
  leaks: Map<string, string[]>,
): Promise<Outcome> {
  const o: Outcome = {
    index: c.index,
    seed: c.seed.name,
    ops: c.ops,
    faces: c.faces,
    bytes: c.bytes.length,
    status: 'failure',
    file: c.file,
  };
  const fail = (problem: string) => Object.assign(o, { status: 'failure', problem, input: c.bytes });
  if (!f) return fail('missing from the report');
  Object.assign(o, { ms: f.ms, code: f.error?.code, message: f.error?.message });
  if (!readFileSync(path.join(dir, c.file)).equals(c.bytes)) return fail('the original changed');
  if (f.status === 'failed') {
    if (!f.error || f.error.code === 'internal') return fail(`not a clear refusal: ${f.error?.message ?? 'no reason'}`);
    if (f.error.code === 'timeout') return fail(`a hang: ${f.error.message}`);
    if (f.error.message.length < 10) return fail(`refused without a sentence: "${f.error.message}"`);
    o.status = 'refused';
    return o;
  }
  if (f.status !== 'done' || !f.output) return fail(`unexpected status ${f.status}`);
  if (path.dirname(f.output) !== dir) return fail(`output written outside the folder: ${f.output}`);
  const report = await engine.verifyFile(f.output, {
    format: f.format as Engine.ImageFormat,
    width: f.width ?? undefined,
    height: f.height ?? undefined,
  });
  if (!report.clean) return fail(`output does not verify: ${report.problems.map((p) => p.message).join('; ')}`);
  const leaked = leaks.get(f.output);
  if (leaked?.length) return fail(`exiftool finds in the output: ${leaked.join(', ')}`);
  o.status = 'done';
  return o;
}

/** Runs cases in one CLI batch; a batch that misbehaves as a whole is re-run a case at a time to find the culprit. */
async function runChunk(cases: FuzzCase[], root: string, o: FuzzOptions, engine: typeof Engine): Promise<Outcome[]> {
  const dir = mkdtempSync(path.join(root, 'chunk-'));
  for (const c of cases) writeFileSync(path.join(dir, c.file), c.bytes);
  const limitS = Math.ceil(cases.length / o.jobs + 1) * o.timeoutS + 60;
  const args = [
    '--json',
    '--faces',
    cases[0].faces,
    '--timeout',
    String(o.timeoutS),
    '-j',
    String(o.jobs),
    '--',
    ...cases.map((c) => path.join(dir, c.file)),
  ];
  const run = await runCli(args, limitS * 1000);
  let { problem, files } = chunkProblem(run, cases.length, limitS);
  if (files) {
    const outputs = files.filter((f) => f.status === 'done' && f.output).map((f) => f.output!);
    const expected = new Set([...cases.map((c) => c.file), ...outputs.map((p) => path.basename(p))]);
    const stray = readdirSync(dir).filter((n) => !expected.has(n));
    if (stray.length) problem = `files left behind: ${stray.join(', ')}`;
    else {
      const leaks = hasExiftool ? leakedTagsOfEach(outputs.filter((p) => existsSync(p))) : new Map<string, string[]>();
      const outcomes = await Promise.all(
        cases.map((c) =>
          judgeFile(
            c,
            files!.find((f) => f.input === path.join(dir, c.file)),
            dir,
            engine,
            leaks,
          ),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
      return outcomes;
    }
  }
  if (cases.length === 1) {
    const c = cases[0];
    return [
      {
        index: c.index,
        seed: c.seed.name,
        ops: c.ops,
        faces: c.faces,
        bytes: c.bytes.length,
        status: 'failure',
        problem,
        input: c.bytes,
        file: c.file,
      },
    ];
  }
  o.log?.(`  a batch misbehaved (${problem}); re-running its ${cases.length} cases one at a time`);
  const singles: Outcome[] = [];
  for (const c of cases) singles.push(...(await runChunk([c], root, o, engine)));
  if (!singles.some((s) => s.status === 'failure')) {
    // Each case is fine alone: the batch itself is at fault, which is a failure too.
    for (const s of singles) Object.assign(s, { status: 'failure', problem: `only in a batch: ${problem}` });
  }
  return singles;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const engine = (await import(path.join(repoRoot, 'dist', 'src', 'index.js'))) as typeof Engine;
  const { seeds, corpus } = loadSeeds(o.corpus);
  const indices = o.only ?? Array.from({ length: o.cases }, (_, i) => i);
  const root = mkdtempSync(path.join(tmpdir(), 'share-safely-fuzz-'));
  mkdirSync(root, { recursive: true });
  const outcomes: Outcome[] = [];
  try {
    for (const faces of ['none', 'all'] as const) {
      const cases = indices.map((i) => buildCase(o.seed, i, seeds, o.facesEvery)).filter((c) => c.faces === faces);
      for (let k = 0; k < cases.length; k += o.chunk) {
        const chunk = cases.slice(k, k + o.chunk);
        outcomes.push(...(await runChunk(chunk, root, o, engine)));
        const failed = outcomes.filter((x) => x.status === 'failure').length;
        o.log?.(
          `faces ${faces}: ${Math.min(k + o.chunk, cases.length)}/${cases.length} cases, ${failed} failure(s) so far, ${Math.round((Date.now() - started) / 1000)} s`,
        );
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  outcomes.sort((a, b) => a.index - b.index);
  const byCode: Record<string, number> = {};
  for (const x of outcomes) {
    const key = x.status === 'refused' ? `refused:${x.code}` : x.status;
    byCode[key] = (byCode[key] ?? 0) + 1;
  }
  return {
    seed: o.seed,
    seeds: seeds.length,
    corpus,
    exiftool: hasExiftool,
    outcomes,
    failures: outcomes.filter((x) => x.status === 'failure'),
    byCode,
    elapsedMs: Date.now() - started,
  };
}
