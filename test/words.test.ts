// Every word a parent reads is in their language and says no more than is true. The catalogues are
// checked whole (no key missing, no English left in French, French typography), then the real CLI and
// the real `integrate` commands are run in French and everything they print is searched for English.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/contract/i18n/en.js';
import { fr } from '../src/contract/i18n/fr.js';
import { runCli, samplesDir, writeFarGroup, type Run } from './helpers/cli.js';
import { makeStubs } from './integration/launch.js';

type Key = keyof typeof en;

/** Keys whose French is the English word itself (names, file types, compass letters, "photo"). */
const sameInBoth = new Set<Key>([
  'app.title',
  'grid.heading',
  'review.shape.rect',
  'settings.format.jpeg',
  'settings.format.png',
  'settings.format.webp',
  'value.north',
  'value.south',
  'value.east',
  'short.date',
  'video.removed.date',
  'video.seconds',
  'summary.photos_one',
  'summary.photos_other',
  'cli.ph.options',
  'cli.ph.style',
  'cli.ph.format',
  'cli.ph.n',
  'cli.ph.px',
  'cli.ph.action',
]);

/** English words that are no French word: one of them in a French line is English left behind. */
const english =
  /\b(the|and|with|from|this|that|was|were|is|are|not|to|of|for|has|have|be|will|its|which|only|you|your|found|file|folder|safe|share|check|face|faces|removed|written|wrote|added|missing|left|alone|failed|nothing|installed|entries|verbs|actions|present|cannot|see|run)\b/i;

/** What is not words: placeholders, code, options, paths and file names, the product's own name. */
const notWords = (s: string) =>
  s
    .replace(/\{\w+\}/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/(^|\s)--?[\w-]+/g, ' ')
    .replace(/[\w.~-]*\/[^\s,;)]*/g, ' ')
    .replace(/\S+\.(jpg|jpeg|png|webp|heic|json|js|txt|xml|reg|log)\b/gi, ' ')
    .replace(/Share Safely|share-safely|open-with|libnotify-bin|notify-send/gi, ' ');

function englishIn(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => english.test(notWords(line)))
    .map((line) => line.trim());
}

describe('the catalogues', () => {
  it('French has every English key, and no key is left in English', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const same = (Object.keys(en) as Key[]).filter((k) => fr[k] === en[k] && !sameInBoth.has(k));
    expect(same).toEqual([]);
    const leftEnglish = (Object.keys(fr) as Key[]).filter((k) => englishIn(fr[k]).length);
    expect(leftEnglish).toEqual([]);
  });

  it('the check finds English when it is there', () => {
    expect(englishIn('quality must be a whole number from 50 to 100 (got 20)')).toHaveLength(1);
    expect(englishIn('removed /home/x/.local/share/nemo/actions/a.nemo_action (it held only our actions)')).toHaveLength(1);
    expect(englishIn('supprimé : /home/x/.local/share/nemo/actions/a.nemo_action')).toEqual([]);
  });

  it('French puts a narrow no-break space before : ; ? ! and never a plain space', () => {
    for (const k of Object.keys(fr) as Key[]) {
      expect(fr[k], k).not.toMatch(/ [:;?!]/);
      // A letter, a closing quote or bracket straight before the mark: the space is missing.
      expect(fr[k], k).not.toMatch(/[\p{L}»)][;?!]|\p{L}:(?=\s)/u);
    }
  });

  it('French grammar: plural data "will be removed" agrees, "no face" is "aucun visage"', () => {
    expect(fr['review.willBeRemoved']).toBe('à supprimer');
    expect(fr['cli.noFaceCovered']).toBe('aucun visage couvert');
    expect(fr['error.truncated']).not.toMatch(/écrit/);
    expect(fr['folder.safeToShare']).toBe('À partager');
    expect(fr['settings.place.subfolder']).toContain(`« ${fr['folder.safeToShare']} »`);
    expect(en['settings.place.subfolder']).toContain(`“${en['folder.safeToShare']}”`);
  });
});

