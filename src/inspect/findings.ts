// Collects findings in plain words, without duplicates (the same camera model may sit in EXIF and XMP).
import type { Finding, FindingKind } from '../types.js';

/** Kinds that say who, where or when about the people in the photo. */
const sensitiveKinds = new Set<FindingKind>([
  'location', 'date', 'serial', 'owner', 'thumbnail', 'people', 'face-regions', 'motion-video', 'aux-image', 'text',
  'comment', 'trailer',
]);

const order: FindingKind[] = [
  'location', 'people', 'face-regions', 'motion-video', 'thumbnail', 'aux-image', 'date', 'owner', 'serial', 'text',
  'comment', 'trailer', 'device', 'software', 'camera-settings', 'orientation', 'color-profile', 'other',
];

export class Findings {
  private readonly list: Finding[] = [];
  private readonly seen = new Set<string>();

  add(kind: FindingKind, text: string, values?: Record<string, string | number>, sensitive = sensitiveKinds.has(kind)): void {
    const key = `${kind}\n${text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(values ? { kind, text, values, sensitive } : { kind, text, sensitive });
  }

  /** Sensitive findings first; within each group, the kinds a parent cares most about first. */
  sorted(): Finding[] {
    const rank = (f: Finding) => (f.sensitive ? 0 : 100) + order.indexOf(f.kind);
    return this.list.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

/** Shortens long free text for a one-line report. */
export function clip(text: string, max = 120): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export { plural, byteSize as sizeText } from '../util/text.js';
