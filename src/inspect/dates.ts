// Dates as written in files, read into ISO 8601 so each door can say them in its own words.

/**
 * Reads EXIF "2024:05:03 14:02:12", ISO "2024-05-03T14:02:12+02:00", IPTC "20240503", with or
 * without a time, as "2024-05-03T14:02:12" (or "2024-05-03"); undefined when it is not a date.
 */
export function isoDate(raw: string): string | undefined {
  const m = /^\s*(\d{4})[:-]?(\d{2})[:-]?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2}))?)?/.exec(raw);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(y) === 0) return undefined;
  return `${y}-${mo}-${d}${h ? `T${h}:${mi}:${s ?? '00'}` : ''}`;
}

/** A date fact's values: the ISO form when readable, and the text as written. */
export function dateValues(raw: string): { iso?: string; raw: string } {
  const iso = isoDate(raw);
  return iso ? { iso, raw: raw.trim() } : { raw: raw.trim() };
}