describe('everything the CLI and `integrate` print in French is French', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ss-words-'));
  const photos = path.join(root, 'photos');
  const home = path.join(root, 'home');
  const stubs = makeStubs(path.join(root, 'stubs'));
  const french = {
    LANG: 'fr_FR.UTF-8',
    HOME: home,
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    PATH: `${stubs.dir}${path.delimiter}${process.env.PATH}`,
  };
  const runs: Record<string, Run> = {};
  const said = (r: Run) => `${r.stdout}\n${r.stderr}`;

  beforeAll(async () => {
    mkdirSync(photos);
    mkdirSync(home);
    await writeFarGroup(path.join(photos, 'far.jpg')); // very small faces: check it
    cpSync(path.join(samplesDir, 'portrait-sideways.jpg'), path.join(photos, 'portrait.jpg'));
    cpSync(path.join(samplesDir, 'PXL_20240101_083012.MP.jpg'), path.join(photos, 'beach.jpg'));
    const whole = readFileSync(path.join(samplesDir, 'IMG_20240503_140212.jpg'));
    writeFileSync(path.join(photos, 'cut.jpg'), whole.subarray(0, whole.length / 2));
    writeFileSync(path.join(photos, 'notes.txt'), 'pas une photo');
    const cli = (name: string, args: string[]) => (runs[name] = runCli(args, { cwd: root, env: french }));
    cli('first', ['photos']);
    cli('again', ['photos']);
    cli('verify', ['verify', 'photos/far.safe.jpg', 'photos/beach.jpg']);
    cli('inspect', ['inspect', 'photos/cut.jpg', 'photos/portrait.jpg']);
    cli('help', ['--help']);
    cli('helpVerify', ['help', 'verify']);
    cli('unknownHelp', ['help', 'inexistant']);
    cli('typo', ['verfy', 'photos/beach.jpg']);
    cli('quality', ['--quality', '20', 'photos']);
    cli('timeout', ['--timeout', '-1', 'photos']);
    cli('maxSize', ['--max-size', 'abc', 'photos']);
    cli('maxPixels', ['--max-pixels', '0', 'photos']);
    cli('unwritable', ['--out', 'photos/beach.jpg/copies', 'photos']);
    cli('install', ['integrate', 'install', '--for', 'nemo,thunar,open-with']);
    cli('status', ['integrate', 'status', '--for', 'nemo,thunar,open-with']);
    cli('uninstall', ['integrate', 'uninstall', '--for', 'nemo,thunar,open-with']);
  }, 300_000);

  it('no English in anything printed (--json is for scripts, and stays English)', () => {
    for (const [name, r] of Object.entries(runs)) expect(englishIn(said(r)), name).toEqual([]);
  });

  it('a second run of a folder makes no second copy and says "déjà faite"; the summary counts them', () => {
    expect(runs.again.stdout).toMatch(/^- photos\/beach\.jpg → photos\/beach\.safe\.jpg\u202f: déjà faite avec ces réglages/m);
    expect(runs.again.stdout.trim().split('\n').at(-1)).toBe('4 photos\u202f: 1 en échec, 3 déjà faites');
    expect(runs.again.stdout).not.toMatch(/safe-2/);
  });

  it('verify says what the detector did and repeats why the copy was "check it"; it names what an original keeps', () => {
    expect(runs.verify.stdout).toMatch(
      /^! photos\/far\.safe\.jpg\u202f: peut être partagée — aucun détail caché, aucun visage trouvé par le détecteur\n {4}! quand cette copie a été faite\u202f: de très petits visages/m,
    );
    expect(runs.verify.stdout).toMatch(
      /^✗ photos\/beach\.jpg\u202f: pas prête à être partagée\n {4}encore dans le fichier\u202f:\n {4}• Lieu\u202f: 40,4168 N/m,
    );
    expect(runs.verify.stdout).not.toMatch(/Des détails cachés sont encore/);
  });

  it('the summary leaves out "GPS retiré de 0", and a cut file says nothing about writing in inspect', () => {
    expect(runs.first.stdout.trim().split('\n').at(-1)).toBe(
      '4 photos\u202f: 2 sûres, 1 à vérifier avant de la partager, 1 en échec — 7 visages couverts, GPS retiré de 2',
    );
    expect(runs.inspect.stdout).toMatch(/^✗ photos\/cut\.jpg\u202f: le fichier est (incomplet|endommagé)/m);
    expect(runs.inspect.stdout).not.toMatch(/rien n’a été écrit/);
  });

  it('usage errors in the option’s own unit, help placeholders in French, unknown and mistyped commands said', () => {
    expect(runs.quality.stderr).toMatch(/--quality attend un nombre entier de 50 à 100 \(pas « 20 »\)/);
    expect(runs.timeout.stderr).toMatch(/--timeout attend un nombre de secondes de 0,1 à 86\u202f400 \(pas « -1 »\)/);
    expect(runs.maxSize.stderr).toMatch(/--max-size attend un nombre de pixels, au moins 16 \(pas « abc »\)/);
    expect(runs.maxPixels.stderr).toMatch(/--max-pixels attend un nombre de mégapixels de 0,01 à 2\u202f000 \(pas « 0 »\)/);
    for (const r of [runs.quality, runs.timeout, runs.maxSize, runs.maxPixels, runs.unknownHelp, runs.typo]) expect(r.code).toBe(2);
    expect(runs.help.stdout).toMatch(/^Utilisation\u202f: share-safely \[options\] \[commande\] \[chemins\.\.\.\]/);
    expect(runs.help.stdout).toMatch(/-o, --out <dossier>/);
    expect(runs.helpVerify.stdout).toMatch(/qu’il ne reste aucun détail caché/);
    expect(runs.unknownHelp.stderr).toMatch(/^erreur\u202f: commande inconnue « inexistant »/);
    expect(runs.typo.stderr).toMatch(/« verfy ».*vouliez-vous dire « share-safely verify »/);
  });

  it('an output folder that cannot take a copy is tried once, before any photo is analysed, and said with where and why', () => {
    expect(runs.unwritable.code).toBe(1);
    const json = runCli(['--json', '--out', 'photos/beach.jpg/copies', 'photos'], { cwd: root, env: french });
    const report = JSON.parse(json.stdout);
    expect(report.files.map((f: { error: { code: string } }) => f.error.code)).toEqual(Array(4).fill('output-unwritable'));
    expect(report.files.every((f: { ms: number }) => f.ms === 0)).toBe(true);
    expect(runs.unwritable.stderr).toMatch(
      /la copie sûre ne peut pas être écrite dans .*beach\.jpg\/copies\u202f: un fichier de ce nom est déjà là/,
    );
  });

  it('integrate says what it wrote and removed in French, in the right plural and gender', () => {
    expect(runs.install.stdout).toMatch(/écrit\u202f: .*\.nemo_action/);
    expect(runs.install.stdout).toMatch(/1 entrée ajoutée à .*uca\.xml/);
    expect(runs.status.stdout).toMatch(/Menu « Ouvrir avec »\s+installé/);
    expect(runs.status.stdout).toMatch(/uca\.xml \(entrées présentes\u202f: 1 sur 1\)/);
    expect(runs.uninstall.stdout).toMatch(/supprimé\u202f: .*uca\.xml \(il ne contenait que les entrées de Share Safely\)/);
    // "installé" agrees with every name it follows (Nautilus, Thunar, Menu « Ouvrir avec »: all masculine).
    expect(fr['integrate.installed']).toBe('installé');
    expect(fr['integrate.openWith']).toBe('Menu « Ouvrir avec »');
  });
});
