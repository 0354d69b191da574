// The window's one state object: photos appear when main first names them, and a change of photo or
// of covers sends the review back to the original with no stale note.
import { describe, expect, it } from 'vitest';
import { coversChanged, currentPhoto, initialState, photoOf } from '../../electron/renderer/store.js';

describe('renderer store', () => {
  it('makes a photo once, as analysing, and finds the one under review', () => {
    const s = initialState();
    expect(currentPhoto(s)).toBeUndefined();
    const p = photoOf(s, 7);
    expect(p).toEqual({ id: 7, state: { state: 'analysing' } });
    expect(photoOf(s, 7)).toBe(p);
    s.current = 7;
    expect(currentPhoto(s)).toBe(p);
    s.current = 8;
    expect(currentPhoto(s)).toBeUndefined();
  });

  it('shows the original again and drops the note when covers change', () => {
    const s = { ...initialState(), showingResult: true, panelNote: 'Copied' };
    coversChanged(s);
    expect([s.showingResult, s.panelNote]).toEqual([false, '']);
  });

  it('keeps no state between two windows', () => {
    const a = initialState();
    photoOf(a, 1);
    expect(initialState().photos.size).toBe(0);
  });
});
