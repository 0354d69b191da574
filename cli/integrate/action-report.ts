// What the right-click action tells the user: one notification, and the log behind it. Pure
// functions of the engine's results, in the words of the CLI's summary (one signal, one meaning).
import path from 'node:path';
import type { Result, Skipped } from '../../src/index.js';
import {
  checkReasons,
  errorText,
  outcomeOf,
  skippedText,
  warningShort,
  type ErrorView,
  type WarningCode,
  type Words,
} from '../../src/contract/index.js';
import { skippedNames } from '../collected.js';
import { summarize, summaryLine } from '../report.js';
import { shown } from '../shown.js';

export interface Problem {
  path: string;
  error: ErrorView;
}

export interface GroupOutcome {
  /** The folder the photos were in (or the folder selected). */
  dir: string;
  results: Result[];
  problems: Problem[];
  /** Selected or walked files that are not photos. */
  skipped: Skipped[];
  skippedFolders: number;
}

export interface Notice {
  title: string;
  body: string;
  /** Something failed: the notification should stay until seen. */
  critical: boolean;
}

/** At most this many photos to check are named in a notification; the rest are counted. */
const maxNamed = 3;

/** "To check: beach.jpg, park.jpg, zoo.jpg and 17 more (no face found, very small faces)": which photos to open, and why. */
function toCheckText(results: readonly Result[], w: Words): string | undefined {
  const flagged = results.filter((r) => r.status === 'done' && outcomeOf(r) === 'check');
  if (!flagged.length) return undefined;
  const names = flagged.slice(0, maxNamed).map((r) => shown(path.basename(r.output ?? r.input)));
  if (flagged.length > maxNamed) names.push(w.plural('notice.more', flagged.length - maxNamed));
  const reasons = new Set<WarningCode>(flagged.flatMap((r) => checkReasons(r)));
  return w.t('notice.toCheck', { names: w.list(names), reasons: [...reasons].map((c) => w.t(warningShort[c])).join(', ') });
}

/** "3 photos: 1 safe, 1 to check before sharing, 1 failed — 5 faces covered, GPS removed from 2. To check: …": the CLI's summary. */
export function noticeFor(groups: GroupOutcome[], logPath: string, w: Words): Notice {
  const results = groups.flatMap((g) => g.results);
  const problems = groups.reduce((n, g) => n + g.problems.length, 0);
  const summary = summarize(results, problems);
  const sentences: string[] = [];
  if (summary.photos) sentences.push(summaryLine(summary, w));
  const toCheck = toCheckText(results, w);
  if (toCheck) sentences.push(toCheck);
  const skipped = skippedText(skippedNames({ skipped: groups.flatMap((g) => g.skipped) }), w);
  if (skipped) sentences.push(skipped);
  const subfolders = groups.reduce((n, g) => n + g.skippedFolders, 0);
  if (subfolders) sentences.push(w.plural('notice.subfolders', subfolders));
  if (summary.failed) sentences.push(w.t('notice.details', { log: logPath }));
  if (!summary.photos && !skipped) sentences.push(w.t('notice.nothing'));
  return { title: w.t('app.title'), body: sentences.join('. ').replace(/\.*$/, '.'), critical: summary.failed > 0 };
}

/**
 * The log of one run: what the notification said, and the path and reason of each photo that failed
 * (a path is needed to act on a failure; nothing else is kept, and the next run replaces it).
 */
export function logEntry(when: Date, groups: GroupOutcome[], notice: Notice, w: Words): string {
  const lines = [`== ${when.toISOString()} share-safely action ==`, notice.body];
  for (const g of groups) {
    const failures = [
      ...g.results.filter((r) => outcomeOf(r) === 'failed').map((r) => ({ path: r.input, error: r.error! })),
      ...g.problems,
    ];
    // One language per line: the parent reads this log (the reason's code decides the words).
    for (const f of failures) lines.push(`✗ ${w.t('cli.line', { name: path.resolve(g.dir, f.path), text: errorText(f.error, w) })}`);
  }
  return `${lines.join('\n')}\n`;
}
