import { describe, expect, it } from 'vitest';
import { plainDate } from '../src/inspect/dates.js';

describe('dates in plain words', () => {
  it('reads EXIF, ISO and IPTC forms', () => {
    expect(plainDate('2024:05:03 14:02:12')).toEqual({ text: '3 May 2024 at 14:02', iso: '2024-05-03T14:02:12' });
    expect(plainDate('2024-06-01T17:30:00+02:00')).toEqual({ text: '1 June 2024 at 17:30', iso: '2024-06-01T17:30:00' });
    expect(plainDate('20231224')).toEqual({ text: '24 December 2023', iso: '2023-12-24' });
    expect(plainDate('2024-01-01 08:30')).toMatchObject({ text: '1 January 2024 at 08:30' });
  });

  it('keeps text it cannot read as a date', () => {
    expect(plainDate('last summer')).toEqual({ text: 'last summer' });
    expect(plainDate('2024:13:40 10:00:00')).toEqual({ text: '2024:13:40 10:00:00' });
  });
});
