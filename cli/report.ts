// How results read in a terminal and in --json. Pure functions of the engine's results.
import path from 'node:path';
import { plural, type Finding, type FindingKind, type Rect, type Result } from '../src/index.js';
import { shown } from './shown.js';

const shortKind: Partial<Record<FindingKind, string>> = {
  location: 'location',
  date: 'dates',
  device: 'camera',
  serial: 'serial numbers',
  owner: 'owner',
  software: 'software',
  thumbnail: 'thumbnail',
  people: 'names',
  'face-regions': 'face tags',
  'motion-video': 'hidden video',
  'aux-image': 'hidden images',
  text: 'text',
  comment: 'comment',
  trailer: 'trailing data',
};

/** The sensitive kinds a file gave away, in a short list ("location, dates, camera"). */
function removedSummary(findings: Finding[]): string {
  const kinds: string[] = [];
  for (const f of findings) {
    const word = shortKind[f.kind];
    if (word && !kinds.includes(word)) kinds.push(word);
  }
  if (!kinds.length && findings.length) kinds.push('metadata');
  return kinds.join(', ');
}

/** Faces covered in a written copy: one per cover (a face found, declared by the file or drawn by hand). */
export function facesCovered(r: Result): number {
  return r.status === 'done' ? r.facesCovered : 0;
}

/** One line per photo: what happened, where the copy went, what it no longer says. */
export function resultLine(r: Result, cwd = process.cwd()): string {
  const name = shown(path.relative(cwd, r.input) || r.input);
  if (r.status === 'failed') return `✗ ${name}: ${shown(r.error?.message ?? 'failed')}`;
  if (r.status === 'skipped') return `- ${name}: skipped, its safe copy already exists`;
  const parts: string[] = [];
  const covered = facesCovered(r);
  parts.push(covered ? `${plural(covered, 'face')} covered` : 'no face covered');
  if (r.kept.length) parts.push(`${plural(r.kept.length, 'face')} left uncovered`);
  const removed = removedSummary(r.removed);
  if (removed) parts.push(`removed: ${removed}`);
  const warnings = r.warnings.filter((w) => w.code !== 'cover-grown').map((w) => shown(w.message));
  const mark = warnings.length ? '!' : '✓';
  const out = shown(path.relative(cwd, r.output ?? '') || (r.output ?? ''));
  return `${mark} ${name} → ${out} (${parts.join('; ')})${warnings.length ? `\n    ${warnings.join('\n    ')}` : ''}`;
}

export interface Summary {
  photos: number;
  done: number;
  skipped: number;
  failed: number;
  facesCovered: number;
  gpsRemoved: number;
  toCheck: number;
}

export function summarize(results: Result[]): Summary {
  const done = results.filter((r) => r.status === 'done');
  return {
    photos: results.length,
    done: done.length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    failed: results.filter((r) => r.status === 'failed').length,
    facesCovered: done.reduce((n, r) => n + facesCovered(r), 0),
    gpsRemoved: done.filter((r) => r.removed.some((f) => f.kind === 'location')).length,
    toCheck: done.filter((r) => r.warnings.some((w) => w.code === 'no-face' || w.code === 'face-left-uncovered')).length,
  };
}

/** "48 photos, 113 faces covered, GPS removed from 31" plus what needs attention. */
export function summaryLine(s: Summary): string {
  const parts = [plural(s.photos, 'photo'), `${plural(s.facesCovered, 'face')} covered`, `GPS removed from ${s.gpsRemoved}`];
  if (s.skipped) parts.push(`${s.skipped} skipped`);
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.toCheck) parts.push(`${plural(s.toCheck, 'photo')} to check before sharing`);
  return parts.join(', ');
}

const rect = (r: Rect) => [r.x, r.y, r.width, r.height];

/**
 * The --json form of one result. `regions` has one entry per cover, in the output's pixels:
 * {shape: "ellipse", x, y, width, height} is the ellipse inscribed in that box (a face's cover),
 * {shape: "rect", ...} the box itself (drawn by hand in the desktop app).
 */
export function resultJson(r: Result) {
  return {
    input: r.input,
    status: r.status,
    output: r.output ?? null,
    error: r.error ?? null,
    format: r.format ?? null,
    width: r.width ?? null,
    height: r.height ?? null,
    faces: r.faces,
    facesCovered: facesCovered(r),
    regions: r.regions.map((c) => ({ shape: c.shape, x: c.x, y: c.y, width: c.width, height: c.height })),
    kept: r.kept.map((k) => ({ box: rect(k.box), reason: k.reason })),
    removed: r.removed,
    warnings: r.warnings,
    ms: r.ms,
  };
}
