// "What the photo gives away", in the user's language. The engine describes each finding in
// English with a kind; the window shows a translated label and the finding's own value (a
// position, a date, a name) — dates in the user's words, e.g. "Taken on 3 May 2024 at 14:02".
import type { FindingView } from '../preload/bridge-api.js';
import type { MessageKey } from './i18n/en.js';
import type { Translator } from './i18n.js';

const kinds = new Set([
  'location', 'date', 'device', 'serial', 'owner', 'software', 'thumbnail', 'people', 'face-regions', 'motion-video',
  'aux-image', 'text', 'comment', 'trailer', 'color-profile', 'orientation', 'camera-settings', 'other',
]);
const explained = new Set(['thumbnail', 'motion-video', 'aux-image', 'face-regions', 'trailer', 'color-profile', 'orientation', 'other']);

export interface Described {
  label: string;
  detail: string;
  sensitive: boolean;
}

/** The value after "Label (source): ", if the sentence has one. */
export function valuePart(text: string): string | null {
  const i = text.indexOf(': ');
  if (i < 0) return null;
  const v = text.slice(i + 2).trim();
  return v.length ? v : null;
}

const dateTime = /(\d{4})[:-]?(\d{2})[:-]?(\d{2})(?:[ T](\d{2}):?(\d{2}))?/;

/**
 * "Taken: 2024:05:03 14:02:12" (or values { iso: "2024-05-03T14:02:00" }) → "Taken on 3 May 2024 at
 * 14:02", in the user's language and locale. Null when no date can be read.
 */
export function describeDate(text: string, tr: Translator, values?: FindingView['values']): string | null {
  const source = [values?.iso, values?.date, text].find((v): v is string => typeof v === 'string' && dateTime.test(v));
  const m = source ? dateTime.exec(source) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31)) return null;
  const date = new Intl.DateTimeFormat(tr.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, d)));
  const when = m[4] ? tr.t('date.at', { date, time: `${m[4]}:${m[5]}` }) : date;
  const lower = text.toLowerCase();
  const key: MessageKey = /digiti[sz]ed/.test(lower) ? 'date.digitized' : /modif/.test(lower) ? 'date.modified' : /taken|original/.test(lower) ? 'date.taken' : 'date.any';
  return tr.t(key, { when });
}

const coordinates = /(\d+(?:\.\d+)?\s*[NS]),\s*(\d+(?:\.\d+)?\s*[EW])/;

/** "48.8566 N, 2.3522 E" from the engine's { lat, lon } values. */
function latLon(values: FindingView['values']): string | null {
  const { lat, lon } = values ?? {};
  if (typeof lat !== 'number' || typeof lon !== 'number') return null;
  return `${Math.abs(lat).toFixed(4)} ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lon).toFixed(4)} ${lon < 0 ? 'W' : 'E'}`;
}

export function describeFinding(f: FindingView, tr: Translator): Described {
  const kind = kinds.has(f.kind) ? f.kind : 'other';
  const label = tr.t(`finding.${kind}` as MessageKey);
  let detail: string | null = null;
  if (kind === 'date') detail = describeDate(f.text, tr, f.values);
  if (kind === 'location') detail = latLon(f.values) ?? coordinates.exec(f.text)?.slice(1, 3).join(', ') ?? null;
  detail ??= valuePart(f.text);
  // The engine's own sentence is English: shown as is in English, explained in other languages.
  if (detail === null) detail = tr.lang === 'en' || !explained.has(kind) ? f.text : tr.t(`about.${kind}` as MessageKey);
  return { label, detail, sensitive: f.sensitive };
}

/** Sensitive findings (who, where, when) first, then the rest, each group in the engine's order. */
export function orderFindings(list: readonly FindingView[]): FindingView[] {
  return [...list.filter((f) => f.sensitive), ...list.filter((f) => !f.sensitive)];
}
