// The window's model of the photos: what each one is, where it stands, what the user chose to
// cover. Pure functions over plain data, so the rules (what gets flagged, the review order, what
// is exported) are testable without a page.
import type { Cover, ExportOutcome, ExportRequest, PhotoEntry, PhotoId, PhotoState } from '../preload/bridge-api.js';
import type { MessageKey } from './i18n/en.js';
import type { Translator } from './i18n.js';

export type Ready = Extract<PhotoState, { state: 'ready' }>;

export interface Photo {
  id: PhotoId;
  entry?: PhotoEntry;
  state: PhotoState;
  /** The user's choices; set when the analysis arrives, edited in review. */
  cover?: Cover;
  exported?: ExportOutcome;
}

/** What the engine proposed: every face covered except those its policy keeps. */
export function initialCover(ready: Ready): Cover {
  return { faces: ready.faces.map((f) => (f.keep ? null : { ...f.cover })), extra: [] };
}

const checkCodes = new Set(['no-face', 'small-face', 'low-confidence']);

/** A photo the user should look at before sharing: nothing found, tiny or doubtful faces, or an error. */
export function needsCheck(p: Photo): boolean {
  if (p.state.state === 'failed') return true;
  return p.state.state === 'ready' && p.state.warnings.some((w) => checkCodes.has(w.code));
}

/**
 * The order to review in: photos where nothing was found first (a missed face hides there), then
 * errors, then doubtful or tiny faces, then the rest; each group in the order the photos arrived.
 */
export function reviewOrder(photos: readonly Photo[]): Photo[] {
  const rank = (p: Photo) => {
    if (p.state.state === 'ready' && p.state.faces.length === 0) return 0;
    if (p.state.state === 'failed') return 1;
    return needsCheck(p) ? 2 : 3;
  };
  return photos.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map(({ p }) => p);
}

const errorCodes = new Set([
  'not-found', 'not-a-file', 'unreadable', 'empty', 'too-large', 'too-many-pixels', 'not-an-image', 'unsupported-format',
  'truncated', 'corrupt', 'changed', 'output-unwritable', 'no-space', 'verify-failed', 'timeout', 'faces-remain',
]);

/** An engine error for the user: its own precise English sentence, or the translated reason for its code. */
export function errorText(error: { code: string; message: string } | undefined, tr: Translator): string {
  if (!error) return '';
  return tr.lang === 'en' || !errorCodes.has(error.code) ? error.message : tr.t(`error.${error.code}` as MessageKey);
}

export type Tone = 'busy' | 'ok' | 'check' | 'error' | 'saved';

export function statusOf(p: Photo, tr: Translator): { text: string; tone: Tone } {
  if (p.exported?.status === 'done') return { text: tr.t('status.saved'), tone: 'saved' };
  if (p.exported?.status === 'failed') return { text: tr.t('status.notSaved', { message: errorText(p.exported.error, tr) }), tone: 'error' };
  const s = p.state;
  if (s.state === 'analysing') return { text: tr.t('status.analysing'), tone: 'busy' };
  if (s.state === 'failed') return { text: tr.t('status.failed', { message: errorText(s.error, tr) }), tone: 'error' };
  if (s.faces.length === 0) return { text: tr.t('status.noFace'), tone: 'check' };
  if (needsCheck(p)) return { text: tr.plural('status.facesCheck', s.faces.length), tone: 'check' };
  return { text: tr.plural('status.faces', s.faces.length), tone: 'ok' };
}

/** The export request for every analysed photo (the ids given, or all). */
export function exportRequests(photos: readonly Photo[], only?: PhotoId): ExportRequest[] {
  return photos
    .filter((p) => (only === undefined || p.id === only) && p.state.state === 'ready' && p.cover)
    .map((p) => ({ id: p.id, cover: p.cover! }));
}

/** Number of regions a cover asks for (faces still covered plus drawn ones). */
export function coverCount(c: Cover): number {
  return c.faces.filter((f) => f !== null).length + c.extra.length;
}
