// share-safely PATH... : safe copies of every photo named, with a line per photo and a summary.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { collectPhotos, isVideoFile, runBatch, isSafeError, type Options, type Result } from '../src/index.js';
import type { Words } from '../src/contract/index.js';
import { EXIT_OK, EXIT_SOME_FAILED } from './exit.js';
import { createProgress } from './progress.js';
import { shown } from './shown.js';
import { noteCollected } from './collected.js';
import { resultJson, resultLine, summarize, summaryLine } from './report.js';
import { meantCommand, usage } from './usage.js';
import { FlagError, optionsFromFlags, type SafeFlags } from './flags.js';
import { makeVideos, videoLine } from './video.js';

export async function makeSafe(paths: string[], flags: SafeFlags, w: Words): Promise<number> {
  if (!paths.length) return usage(w.t('cli.usage.namePhotos'), w);
  // `share-safely verfy x.jpg` is a mistyped command, not a photo called "verfy" that is missing.
  const meant = existsSync(paths[0]) ? undefined : meantCommand(paths[0]);
  if (meant)
    return usage(`${w.t('cli.usage.noSuchPhoto', { name: shown(paths[0]) })} ${w.t('cli.usage.didYouMean', { command: meant })}`, w);
  let options: Options;
  try {
    options = optionsFromFlags(flags, w);
  } catch (e) {
    if (e instanceof FlagError) return usage(e.message, w);
    // Only the hidden --seed is left for the engine to refuse (its sentence, in English).
    if (isSafeError(e)) return usage(e.message, w);
    throw e;
  }
  const collected = await collectPhotos(paths, { recursive: Boolean(flags.recursive), outDir: options.outDir, videos: true });
  noteCollected(collected, w, flags.quiet);
  const all = collected.items.map((p, i) => ({ ...p, index: i + 1 }));
  if (!all.length) return collected.problems.length ? EXIT_SOME_FAILED : EXIT_OK;
  // Clips go their own way (by content, not name): frames through the engine one clip at a time.
  const isClip = await Promise.all(all.map((p) => isVideoFile(p.input)));
  const items = all.filter((_, i) => !isClip[i]);
  const clips = all.filter((_, i) => isClip[i]);

  const human = !flags.json;
  const progress = createProgress(items.length);
  const results: Result[] = items.length
    ? await runBatch(items, options, (r) => {
        if (human && r.status === 'failed') {
          progress.done();
          process.stderr.write(`${resultLine(r, w)}\n`);
        } else if (human && !flags.quiet) {
          progress.line(resultLine(r, w));
        }
        progress.tick(shown(path.basename(r.input)));
      })
    : [];
  progress.done();
  const videos = await makeVideos(clips, options, w, (o) => {
    if (human && !o.ok) process.stderr.write(`${videoLine(o, w)}\n`);
    else if (human && !flags.quiet) process.stdout.write(`${videoLine(o, w)}\n`);
  });
  const videosFailed = videos.filter((v) => !v.ok).length;
  if (!items.length) {
    if (flags.json)
      process.stdout.write(`${JSON.stringify({ videos, problems: collected.problems, skipped: collected.skipped }, null, 2)}\n`);
    return videosFailed || collected.problems.length ? EXIT_SOME_FAILED : EXIT_OK;
  }

  const summary = summarize(results, collected.problems.length);
  if (flags.json) {
    const report = {
      summary,
      files: results.map(resultJson),
      videos,
      problems: collected.problems,
      skipped: collected.skipped,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`${summaryLine(summary, w)}\n`);
  } else {
    process.stdout.write(`${summaryLine(summary, w)}\n`);
  }
  return summary.failed || videosFailed ? EXIT_SOME_FAILED : EXIT_OK;
}
