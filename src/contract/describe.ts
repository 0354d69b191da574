// Findings and batches in the user's words, from their codes and fields (errors, warnings and verify's
// problems are in reasons.ts). Every door says them through these functions and tables: a code missing
// from a table does not compile.
import type { AuxImage, DateRole, Fact, Finding, FindingKind, TrailerContent } from './findings.js';
import type { Tally } from './outcome.js';
import type { MessageKey, PluralKey, Words } from './words.js';

/** The word for each kind in a one-line list of what was removed ("location, dates, camera"); null: not listed. */
const shortWord: Record<FindingKind, MessageKey | null> = {
  location: 'short.location',
  'location-empty': 'short.location',
  place: 'short.location',
  people: 'short.people',
  'face-regions': 'short.face-regions',
  date: 'short.date',
  owner: 'short.owner',
  serial: 'short.serial',
  'document-ids': 'short.serial',
  thumbnail: 'short.thumbnail',
  'motion-video': 'short.motion-video',
  'aux-image': 'short.aux-image',
  text: 'short.text',
  comment: 'short.text',
  trailer: 'short.trailer',
  'maker-notes': 'short.device',
  device: 'short.device',
  software: 'short.software',
  unknown: 'short.other',
  unreadable: 'short.other',
  'camera-settings': null,
  orientation: null,
  'color-profile': null,
  animation: null,
  block: null,
  structure: null,
};

/** "6 photos: 2 safe, 3 to check before sharing, 1 failed": the same words for a batch in every door. */
export function tallyText(t: Tally, w: Words): string {
  const counts = [
    t.safe ? w.plural('summary.safe', t.safe) : '',
    t.toCheck ? w.plural('summary.check', t.toCheck) : '',
    t.failed ? w.plural('summary.failed', t.failed) : '',
    t.skipped ? w.plural('summary.skipped', t.skipped) : '',
  ].filter(Boolean);
  return w.t('summary.head', { photos: w.plural('summary.photos', t.photos), counts: counts.join(', ') });
}

/** At most this many names in a list of files left out; the rest are counted. */
const maxNamed = 5;

/** "2 files were left out (not photos Share Safely can read): DNG.dng (DNG camera RAW), notes.txt (not a picture)". */
export function skippedText(skipped: readonly { name: string; what?: string }[], w: Words): string | undefined {
  if (!skipped.length) return undefined;
  const named = skipped.slice(0, maxNamed).map((s) => `${s.name} (${s.what ?? w.t('cli.notAPicture')})`);
  const more = skipped.length > maxNamed ? [w.plural('cli.andMore', skipped.length - maxNamed)] : [];
  return w.plural('cli.skippedFiles', skipped.length, { list: [...named, ...more].join(', ') });
}

/** What a file gave away in a few words ("location, names, dates, camera"); "metadata" for technical data alone. */
export function removedSummary(findings: readonly Finding[], w: Words): string {
  const said: string[] = [];
  for (const f of findings) {
    const key = shortWord[f.kind];
    const word = key && w.t(key);
    if (word && !said.includes(word)) said.push(word);
  }
  if (!said.length && findings.length) said.push(w.t('short.metadata'));
  return said.join(', ');
}

const dateKey: Record<DateRole, MessageKey> = {
  taken: 'date.taken',
  created: 'date.created',
  digitized: 'date.digitized',
  modified: 'date.modified',
  metadata: 'date.metadata',
  gps: 'date.gps',
  dated: 'date.dated',
};

const auxKey: Record<AuxImage, PluralKey> = {
  extra: 'aux.extra',
  pages: 'aux.pages',
  depth: 'aux.depth',
  'gain-map': 'aux.gain-map',
  matte: 'aux.matte',
  alpha: 'aux.alpha',
  'before-blur': 'aux.before-blur',
};

const trailerKey: Record<TrailerContent, MessageKey> = {
  padding: 'trailer.padding',
  'extra-images': 'trailer.extra-images',
  video: 'trailer.video',
  unknown: 'trailer.unknown',
};

