// Picks the language (saved choice, else the system's) and turns message keys into text.
import { en, type Catalogue, type MessageKey } from './i18n/en.js';
import { fr } from './i18n/fr.js';
import type { Language } from '../preload/bridge-api.js';

export const catalogues: Record<Language, Catalogue> = { en, fr };

/** Keys that have _one/_other forms, without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

export type Params = Record<string, string | number>;

export interface Translator {
  lang: Language;
  /** For dates and numbers: the system's locale when it speaks this language (en-GB, fr-CA), else the language. */
  locale: string;
  t(key: MessageKey, params?: Params): string;
  /** The plural form for n (French counts 0 and 1 as singular, English only 1). */
  plural(key: PluralKey, n: number, params?: Params): string;
}

export function pickLanguage(saved: Language | undefined, systemLocale: string): Language {
  return saved ?? (systemLocale.toLowerCase().startsWith('fr') ? 'fr' : 'en');
}

function fill(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(lang: Language, systemLocale: string = lang): Translator {
  const cat = catalogues[lang];
  const rules = new Intl.PluralRules(lang);
  return {
    lang,
    locale: systemLocale.toLowerCase().startsWith(lang) ? systemLocale : lang,
    t: (key, params) => fill(cat[key], params),
    plural: (key, n, params) => {
      const form = rules.select(n) === 'one' ? 'one' : 'other';
      return fill(cat[`${key}_${form}` as MessageKey], { n, ...params });
    },
  };
}

/** Fills every element marked data-i18n (text) or data-i18n-label (aria-label and title). */
export function applyStatic(root: ParentNode, tr: Translator): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = tr.t(node.dataset.i18n as MessageKey);
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const text = tr.t(node.dataset.i18nLabel as MessageKey);
    node.setAttribute('aria-label', text);
    node.title = text;
  }
}
