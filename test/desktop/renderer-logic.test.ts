// The window's pure rules: cover geometry, plain-words findings, languages, what gets flagged.
import { describe, expect, it } from 'vitest';
import type { FaceView, PhotoState } from '../../electron/preload/bridge-api.js';
import { describeDate, describeFinding, orderFindings, valuePart } from '../../electron/renderer/findings.js';
import { centredRect, fitInside, fromCorners, keyStep, MIN_SIZE, moveBy, percentBox, resizeBy, toPhoto } from '../../electron/renderer/geometry.js';
import { en } from '../../electron/renderer/i18n/en.js';
import { fr } from '../../electron/renderer/i18n/fr.js';
import { pickLanguage, translator } from '../../electron/renderer/i18n.js';
import { coverCount, errorText, exportRequests, initialCover, needsCheck, reviewOrder, statusOf, type Photo } from '../../electron/renderer/photos.js';

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
    expect(percentBox({ x: 250, y: 150, width: 500, height: 300 }, W, H)).toEqual({ left: '25.0000%', top: '25.0000%', width: '50.0000%', height: '50.0000%' });
    const shown = { left: 100, top: 50, width: 500, height: 300 };
    expect(toPhoto(350, 200, shown, W, H)).toEqual({ x: 500, y: 300 });
    expect(toPhoto(0, 9999, shown, W, H)).toEqual({ x: 0, y: H });
    expect(keyStep(W, H)).toBe(6);
    expect(keyStep(40, 30)).toBe(1);
    expect(centredRect(W, H)).toEqual({ x: 400, y: 240, width: 200, height: 120 });
  });
});

describe('what the photo gives away, in plain words', () => {
  const tEn = translator('en', 'en-GB');
  const tFr = translator('fr', 'fr-FR');

  it('dates in the user\'s words and locale', () => {
    expect(describeDate('Taken: 2024:05:03 14:02:12', tEn)).toBe('Taken on 3 May 2024 at 14:02');
    expect(describeDate('Taken: 2024:05:03 14:02:12', translator('en', 'en-US'))).toBe('Taken on May 3, 2024 at 14:02');
    expect(describeDate('Last modified (PNG tIME chunk): 2024-06-01 17:30:00', tFr)).toBe('Modifiée le 1 juin 2024 à 17:30');
    expect(describeDate('Taken: 0000:00:00 00:00:00', tEn)).toBeNull();
    // The engine's structured values win over its English sentence.
    expect(describeDate('Taken on 3 May 2024 at 14:02', tFr, { date: '2024:05:03 14:02:12', iso: '2024-05-03T14:02:12' })).toBe('Prise le 3 mai 2024 à 14:02');
    expect(describeDate('Date created (IPTC) on 3 May 2024', tFr, { iso: '2024-05-03' })).toBe('3 mai 2024');
  });

  it('a translated label with the finding\'s own value; English keeps the engine\'s sentence when there is no value', () => {
    expect(describeFinding({ kind: 'location', text: 'GPS position (EXIF): 48.8566 N, 2.3522 E', sensitive: true }, tFr)).toEqual({ label: 'Lieu', detail: '48.8566 N, 2.3522 E', sensitive: true });
    expect(describeFinding({ kind: 'location', text: 'GPS position (XMP): somewhere', values: { lat: -33.8568, lon: 151.2153 }, sensitive: true }, tEn).detail).toBe('33.8568 S, 151.2153 E');
    expect(describeFinding({ kind: 'people', text: 'Names of people (XMP): Kate, Tom', sensitive: true }, tEn).detail).toBe('Kate, Tom');
    const thumb = { kind: 'thumbnail', text: 'An embedded thumbnail (EXIF, 2.9 KB) — it may show the photo', sensitive: false };
    expect(describeFinding(thumb, tEn).detail).toBe(thumb.text);
    expect(describeFinding(thumb, tFr)).toMatchObject({ label: 'Vignette cachée', detail: fr['about.thumbnail'] });
    expect(describeFinding({ kind: 'something-new', text: 'A new block', sensitive: false }, tFr).label).toBe('Autres détails');
    expect(valuePart('Camera: ')).toBeNull();
  });

  it('sensitive findings first', () => {
    const list = [
      { kind: 'software', text: 'Software: 17', sensitive: false },
      { kind: 'location', text: 'GPS position: 1 N, 2 E', sensitive: true },
    ];
    expect(orderFindings(list).map((f) => f.kind)).toEqual(['location', 'software']);
  });
});

describe('languages', () => {
  it('French unless the user chose otherwise, when the system speaks it; English otherwise', () => {
    expect(pickLanguage(undefined, 'fr-BE')).toBe('fr');
    expect(pickLanguage(undefined, 'nl-BE')).toBe('en');
    expect(pickLanguage('en', 'fr-FR')).toBe('en');
  });

  it('both catalogues have every key, none empty, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(fr[key].trim(), key).not.toBe('');
      expect(holes(fr[key]), key).toEqual(holes(en[key]));
    }
  });

  it('plural forms follow each language', () => {
    expect(translator('en').plural('status.faces', 0)).toBe('0 faces');
    expect(translator('en').plural('status.faces', 1)).toBe('1 face');
    expect(translator('fr').plural('status.faces', 0)).toBe('0 visage');
    expect(translator('fr').plural('status.faces', 2)).toBe('2 visages');
  });
});

describe('the photos model', () => {
  const face = (keep = false): FaceView => ({ box: { x: 10, y: 10, width: 20, height: 20 }, cover: { x: 5, y: 0, width: 30, height: 40 }, score: 0.9, source: 'detector', keep });
  const ready = (faces: FaceView[], codes: string[] = []): PhotoState => ({
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

  it('starts from the engine\'s proposal: every face covered unless policy keeps it', () => {
    const c = initialCover(ready([face(), face(true)]) as never);
    expect(c).toEqual({ faces: [{ x: 5, y: 0, width: 30, height: 40 }, null], extra: [] });
    expect(coverCount(c)).toBe(1);
  });

  it('flags no face, small or doubtful faces and errors, and shows them first', () => {
    const list = [
      photo(1, ready([face()])),
      photo(2, ready([], ['no-face'])),
      photo(3, { state: 'analysing' }),
      photo(4, ready([face()], ['small-face'])),
      photo(5, { state: 'failed', error: { code: 'truncated', message: 'the file is cut short' } }),
    ];
    expect(list.map(needsCheck)).toEqual([false, true, false, true, true]);
    expect(reviewOrder(list).map((p) => p.id)).toEqual([2, 5, 4, 1, 3]);
    const tr = translator('en');
    expect(list.map((p) => statusOf(p, tr).text)).toEqual(['1 face', 'No face found — check', 'Analysing…', '1 face — check', 'Error: the file is cut short']);
  });

  it('engine errors: the precise sentence in English, the translated reason in French', () => {
    const e = { code: 'truncated', message: 'the file is cut short (JPEG ends inside a segment)' };
    expect(errorText(e, translator('en'))).toBe(e.message);
    expect(errorText(e, translator('fr'))).toBe('le fichier est incomplet');
    expect(errorText({ code: 'internal', message: 'unexpected error: x' }, translator('fr'))).toBe('unexpected error: x');
  });

  it('exports analysed photos with the reviewed covers', () => {
    const list = [photo(1, ready([face()])), photo(2, { state: 'analysing' }), photo(3, ready([]))];
    expect(exportRequests(list).map((r) => r.id)).toEqual([1, 3]);
    expect(exportRequests(list, 3)).toEqual([{ id: 3, cover: { faces: [], extra: [] } }]);
  });
});
