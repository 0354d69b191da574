// Everything the window remembers, in one typed object: the photos, which one is under review and
// how, whether an export runs, the language and the status line. app.ts reads and changes it, then
// renders; nothing else holds state between events.
import type { PhotoId } from '../../src/contract/bridge.js';
import { words, type Words } from '../../src/contract/index.js';
import type { Photo } from './photos.js';

export interface AppState {
  photos: Map<PhotoId, Photo>;
  /** The photo under review; undefined while the grid shows. */
  current: PhotoId | undefined;
  /** The review shows the covered result rather than the original. */
  showingResult: boolean;
  exporting: boolean;
  /** A line under the review panel ("Copied"), cleared when the photo or its covers change. */
  panelNote: string;
  /** The system's locale, the fallback when the settings say "system". */
  locale: string;
  tr: Words;
  /** The status line, as a function of the language so that switching language re-says it. */
  status: (tr: Words) => string;
}

export function initialState(): AppState {
  return {
    photos: new Map(),
    current: undefined,
    showingResult: false,
    exporting: false,
    panelNote: '',
    locale: 'en',
    tr: words('en'),
    status: () => '',
  };
}

/** The photo under review, if any. */
export function currentPhoto(s: AppState): Photo | undefined {
  return s.current === undefined ? undefined : s.photos.get(s.current);
}

/** The photo with this id, made (as analysing) the first time main names it. */
export function photoOf(s: AppState, id: PhotoId): Photo {
  let p = s.photos.get(id);
  if (!p) s.photos.set(id, (p = { id, state: { state: 'analysing' } }));
  return p;
}

/** The review shows the original again and forgets its note: its covers or its photo changed. */
export function coversChanged(s: AppState): void {
  s.showingResult = false;
  s.panelNote = '';
}
