// The user's language: which one (the saved choice, else the system's), and the words, numbers, sizes
// and dates in it. One catalogue per language, shared by every door. Browser-safe: Intl only.
import type { Language } from './choices.js';
import { en, type MessageKey } from './i18n/en.js';
import { fr } from './i18n/fr.js';

export type { MessageKey };
export type Catalogue = Record<MessageKey, string>;
export const catalogues: Record<Language, Catalogue> = { en, fr };

/** Keys that have _one/_other forms, without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;
type Params = Record<string, string | number>;

export interface Words {
  lang: Language;
  /** For dates and numbers: the system's locale when it speaks this language (en-GB, fr-CA), else the language. */
  locale: string;
  t(key: MessageKey, params?: Params): string;
  /** The plural form for n (French counts 0 and 1 as singular, English only 1); {n} is n in the locale. */
  plural(key: PluralKey, n: number, params?: Params): string;
  number(n: number, fractionDigits?: number): string;
  /** "606 bytes", "2.9 KB" / "2,9 Ko". */
  bytes(n: number): string;
  /** "22 October 2008 at 16:38" / "1er novembre 2008 à 21:15" from an ISO date (or day); null if unreadable. */
  date(iso: string): string | null;
  /** "Kate and Tom" / "Kate et Tom". */
  list(items: readonly string[]): string;
}

/** A POSIX locale (fr_FR.UTF-8, fr_FR@euro) or a BCP 47 tag as BCP 47 (fr-FR), or undefined for C/POSIX/empty. */
function localeTag(value: string | undefined): string | undefined {
  const v = value?.trim().split(/[.@:]/)[0].replace(/_/g, '-');
  if (!v || v === 'C' || v === 'POSIX') return undefined;
  try {
    return Intl.getCanonicalLocales(v)[0];
  } catch {
    return undefined;
  }
}

/**
 * The saved choice, else the first locale that is set (LC_ALL, LC_MESSAGES, LANG, then the
 * system's): French when it is French, English otherwise. A set C/POSIX locale means English.
 */
export function pickLanguage(saved: Language | undefined, ...locales: (string | undefined)[]): Language {
  if (saved) return saved;
  const first = locales.find((l) => l !== undefined && l.trim() !== '');
  return localeTag(first)?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function fill(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;

export function words(lang: Language, systemLocale?: string): Words {
  const cat = catalogues[lang];
  const tag = localeTag(systemLocale);
  const locale = tag && tag.toLowerCase().startsWith(lang) ? tag : lang;
  const rules = new Intl.PluralRules(lang);
  const number = (n: number, fractionDigits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(n);
  const w: Words = {
    lang,
    locale,
    t: (key, params) => fill(cat[key], params),
    plural: (key, n, params) =>
      fill(cat[`${key}_${rules.select(n) === 'one' ? 'one' : 'other'}` as MessageKey], { n: number(n), ...params }),
    number,
    bytes: (n) => {
      if (n < 1024) return w.plural('size.bytes', n);
      if (n < 1024 * 1024) return w.t('size.kb', { n: number(n / 1024, 1) });
      return w.t('size.mb', { n: number(n / 1024 / 1024, 1) });
    },
    date: (iso) => {
      const m = isoDate.exec(iso);
      if (!m) return null;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && y > 0)) return null;
      const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatToParts(
        new Date(Date.UTC(y, mo - 1, d)),
      );
      // French writes the first of the month as an ordinal: "1er novembre".
      const day = parts.map((p) => (p.type === 'day' && lang === 'fr' && p.value === '1' ? w.t('date.firstDay') : p.value)).join('');
      return m[4] ? w.t('date.at', { date: day, time: `${m[4]}:${m[5]}` }) : day;
    },
    list: (items) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items),
  };
  return w;
}
