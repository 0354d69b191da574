// The window's pure rules: cover geometry, what gets flagged, what is exported and what asks first.
// (The words and the findings are the contract's: test/contract.test.ts.)
import { describe, expect, it } from 'vitest';
import type { FaceView, PhotoState } from '../../src/contract/bridge.js';
import type { WarningCode } from '../../src/contract/index.js';
import { words } from '../../src/contract/index.js';
import {
  centredRect,
  fitInside,
  fromCorners,
  keyStep,
  MIN_SIZE,
  moveBy,
  percentBox,
  resizeBy,
  toPhoto,
} from '../../electron/renderer/geometry.js';
import {
  exportRequests,
  initialCover,
  lookedAt,
  needsCheck,
  reviewOrder,
  statusOf,
  unopenedToCheck,
  type Photo,
} from '../../electron/renderer/photos.js';

const W = 1000;
const H = 600;

describe('cover geometry, in photo pixels', () => {
  it('keeps a moved or resized cover inside the photo, whole pixels, never smaller than the minimum', () => {
    const r = { x: 900, y: 500, width: 80, height: 60 };
    expect(moveBy(r, 50, 50, W, H)).toEqual({ x: 920, y: 540, width: 80, height: 60 });
    expect(moveBy(r, -2000, 0.4, W, H)).toEqual({ x: 0, y: 500, width: 80, height: 60 });
    expect(resizeBy(r, 500, 500, W, H)).toEqual({ x: 900, y: 500, width: 100, height: 100 });
    expect(resizeBy(r, -500, -500, W, H)).toEqual({ x: 900, y: 500, width: MIN_SIZE, height: MIN_SIZE });
    expect(fitInside({ x: -10, y: -10, width: 5000, height: 1 }, W, H)).toEqual({ x: 0, y: 0, width: W, height: MIN_SIZE });
  });

  it('draws from any two corners, clipped to the photo', () => {
    expect(fromCorners(300, 200, 100, 50, W, H)).toEqual({ x: 100, y: 50, width: 200, height: 150 });
    expect(fromCorners(-50, 590, 20.6, 700, W, H)).toEqual({ x: 0, y: 590, width: 21, height: 10 });
  });

  it('maps between the shown picture and the photo', () => {
    expect(percentBox({ x: 250, y: 150, width: 500, height: 300 }, W, H)).toEqual({
      left: '25.0000%',
      top: '25.0000%',
      width: '50.0000%',
      height: '50.0000%',
    });
    const shown = { left: 100, top: 50, width: 500, height: 300 };
    expect(toPhoto(350, 200, shown, W, H)).toEqual({ x: 500, y: 300 });
    expect(toPhoto(0, 9999, shown, W, H)).toEqual({ x: 0, y: H });
    expect(keyStep(W, H)).toBe(6);
    expect(keyStep(40, 30)).toBe(1);
    expect(centredRect(W, H)).toEqual({ x: 400, y: 240, width: 200, height: 120 });
  });
});

describe('the photos model', () => {
  const face = (keep = false): FaceView => ({
    box: { x: 10, y: 10, width: 20, height: 20 },
    cover: { shape: 'ellipse', x: 5, y: 0, width: 30, height: 40 },
    score: 0.9,
    source: 'detector',
    keep,
  });
  const ready = (faces: FaceView[], codes: WarningCode[] = []): PhotoState => ({
    state: 'ready',
    format: 'jpeg',
    width: 100,
    height: 100,
    faces,
    findings: [],
    warnings: codes.map((code) => ({ code, message: code })),
    preview: { mime: 'image/jpeg', data: new Uint8Array(), width: 100, height: 100 },
  });
  const photo = (id: number, state: PhotoState): Photo => {
    const p: Photo = { id, state };
    if (state.state === 'ready') p.cover = initialCover(state);
    return p;
  };

  it("starts from the engine's proposal: every face covered unless policy keeps it", () => {
    const c = initialCover(ready([face(), face(true)]) as never);
    expect(c).toEqual({ faces: [{ shape: 'ellipse', x: 5, y: 0, width: 30, height: 40 }, null], extra: [] });
  });

  it('flags what the engine calls "check it" (no face, small faces) and errors, and shows them first; a covered doubtful face is no flag', () => {
    const list = [
      photo(1, ready([face()], ['low-confidence'])),
      photo(2, ready([], ['no-face'])),
      photo(3, { state: 'analysing' }),
      photo(4, ready([face()], ['small-face'])),
      photo(5, { state: 'failed', error: { code: 'truncated', message: 'the file is cut short' } }),
    ];
    expect(list.map(needsCheck)).toEqual([false, true, false, true, true]);
    expect(reviewOrder(list).map((p) => p.id)).toEqual([2, 5, 4, 1, 3]);
    const en = words('en');
    expect(list.map((p) => statusOf(p, en).text)).toEqual([
      '1 face',
      'No face found — check',
      'Analysing…',
      '1 face — check',
      'Error: the file is cut short',
    ]);
    expect(statusOf(list[1]!, words('fr')).text).toBe('Aucun visage trouvé — à vérifier');
  });

  it('a photo to check keeps its flag once saved unless someone opened it', () => {
    const saved = { id: 4, status: 'done' as const, covered: 1, removed: [], warnings: [{ code: 'small-face' as const, message: '' }] };
    const unopened: Photo = { ...photo(4, ready([face()], ['small-face'])), exported: saved };
    expect(statusOf(unopened, words('en'))).toEqual({ text: 'Saved — check it', tone: 'check' });
    expect(statusOf({ ...unopened, opened: true }, words('en'))).toEqual({ text: 'Saved — you looked at it', tone: 'saved' });
    expect(statusOf({ ...unopened, opened: true }, words('fr')).text).toBe('Enregistrée — vous l’avez regardée');
    // The status line's "to check" counts both; it says how many of them were looked at.
    expect(lookedAt([unopened, { ...unopened, opened: true }, { ...unopened, opened: true }])).toBe(2);
    const safe: Photo = { ...photo(5, ready([face()], [])), exported: { ...saved, id: 5, warnings: [] }, opened: true };
    expect(statusOf(safe, words('en'))).toEqual({ text: 'Saved', tone: 'saved' });
    expect(lookedAt([safe])).toBe(0);
  });

  it('export asks about the photos to check that nobody opened, and only those', () => {
    const list = [
      photo(1, ready([face()])),
      photo(2, ready([], ['no-face'])),
      { ...photo(3, ready([face()], ['small-face'])), opened: true },
      photo(4, ready([face()], ['small-face'])),
    ];
    expect(unopenedToCheck(list, exportRequests(list)).map((p) => p.id)).toEqual([2, 4]);
    expect(unopenedToCheck(list, exportRequests(list, 1))).toEqual([]);
  });

  it('exports analysed photos with the reviewed covers', () => {
    const list = [photo(1, ready([face()])), photo(2, { state: 'analysing' }), photo(3, ready([]))];
    expect(exportRequests(list).map((r) => r.id)).toEqual([1, 3]);
    expect(exportRequests(list, 3)).toEqual([{ id: 3, cover: { faces: [], extra: [] } }]);
  });
});
