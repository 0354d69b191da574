// Dates in plain words: "3 May 2024 at 14:02" from the many ways files write them.
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface PlainDate {
  /** "3 May 2024 at 14:02", or the raw text when it is not a date we can read. */
  text: string;
  /** ISO 8601 form (2024-05-03T14:02:00) when parsed, for the desktop app's own formatting. */
  iso?: string;
}

/** Reads EXIF "2024:05:03 14:02:12", ISO "2024-05-03T14:02:12+02:00", IPTC "20240503", with or without a time. */
export function plainDate(raw: string): PlainDate {
  const m = /^\s*(\d{4})[:-]?(\d{2})[:-]?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2}))?)?/.exec(raw);
  if (!m) return { text: raw.trim() };
  const [, y, mo, d, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return { text: raw.trim() };
  const date = `${day} ${months[month - 1]} ${y}`;
  const iso = `${y}-${mo}-${d}${h ? `T${h}:${mi}:${s ?? '00'}` : ''}`;
  return { text: h ? `${date} at ${h}:${mi}` : date, iso };
}
