import { describe, expect, it } from 'vitest';
import { isoDate } from '../src/inspect/dates.js';
import { words } from '../src/contract/index.js';

describe('dates as files write them, read into ISO 8601', () => {
  it('reads EXIF, ISO and IPTC forms', () => {
    expect(isoDate('2024:05:03 14:02:12')).toBe('2024-05-03T14:02:12');
    expect(isoDate('2024-06-01T17:30:00+02:00')).toBe('2024-06-01T17:30:00');
    expect(isoDate('20231224')).toBe('2023-12-24');
    expect(isoDate('2024-01-01 08:30')).toBe('2024-01-01T08:30:00');
  });

  it('reads nothing from text that is not a date', () => {
    expect(isoDate('last summer')).toBeUndefined();
    expect(isoDate('2024:13:40 10:00:00')).toBeUndefined();
    expect(isoDate('0000:00:00 00:00:00')).toBeUndefined();
  });
});

describe("dates in the reader's words and locale", () => {
  it('says the day in English and French, with the French ordinal for the first of the month', () => {
    expect(words('en', 'en-GB').date('2024-05-03T14:02:12')).toBe('3 May 2024 at 14:02');
    expect(words('en', 'en-US').date('2024-05-03T14:02:12')).toBe('May 3, 2024 at 14:02');
    expect(words('fr', 'fr_FR.UTF-8').date('2008-11-01T21:15:00')).toBe('1er novembre 2008 à 21:15');
    expect(words('fr', 'fr-FR').date('2023-12-24')).toBe('24 décembre 2023');
    expect(words('en').date('not a date')).toBeNull();
  });

  it('says sizes and numbers the way each language writes them', () => {
    expect(words('en', 'en-GB').bytes(606)).toBe('606 bytes');
    expect(words('en', 'en-GB').bytes(10854)).toBe('10.6 KB');
    expect(words('fr', 'fr-FR').bytes(10854)).toBe('10,6 Ko');
    expect(words('fr', 'fr-FR').bytes(1)).toBe('1 octet');
  });
});
