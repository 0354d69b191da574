// What the right-click action tells the user: one notification sentence, and the log lines behind
// it. Pure functions of the engine's results.
import type { Result } from '../../src/index.js';
import { facesCovered, resultLine } from '../report.js';

export interface Problem {
  path: string;
  message: string;
}

export interface GroupOutcome {
  /** The folder the photos were in (or the folder selected). */
  dir: string;
  results: Result[];
  problems: Problem[];
  skippedFolders: number;
}

export interface Notice {
  title: string;
  body: string;
  /** Something failed: the notification should stay until seen. */
  critical: boolean;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const hasWarning = (r: Result, code: string) => r.status === 'done' && r.warnings.some((w) => w.code === code);

/** "3 photos ready, 5 faces covered; 1 photo had no face — check it". */
export function noticeFor(groups: GroupOutcome[], logPath: string): Notice {
  const results = groups.flatMap((g) => g.results);
  const done = results.filter((r) => r.status === 'done');
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const failed = results.filter((r) => r.status === 'failed').length + groups.reduce((n, g) => n + g.problems.length, 0);
  const noFace = results.filter((r) => hasWarning(r, 'no-face')).length;
  const uncovered = results.filter((r) => hasWarning(r, 'face-left-uncovered')).length;
  const subfolders = groups.reduce((n, g) => n + g.skippedFolders, 0);

  const head: string[] = [];
  if (done.length) {
    const faces = done.reduce((n, r) => n + facesCovered(r), 0);
    head.push(count(done.length, 'photo ready', 'photos ready'), faces ? `${count(faces, 'face')} covered` : 'no face covered');
  }
  if (skipped) head.push(`${count(skipped, 'photo')} already had a safe copy`);
  const notes: string[] = [];
  if (noFace) notes.push(`${count(noFace, 'photo')} had no face — check ${noFace === 1 ? 'it' : 'them'}`);
  if (uncovered) notes.push(`${count(uncovered, 'photo')} ${uncovered === 1 ? 'has' : 'have'} faces left uncovered — check ${uncovered === 1 ? 'it' : 'them'}`);
  if (subfolders) notes.push(`${count(subfolders, 'subfolder')} not included — select ${subfolders === 1 ? 'it' : 'them'} to include ${subfolders === 1 ? 'it' : 'them'}`);
  if (failed) notes.push(`${count(failed, 'photo')} could not be made safe — details in ${logPath}`);
  if (!head.length && !failed) head.push('No photos in the selection');

  const body = [head.join(', '), ...notes].filter(Boolean).join('; ');
  return { title: 'Share Safely', body, critical: failed > 0 };
}

/** The log entry for one run: every photo's line (as the CLI prints it), problems, and the notice. */
export function logEntry(when: Date, groups: GroupOutcome[], notice: Notice): string {
  const lines = [`== ${when.toISOString()} share-safely action ==`];
  for (const g of groups) {
    lines.push(`in ${g.dir}:`);
    for (const r of g.results) lines.push(...resultLine(r, g.dir).split('\n').map((l) => `  ${l}`));
    for (const p of g.problems) lines.push(`  ✗ ${p.path}: ${p.message}`);
  }
  lines.push(`→ ${notice.body}`, '');
  return `${lines.join('\n')}\n`;
}