/** Free text from a file, on one line and not too long. */
export function clip(text: string, max = 120): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function position(lat: number, lon: number, w: Words): string {
  return w.t('value.position', {
    lat: w.number(Math.abs(lat), 4),
    ns: w.t(lat < 0 ? 'value.south' : 'value.north'),
    lon: w.number(Math.abs(lon), 4),
    ew: w.t(lon < 0 ? 'value.west' : 'value.east'),
  });
}

/** The sentence for a fact, in plain words. */
function sentence(f: Fact, w: Words): string {
  const names = (list: string[]) => clip(w.list(list));
  switch (f.kind) {
    case 'location':
      return w.t('finding.location', { position: position(f.lat, f.lon, w) });
    case 'location-empty':
      return w.t('finding.location-empty');
    case 'place':
      return w.t('finding.place', { names: names(f.names) });
    case 'people':
      return w.t('finding.people', { names: names(f.names) });
    case 'face-regions':
      return w.plural('finding.face-regions', f.count);
    case 'date':
      return w.t(dateKey[f.role], { when: (f.iso && w.date(f.iso)) || clip(f.raw, 40) });
    case 'owner':
      return w.t('finding.owner', { names: names(f.names) });
    case 'serial':
      return w.t(f.role === 'camera' ? 'serial.camera' : f.role === 'lens' ? 'serial.lens' : 'serial.image', { value: clip(f.value, 60) });
    case 'document-ids':
      return w.t('finding.document-ids');
    case 'thumbnail':
      return w.plural('finding.thumbnail', f.count);
    case 'motion-video':
      return w.t('finding.motion-video');
    case 'aux-image':
      return w.plural(auxKey[f.what], f.count);
    case 'text':
      return f.role === 'overlay'
        ? w.t('text.overlay')
        : w.t(f.role === 'ai-prompt' ? 'text.ai-prompt' : f.role === 'caption' ? 'text.caption' : 'text.other', {
            text: clip(f.text ?? ''),
          });
    case 'comment':
      return f.text.trim() ? w.t('finding.comment', { text: clip(f.text) }) : w.t('finding.comment-empty');
    case 'trailer':
      return w.t(trailerKey[f.content]);
    case 'device':
      return w.t(f.role === 'camera' ? 'device.camera' : 'device.lens', { name: clip(f.name, 80) });
    case 'software':
      return w.t('finding.software', { names: names(f.names) });
    case 'camera-settings':
      return w.t('finding.camera-settings');
    case 'maker-notes':
      return w.t('finding.maker-notes');
    case 'orientation':
      return w.t('finding.orientation');
    case 'color-profile':
      return f.name ? w.t('finding.color-profile-named', { name: clip(f.name, 60) }) : w.t('finding.color-profile');
    case 'animation':
      return w.t('finding.animation');
    case 'block':
      return w.plural('finding.block', f.count);
    case 'unknown':
      return w.plural('finding.unknown', f.count);
    case 'unreadable':
      return w.plural('finding.unreadable', f.count);
    case 'structure':
      return w.plural('finding.structure', f.issues.length);
  }
}

/** Sizes and counts a detail line adds after where the fact was found. */
function extras(f: Fact, w: Words): string[] {
  switch (f.kind) {
    case 'thumbnail':
    case 'motion-video':
    case 'aux-image':
    case 'trailer':
    case 'block':
    case 'unreadable':
      return f.bytes ? [w.bytes(f.bytes)] : [];
    case 'unknown':
      return [...f.names, ...(f.bytes ? [w.bytes(f.bytes)] : [])];
    case 'animation':
      return f.frames ? [w.plural('value.frames', f.frames)] : [];
    case 'structure':
      return f.issues;
    default:
      return [];
  }
}

export interface Described {
  /** One line: the fact in plain words. */
  text: string;
  /** Where it was found and any size, for those who want to know ("EXIF, XMP · 2.9 KB"); may be empty. */
  detail: string;
  sensitive: boolean;
}

export function describeFinding(f: Finding, w: Words): Described {
  const detail = [f.where.join(', '), ...extras(f, w)]
    .filter(Boolean)
    .map((s) => clip(s, 80))
    .join(' · ');
  return { text: sentence(f, w), detail, sensitive: f.sensitive };
}
