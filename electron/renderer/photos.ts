// The window's model of the photos: what each one is, where it stands, what the user chose to
// cover. Pure functions over plain data, so the rules (what gets flagged, the review order, what
// is exported) are testable without a page. The flags are the engine's outcomes: the same photo is
// "check it" here, in the CLI's summary and in the right-click notification.
import type { Cover, ExportOutcome, ExportRequest, PhotoEntry, PhotoId, PhotoState } from '../../src/contract/bridge.js';
import { errorText, outcomeOf, type Outcome, type Words } from '../../src/contract/index.js';

export type Ready = Extract<PhotoState, { state: 'ready' }>;

export interface Photo {
  id: PhotoId;
  entry?: PhotoEntry;
  state: PhotoState;
  /** The user's choices; set when the analysis arrives, edited in review. */
  cover?: Cover;
  /** Opened in the review screen at least once: the person has looked at it. */
  opened?: boolean;
  exported?: ExportOutcome;
}

/** What the engine proposed: every face covered except those its policy keeps. */
export function initialCover(ready: Ready): Cover {
  return { faces: ready.faces.map((f) => (f.keep ? null : { ...f.cover })), extra: [] };
}

/** How the photo stands, in the engine's words; undefined while it is analysed. */
function outcomeOfPhoto(p: Photo): Outcome | undefined {
  if (p.exported) return outcomeOf(p.exported.status === 'skipped' ? { status: 'done', warnings: p.exported.warnings } : p.exported);
  if (p.state.state === 'analysing') return undefined;
  return outcomeOf(p.state.state === 'failed' ? { status: 'failed', warnings: [] } : { status: 'done', warnings: p.state.warnings });
}

/** A photo the user should look at before sharing: the engine says "check it", or it failed. */
export function needsCheck(p: Photo): boolean {
  const o = outcomeOfPhoto(p);
  return o === 'check' || o === 'failed';
}

/**
 * The order to review in: photos to check where no face was found first (a missed face hides
 * there), then errors, then the other photos to check, then the rest (a photo with nobody in it
 * among them); each group in the order the photos arrived.
 */
export function reviewOrder(photos: readonly Photo[]): Photo[] {
  const rank = (p: Photo) => {
    if (p.state.state === 'ready' && p.state.faces.length === 0 && needsCheck(p)) return 0;
    if (p.state.state === 'failed') return 1;
    return needsCheck(p) ? 2 : 3;
  };
  return photos
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

export type Tone = 'busy' | 'ok' | 'check' | 'error' | 'saved';

/**
 * The badge: a photo to check stays "check it" until opened, even once saved (its copy is written, not
 * looked at); once opened and saved it says so, so the cards add up to the status line's "to check".
 */
export function statusOf(p: Photo, w: Words): { text: string; tone: Tone } {
  const toCheck = outcomeOfPhoto(p) === 'check';
  const unchecked = toCheck && !p.opened;
  if (p.exported?.status === 'done') {
    if (unchecked) return { text: w.t('status.savedCheck'), tone: 'check' };
    return { text: w.t(toCheck ? 'status.savedLooked' : 'status.saved'), tone: 'saved' };
  }
  if (p.exported?.status === 'failed') return { text: w.t('status.notSaved', { message: errorText(p.exported.error, w) }), tone: 'error' };
  const s = p.state;
  if (s.state === 'analysing') return { text: w.t('status.analysing'), tone: 'busy' };
  if (s.state === 'failed') return { text: w.t('status.failed', { message: errorText(s.error, w) }), tone: 'error' };
  if (s.faces.length === 0)
    return unchecked ? { text: w.t('status.noFace'), tone: 'check' } : { text: w.t('status.noFaceOpened'), tone: 'ok' };
  if (unchecked) return { text: w.plural('status.facesCheck', s.faces.length), tone: 'check' };
  return { text: w.plural('status.faces', s.faces.length), tone: 'ok' };
}

/** The export request for every analysed photo (the ids given, or all). */
export function exportRequests(photos: readonly Photo[], only?: PhotoId): ExportRequest[] {
  return photos
    .filter((p) => (only === undefined || p.id === only) && p.state.state === 'ready' && p.cover)
    .map((p) => ({ id: p.id, cover: p.cover! }));
}

/** Of these exported photos, those the engine flags "check it" that the person has opened: looked at already. */
export function lookedAt(photos: readonly Photo[]): number {
  return photos.filter((p) => p.exported && p.exported.status !== 'failed' && outcomeOfPhoto(p) === 'check' && p.opened).length;
}

/** Photos flagged "check it" that the person never opened: export asks before writing them. */
export function unopenedToCheck(photos: readonly Photo[], requests: readonly ExportRequest[]): Photo[] {
  const asked = new Set(requests.map((r) => r.id));
  return photos.filter((p) => asked.has(p.id) && outcomeOfPhoto(p) === 'check' && !p.opened);
}
