// What the right-click action tells the user: one notification, and the log behind it. Pure
// functions of the engine's results, in the words of the CLI's summary (one signal, one meaning).
import path from 'node:path';
import type { Result, Skipped } from '../../src/index.js';
import {
  checkReasons,
  errorText,
  outcomeOf,
  skippedText,
  tally,
  tallyText,
  warningShort,
  type ErrorView,
  type WarningCode,
  type Words,
} from '../../src/contract/index.js';
import { skippedNames } from '../collected.js';
import { facesCovered } from '../report.js';

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

/** "3 photos: 1 safe, 1 to check before sharing, 1 failed — 5 faces covered. To check: no face found. …" */
export function noticeFor(groups: GroupOutcome[], logPath: string, w: Words): Notice {
  const results = groups.flatMap((g) => g.results);
  const problems = groups.reduce((n, g) => n + g.problems.length, 0);
  const t = tally(results, problems);
  const sentences: string[] = [];
  if (t.photos) {
    const faces = results.reduce((n, r) => n + facesCovered(r), 0);
    sentences.push(t.safe + t.toCheck ? `${tallyText(t, w)} — ${w.plural('summary.facesCovered', faces)}` : tallyText(t, w));
  }
  const reasons = new Map<WarningCode, number>();
  for (const r of results) for (const c of checkReasons(r)) reasons.set(c, (reasons.get(c) ?? 0) + 1);
  if (reasons.size) sentences.push(w.t('notice.toCheck', { list: [...reasons.keys()].map((c) => w.t(warningShort[c])).join(', ') }));
  const skipped = skippedText(skippedNames({ skipped: groups.flatMap((g) => g.skipped) }), w);
  if (skipped) sentences.push(skipped);
  const subfolders = groups.reduce((n, g) => n + g.skippedFolders, 0);
  if (subfolders) sentences.push(w.plural('notice.subfolders', subfolders));
  if (t.failed) sentences.push(w.t('notice.details', { log: logPath }));
  if (!t.photos && !skipped) sentences.push(w.t('notice.nothing'));
  return { title: w.t('app.title'), body: sentences.join('. ').replace(/\.*$/, '.'), critical: t.failed > 0 };
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
    // The engine's own English sentence follows a translation: it is the precise one.
    for (const f of failures)
      lines.push(`✗ ${path.resolve(g.dir, f.path)}: ${errorText(f.error, w)}${w.lang === 'en' ? '' : ` (${f.error.message})`}`);
  }
  return `${lines.join('\n')}\n`;
}
