// How results read in a terminal and in --json. Pure functions of the engine's results and the words.
import path from 'node:path';
import type { Rect, Result } from '../src/index.js';
import {
  checkReasons,
  errorText,
  outcomeOf,
  removedSummary,
  tally,
  tallyText,
  warningAsks,
  warningReader,
  warningText,
  type Outcome,
  type Tally,
  type Words,
} from '../src/contract/index.js';
import { shown } from './shown.js';

/** Faces covered in a written copy: one per cover (a face found, declared by the file or drawn by hand). */
function facesCovered(r: Result): number {
  return r.status === 'done' ? r.facesCovered : 0;
}

/**
 * Covers the re-check added: after covering, the detectors look again and cover a face still showing
 * (a face the first look missed). It is why a copy can cover more faces than `inspect` found.
 */
function coversAdded(r: Result): number {
  return r.status === 'done' ? Math.max(0, r.facesCovered - (r.faces - r.kept.length)) : 0;
}

/** The mark of each outcome, explained by the summary's words: ✓ safe, ! check it, ✗ failed. */
const marks: Record<Outcome, string> = { safe: '✓', check: '!', failed: '✗' };

/** One line per photo (what happened, where the copy went, what it no longer says), then what to look at. */
export function resultLine(r: Result, w: Words, cwd = process.cwd()): string {
  const name = shown(path.relative(cwd, r.input) || r.input);
  const out = shown(path.relative(cwd, r.output ?? '') || (r.output ?? ''));
  if (r.status === 'failed')
    return `${marks.failed} ${w.t('cli.line', { name, text: shown(errorText(r.error, w) || w.t('outcome.failed')) })}`;
  if (r.status === 'skipped') return `- ${w.t('cli.line', { name: `${name} → ${out}`, text: w.t('cli.skipped') })}`;
  const parts: string[] = [];
  const covered = facesCovered(r);
  const added = coversAdded(r);
  parts.push(covered ? w.plural('summary.facesCovered', covered) : w.t('cli.noFaceCovered'));
  if (added) parts.push(w.plural('cli.foundAgain', added));
  if (r.kept.length) parts.push(w.plural('cli.facesLeft', r.kept.length));
  const removed = removedSummary(r.removed, w);
  if (removed) parts.push(w.t('cli.removed', { list: removed }));
  const look = checkReasons(r).map((c) => `\n    ${marks.check} ${warningText(c, w)}`);
  // Technical notes (a cover enlarged, a doubtful detection covered) are for --json, not this line.
  const notes = [...new Set(r.warnings.map((x) => x.code))]
    .filter((c) => warningAsks[c] === 'note' && warningReader[c] === 'parent')
    .map((c) => `\n    · ${warningText(c, w)}`);
  return `${marks[outcomeOf(r)]} ${name} → ${out} (${parts.join(w.t('cli.partsSep'))})${look.join('')}${notes.join('')}`;
}

export interface Summary extends Tally {
  facesCovered: number;
  gpsRemoved: number;
}

/** What a batch adds up to; `problems` are paths that never became a photo to process (failed). */
export function summarize(results: Result[], problems = 0): Summary {
  const done = results.filter((r) => r.status === 'done');
  return {
    ...tally(results, problems),
    facesCovered: done.reduce((n, r) => n + facesCovered(r), 0),
    gpsRemoved: done.filter((r) => r.removed.some((f) => f.kind === 'location')).length,
  };
}

/** "6 photos: 2 safe, 3 to check before sharing, 1 failed — 22 faces covered, GPS removed from 5". */
export function summaryLine(s: Summary, w: Words): string {
  if (!s.safe && !s.toCheck) return tallyText(s, w);
  const faces = s.facesCovered ? w.plural('summary.facesCovered', s.facesCovered) : w.t('cli.noFaceCovered');
  // Said only when it happened: "GPS removed from 0" on every batch without GPS reads as a warning.
  const gps = s.gpsRemoved ? `, ${w.t('summary.gps', { n: w.number(s.gpsRemoved) })}` : '';
  return `${tallyText(s, w)} — ${faces}${gps}`;
}

const rect = (r: Rect) => [r.x, r.y, r.width, r.height];

/**
 * The --json form of one result. `regions` has one entry per cover, in the output's pixels:
 * {shape: "ellipse", x, y, width, height} is the ellipse inscribed in that box (a face's cover),
 * {shape: "rect", ...} the box itself (drawn by hand in the desktop app); `angle` (degrees clockwise)
 * turns an ellipse with a tilted head. `found` lists each face with the detector's score and its five
 * landmarks (right eye, left eye, nose tip, right and left mouth corner, as seen), to audit a cover.
 */
export function resultJson(r: Result) {
  return {
    input: r.input,
    status: r.status,
    outcome: r.status === 'skipped' ? null : outcomeOf(r),
    check: checkReasons(r),
    output: r.output ?? null,
    error: r.error ?? null,
    format: r.format ?? null,
    width: r.width ?? null,
    height: r.height ?? null,
    faces: r.faces,
    facesCovered: facesCovered(r),
    coversAddedByRecheck: coversAdded(r),
    regions: r.regions.map((c) => ({
      shape: c.shape,
      x: c.x,
      y: c.y,
      width: c.width,
      height: c.height,
      ...(c.angle ? { angle: c.angle } : {}),
    })),
    found: (r.found ?? []).map((f) => ({
      box: rect(f.box),
      score: f.score,
      source: f.source,
      ...(f.landmarks ? { landmarks: f.landmarks } : {}),
    })),
    kept: r.kept.map((k) => ({ box: rect(k.box), reason: k.reason })),
    removed: r.removed,
    warnings: r.warnings,
    ms: r.ms,
  };
}
