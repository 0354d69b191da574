// The contract every door shares: one catalogue per language with every key, words formatted for the
// locale, facts said from their fields, one meaning per outcome — and a code without words does not compile.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../src/contract/i18n/en.js';
import { fr } from '../src/contract/i18n/fr.js';
import {
  catalogues,
  checkReasons,
  describeFinding,
  errorCodes,
  errorMessage,
  errorText,
  outcomeOf,
  pickLanguage,
  problemCodes,
  problemMessage,
  tally,
  tallyText,
  warningCodes,
  warningMessage,
  words,
  type Finding,
} from '../src/contract/index.js';
import { repoRoot } from './helpers/cli.js';

describe('one catalogue per language', () => {
  it('has every key in both languages, none empty, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(fr[key].trim(), key).not.toBe('');
      expect(holes(fr[key]), key).toEqual(holes(en[key]));
    }
  });

  it('says every code of the contract in both languages', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const c of errorCodes) expect(catalogues[lang][errorMessage[c]], c).toBeTruthy();
      for (const c of warningCodes) expect(catalogues[lang][warningMessage[c]], c).toBeTruthy();
      for (const c of problemCodes) expect(catalogues[lang][problemMessage[c]], c).toBeTruthy();
    }
  });

  it('a new code that no table names stops the renderer from compiling, naming the code', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'ss-contract-'));
    for (const p of ['tsconfig.json', 'src/contract', 'electron/renderer'])
      cpSync(path.join(repoRoot, p), path.join(copy, p), { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const compile = () =>
      spawnSync(process.execPath, [tsc, '--noEmit', '-p', path.join(copy, 'electron/renderer/tsconfig.json')], { encoding: 'utf8' });
    const before = compile();
    expect(before.status, before.stdout).toBe(0);
    const codes = path.join(copy, 'src/contract/codes.ts');
    writeFileSync(codes, readFileSync(codes, 'utf8').replace("'not-found',", "'not-found',\n  'fake-code',"));
    const after = compile();
    expect(after.status).not.toBe(0);
    expect(after.stdout).toMatch(/fake-code/);
    expect(after.stdout).toMatch(/reasons\.ts/);
  }, 120_000);
});

describe("the user's language", () => {
  it('the saved choice, else the first locale set (LC_ALL, LC_MESSAGES, LANG, the system); C means English', () => {
    expect(pickLanguage('en', 'fr_FR.UTF-8')).toBe('en');
    expect(pickLanguage(undefined, 'fr_FR.UTF-8', 'en_US.UTF-8')).toBe('fr');
    expect(pickLanguage(undefined, undefined, '', 'fr-CA')).toBe('fr');
    expect(pickLanguage(undefined, 'C.UTF-8', 'fr_FR.UTF-8')).toBe('en');
    expect(pickLanguage(undefined, 'nl-BE')).toBe('en');
  });

  it('plural forms follow each language (French counts 0 as singular)', () => {
    expect(words('en').plural('status.faces', 0)).toBe('0 faces');
    expect(words('en').plural('status.faces', 1)).toBe('1 face');
    expect(words('fr').plural('status.faces', 0)).toBe('0 visage');
    expect(words('fr').plural('status.faces', 2)).toBe('2 visages');
    expect(words('fr', 'fr-FR').plural('status.faces', 1200)).toBe('1\u202f200 visages');
  });
});

describe('facts said from their fields', () => {
  const w = { en: words('en', 'en-GB'), fr: words('fr', 'fr_FR.UTF-8') };
  // Omit over each member of the union, not over the union's common fields.
  type Fact = Finding extends infer F ? (F extends Finding ? Omit<F, 'where' | 'sensitive'> : never) : never;
  const f = (fact: Fact, where = ['EXIF']): Finding => ({ ...fact, where, sensitive: true }) as Finding;

  it("a date once, in the reader's words, with where it was found as the detail", () => {
    const taken = f({ kind: 'date', role: 'taken', iso: '2008-11-01T21:15:00', raw: '2008:11:01 21:15:00' }, ['EXIF', 'XMP']);
    expect(describeFinding(taken, w.en)).toEqual({ text: 'Taken on 1 November 2008 at 21:15', detail: 'EXIF, XMP', sensitive: true });
    expect(describeFinding(taken, w.fr).text).toBe('Prise le 1er novembre 2008 à 21:15');
    expect(describeFinding(f({ kind: 'date', role: 'dated', raw: 'last summer' }), w.fr).text).toBe('Datée du last summer');
  });

  it('a position, names, sizes in each language', () => {
    const where = f({ kind: 'location', lat: -33.8568, lon: -151.2153 });
    expect(describeFinding(where, w.en).text).toBe('Location: 33.8568 S, 151.2153 W');
    expect(describeFinding(where, w.fr).text).toBe('Lieu\u202f: 33,8568 S\u202f; 151,2153 O');
    expect(describeFinding(f({ kind: 'people', names: ['Kate', 'Tom'] }), w.fr).text).toBe('Noms de personnes\u202f: Kate et Tom');
    const thumb = f({ kind: 'thumbnail', count: 1, bytes: 2970 });
    expect(describeFinding(thumb, w.fr).detail).toBe('EXIF · 2,9 Ko');
    expect(describeFinding(thumb, w.en).text).toMatch(/^A small copy of the photo/);
  });

  it('engine errors: the precise sentence in English, the reason for the code (and the values it names) in French', () => {
    const e = {
      code: 'unsupported-format' as const,
      message: 'a DNG camera RAW file is not supported; export it as JPEG first',
      values: { what: 'DNG camera RAW' },
    };
    expect(errorText(e, w.en)).toBe(e.message);
    expect(errorText(e, w.fr)).toBe('ce type de fichier (DNG camera RAW) n’est pas pris en charge\u202f; exportez-le d’abord en JPEG');
  });
});

describe('one signal, one meaning', () => {
  it('check it: no face, small faces, faces left visible; a covered doubtful detection is a note', () => {
    const r = (...codes: (typeof warningCodes)[number][]) => ({ status: 'done' as const, warnings: codes.map((code) => ({ code })) });
    expect(outcomeOf(r())).toBe('safe');
    expect(outcomeOf(r('low-confidence', 'downscaled', 'cover-grown'))).toBe('safe');
    expect(outcomeOf(r('no-face'))).toBe('check');
    expect(outcomeOf(r('faces-not-covered'))).toBe('check');
    expect(checkReasons(r('small-face', 'low-confidence', 'small-face'))).toEqual(['small-face']);
    expect(outcomeOf({ status: 'failed', warnings: [] })).toBe('failed');
  });

  it('a batch adds up the same in every door', () => {
    const t = tally(
      [
        { status: 'done', warnings: [] },
        { status: 'done', warnings: [{ code: 'no-face' }] },
        { status: 'failed', warnings: [] },
        { status: 'skipped', warnings: [] },
      ],
      1,
    );
    expect(t).toEqual({ photos: 5, safe: 1, toCheck: 1, failed: 2, skipped: 1 });
    expect(tallyText(t, words('en'))).toBe('5 photos: 1 safe, 1 to check before sharing, 2 failed, 1 already done');
    expect(tallyText(t, words('fr'))).toBe('5 photos\u202f: 1 sûre, 1 à vérifier avant de la partager, 2 en échec, 1 déjà faite');
  });
});
