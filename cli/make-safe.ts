// share-safely PATH... : safe copies of every photo named, with a line per photo and a summary.
import { collectPhotos, resolveOptions, runBatch, isSafeError, type Options, type Result } from '../src/index.js';
import { EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE } from './exit.js';
import { createProgress } from './progress.js';
import { shown } from './shown.js';
import { noteCollected } from './collected.js';
import { resultJson, resultLine, summarize, summaryLine } from './report.js';
import path from 'node:path';

export interface SafeFlags {
  recursive?: boolean;
  out?: string;
  rename?: boolean;
  faces: Options['faces'];
  style: Options['style'];
  color: string;
  format: Options['format'];
  quality: string;
  maxSize?: string;
  jobs?: string;
  skipExisting?: boolean;
  maxPixels: string;
  maxFileSize: string;
  timeout: string;
  json?: boolean;
  quiet?: boolean;
  seed?: string;
}

function num(v: string | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

/** Flags → the engine's one options type (which checks every value and says what is wrong). */
function optionsFromFlags(f: SafeFlags): Options {
  return resolveOptions({
    faces: f.faces,
    style: f.style,
    color: f.color,
    format: f.format,
    quality: num(f.quality),
    maxSize: num(f.maxSize) ?? 0,
    outDir: f.out ? path.resolve(f.out) : undefined,
    rename: Boolean(f.rename),
    skipExisting: Boolean(f.skipExisting),
    jobs: num(f.jobs),
    maxPixels: f.maxPixels === undefined ? undefined : Math.round(Number(f.maxPixels) * 1e6),
    maxFileBytes: f.maxFileSize === undefined ? undefined : Math.round(Number(f.maxFileSize) * 1024 * 1024),
    timeoutMs: f.timeout === undefined ? undefined : Math.round(Number(f.timeout) * 1000),
    seed: num(f.seed),
  });
}

function usage(message: string): number {
  process.stderr.write(`share-safely: ${message}\n(run share-safely --help for usage)\n`);
  return EXIT_USAGE;
}

export async function makeSafe(paths: string[], flags: SafeFlags): Promise<number> {
  if (!paths.length) return usage('name at least one photo or folder');
  let options: Options;
  try {
    options = optionsFromFlags(flags);
  } catch (e) {
    if (isSafeError(e)) return usage(e.message);
    throw e;
  }
  const collected = await collectPhotos(paths, { recursive: Boolean(flags.recursive), outDir: options.outDir });
  for (const p of collected.problems) process.stderr.write(`✗ ${shown(p.path)}: ${shown(p.message)}\n`);
  noteCollected(collected, flags.quiet);
  const items = collected.items.map((p, i) => ({ ...p, index: i + 1 }));
  if (!items.length) return collected.problems.length ? EXIT_SOME_FAILED : EXIT_OK;

  const human = !flags.json;
  const progress = createProgress(items.length);
  const results: Result[] = await runBatch(items, options, (r) => {
    if (human && r.status === 'failed') {
      progress.done();
      process.stderr.write(`${resultLine(r)}\n`);
    } else if (human && !flags.quiet) {
      progress.line(resultLine(r));
    }
    progress.tick(shown(path.basename(r.input)));
  });
  progress.done();

  const summary = summarize(results);
  if (flags.json) {
    const report = {
      summary,
      files: results.map(resultJson),
      problems: collected.problems,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`${summaryLine(summary)}\n`);
  } else {
    process.stdout.write(`${summaryLine(summary)}\n`);
  }
  return summary.failed || collected.problems.length ? EXIT_SOME_FAILED : EXIT_OK;
}
