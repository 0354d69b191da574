// The pure parts of the integration: quoting for each place a command is stored, the Thunar
// uca.xml merge, what the notification says, how a selection is grouped, and install's care for
// files that are not ours.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupSelection, inputPath, outputFolders } from '../../cli/integrate/action.js';
import { logEntry, noticeFor, type GroupOutcome } from '../../cli/integrate/action-report.js';
import { desktopAppCommand } from '../../cli/integrate/desktop-app.js';
import { install, uninstall } from '../../cli/integrate/install.js';
import { dolphinServiceMenus, nautilusScripts, nemoActions, openWithEntry, thunarActions, xdgDirs } from '../../cli/integrate/linux.js';
import { quickActions } from '../../cli/integrate/macos.js';
import { registryKeys } from '../../cli/integrate/windows.js';
import type { Host } from '../../cli/integrate/manifest.js';
import { execArg, keyFileValue, shQuote, winQuote } from '../../cli/integrate/quote.js';
import { status, statusText } from '../../cli/integrate/status.js';
import { parseTargets } from '../../cli/integrate/targets.js';
import { emptyUca, mergeActions, removeActions } from '../../cli/integrate/thunar-uca.js';
import { isSafeError, type Result } from '../../src/index.js';
import { words } from '../../src/contract/index.js';
import type { Offer } from '../../cli/integrate/launcher.js';
import { desktopExecSplit, expandFieldCodes, keyFileUnescape } from './launch.js';

const awkward = [
  'Été 2024/Léa à la plage.jpg',
  `-Tom's "best" day.jpg`,
  'C:\\Users\\Léa\\',
  '100% $HOME `date` \\n;&|<>*?#~()',
  ' leading and trailing ',
  '',
];

describe('quoting', () => {
  it('shQuote: /bin/sh reads back every string unchanged', () => {
    for (const s of awkward) {
      expect(execFileSync('/bin/sh', ['-c', `printf '%s' ${shQuote(s)}`], { encoding: 'utf8' })).toBe(s);
    }
  });

  it('execArg and keyFileValue: a desktop-entry Exec reads back every argument unchanged', () => {
    const line = keyFileValue(awkward.map(execArg).join(' '));
    expect(line).not.toMatch(/\n/);
    expect(expandFieldCodes(desktopExecSplit(keyFileUnescape(line)), [])).toEqual(awkward);
  });

  it('winQuote: the Microsoft C runtime rules give back the argument, trailing backslashes included', () => {
    // Checked against the splitting rules in windows-macos.test.ts; here the shapes that matter.
    expect(winQuote('C:\\Program Files\\nodejs\\node.exe')).toBe('"C:\\Program Files\\nodejs\\node.exe"');
    expect(winQuote('C:\\dir\\')).toBe('"C:\\dir\\\\"');
    expect(winQuote('say "hi"')).toBe('"say \\"hi\\""');
  });
});

const both: Offer = { lang: 'en', variants: ['share', 'review'] };

describe('Thunar uca.xml', () => {
  const launcher = { node: '/opt/node & co/bin/node', script: '/home/léa/share-safely/dist/cli/main.js' };
  const actions = thunarActions(launcher, both);
  const none = { ids: [], commands: [] };
  const own = { ids: actions.map((a) => a.uniqueId), commands: actions.map((a) => a.command) };
  const layouts = {
    'one block per action': `<?xml version="1.0" encoding="UTF-8"?>\n<actions>\n<action>\n\t<icon>x</icon>\n\t<name>Mine</name>\n\t<unique-id>1-1</unique-id>\n\t<command>mine %F</command>\n</action>\n</actions>\n`,
    'all on one line': `<?xml encoding="UTF-8" version="1.0"?>\n<actions><action><icon></icon><name>Mine</name><command>mine %F</command><patterns>*</patterns></action></actions>\n`,
    empty: emptyUca,
  };

  for (const [layout, xml] of Object.entries(layouts)) {
    it(`${layout}: ours are appended after the user's, once, and removing them restores every byte`, () => {
      const merged = mergeActions(xml, actions, none);
      expect(merged.indexOf('<name>Share safely</name>')).toBeGreaterThan(xml.includes('Mine') ? merged.indexOf('<name>Mine</name>') : -1);
      expect(mergeActions(merged, actions, own)).toBe(merged);
      expect(merged.match(/<action>/g)?.length).toBe((xml.match(/<action>/g)?.length ?? 0) + 2);
      expect(merged).toContain('/opt/node &amp; co/bin/node');
      const { xml: restored, removed } = removeActions(merged, own);
      expect(removed).toBe(2);
      expect(restored).toBe(xml);
    });
  }

  it('the merged file is well-formed XML', () => {
    const merged = mergeActions(layouts['one block per action'], actions, none);
    const names = execFileSync(
      'python3',
      [
        '-c',
        'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.read()); print("|".join(n.firstChild.data for n in d.getElementsByTagName("name")))',
      ],
      {
        input: merged,
        encoding: 'utf8',
      },
    );
    // Each of ours in English, and in French for a French desktop (xml:lang).
    expect(names.trim()).toBe('Mine|Share safely|Partager en sécurité|Review and share safely|Vérifier et partager en sécurité');
    expect(merged).toContain('<name xml:lang="fr">Partager en sécurité</name>');
  });

  it('finds ours by command when Thunar rewrote the file without our ids', () => {
    const merged = mergeActions(layouts['all on one line'], actions, none).replace(/<unique-id>[^<]*<\/unique-id>/g, '');
    expect(removeActions(merged, { ids: [], commands: own.commands })).toMatchObject({ removed: 2 });
  });

  it('refuses a file that is not a Thunar actions file, and accepts <actions/>', () => {
    let error: unknown;
    try {
      mergeActions('<something/>', actions, none);
    } catch (e) {
      error = e;
    }
    expect(isSafeError(error) && error.code).toBe('corrupt');
    expect(mergeActions('<actions/>', actions, none)).toContain('<name>Share safely</name>');
  });
});

function result(input: string, over: Partial<Result>): Result {
  return {
    input,
    status: 'done',
    output: `${path.dirname(input)}/Safe to share/${path.basename(input)}`,
    faces: 0,
    facesCovered: 0,
    regions: [],
    kept: [],
    removed: [],
    warnings: [],
    ms: 1,
    ...over,
  };
}

describe('the notification', () => {
  const log = '/home/léa/.local/state/share-safely/action.log';
  const group = (results: Result[], extra: Partial<GroupOutcome> = {}): GroupOutcome => ({
    dir: '/p',
    results,
    problems: [],
    skipped: [],
    skippedFolders: 0,
    ...extra,
  });
  const noFace = { code: 'no-face' as const, message: 'no face found' };
  const [en, fr] = [words('en'), words('fr')];

  it("says the batch in the CLI summary's words, the faces covered and why photos are to check", () => {
    const groups = [
      group([
        result('/p/a.jpg', { faces: 2, facesCovered: 2 }),
        result('/p/b.jpg', { faces: 3, facesCovered: 3, warnings: [{ code: 'low-confidence', message: '' }] }),
      ]),
      group([result('/q/c.jpg', { warnings: [noFace] })]),
    ];
    expect(noticeFor(groups, log, en)).toEqual({
      title: 'Share Safely',
      body: '3 photos: 2 safe, 1 to check before sharing — 5 faces covered. To check: c.jpg (no face found).',
      critical: false,
    });
    expect(noticeFor(groups, log, fr).body).toBe(
      '3 photos\u202f: 2 sûres, 1 à vérifier avant de la partager — 5 visages couverts. À vérifier\u202f: c.jpg (aucun visage trouvé).',
    );
  });

  it('small faces and faces left visible are to check; failures name the log; files that are not photos are listed, not failed', () => {
    const failed = result('/p/x.jpg', { status: 'failed', output: undefined, error: { code: 'corrupt', message: 'broken' } });
    const kept = result('/p/k.jpg', {
      faces: 2,
      facesCovered: 1,
      kept: [{ box: { x: 0, y: 0, width: 1, height: 1 }, reason: 'adult' }],
      warnings: [{ code: 'face-left-uncovered', message: '' }],
    });
    const small = result('/p/s.jpg', { faces: 1, facesCovered: 1, warnings: [{ code: 'small-face', message: '' }] });
    const n = noticeFor(
      [
        group([result('/p/a.jpg', { faces: 1, facesCovered: 1 }), kept, small, failed], {
          problems: [{ path: '/p/gone.jpg', error: { code: 'not-found', message: 'no such file' } }],
          skipped: [{ path: '/p/notes.txt' }, { path: '/p/DSC1.dng', what: 'DNG camera RAW' }],
        }),
      ],
      log,
      en,
    );
    expect(n.body).toBe(
      `5 photos: 1 safe, 2 to check before sharing, 2 failed — 3 faces covered. To check: k.jpg and s.jpg (faces left visible, very small faces). 2 files were left out (not photos Share Safely can read): notes.txt (not a picture), DSC1.dng (DNG camera RAW). Details of what failed: ${log}.`,
    );
    expect(n.critical).toBe(true);
  });

  it('names up to three photos to check, then counts the rest, and says when GPS was removed', () => {
    const location = { kind: 'location' as const, lat: 1, lon: 2, where: ['EXIF'], sensitive: true };
    const flagged = ['a', 'b', 'c', 'd', 'e'].map((n) => result(`/p/${n}.jpg`, { warnings: [noFace], removed: [location] }));
    expect(noticeFor([group(flagged)], log, en).body).toBe(
      '5 photos: 5 to check before sharing — no face covered, GPS removed from 5. To check: a.jpg, b.jpg, c.jpg, and 2 more (no face found).',
    );
    expect(noticeFor([group(flagged)], log, fr).body).toBe(
      '5 photos\u202f: 5 à vérifier avant de les partager — aucun visage couvert, GPS retiré de 5. À vérifier\u202f: a.jpg, b.jpg, c.jpg et 2 autres (aucun visage trouvé).',
    );
  });

  it("the log says each failure in one language, the reader's", () => {
    const failed = result('/p/x.jpg', {
      status: 'failed',
      output: undefined,
      error: { code: 'truncated', message: 'the file is cut short (truncated JPEG)' },
    });
    const groups = [group([failed])];
    const when = new Date('2026-01-02T03:04:05Z');
    expect(
      logEntry(when, groups, noticeFor(groups, log, fr), fr)
        .split('\n')
        .at(-2),
    ).toBe('✗ /p/x.jpg\u202f: le fichier est incomplet (coupé avant la fin)');
    expect(
      logEntry(when, groups, noticeFor(groups, log, en), en)
        .split('\n')
        .at(-2),
    ).toBe('✗ /p/x.jpg: the file is cut short (truncated JPEG)');
  });

  it('an empty selection, copies already made, subfolders not entered', () => {
    expect(noticeFor([], log, en).body).toBe('No photos in the selection.');
    expect(noticeFor([group([result('/p/a.jpg', { status: 'skipped' })], { skippedFolders: 2 })], log, en).body).toBe(
      '1 photo: 1 already done. 2 subfolders not included (select them to include them).',
    );
  });
});

describe('the selection', () => {
  it('file URIs (Nemo) become paths; other URIs are reported; relative paths resolve in the folder shown', () => {
    expect(inputPath('file:///home/l%C3%A9a/%C3%89t%C3%A9%202024/a%22b.jpg', '/x')).toEqual({ path: '/home/léa/Été 2024/a"b.jpg' });
    expect(inputPath('smb://nas/photos/a.jpg', '/x')).toMatchObject({ problem: { path: 'smb://nas/photos/a.jpg' } });
    expect(inputPath('-r.jpg', '/home/léa')).toEqual({ path: '/home/léa/-r.jpg' });
  });

  it('groups by folder (a selected folder is its own group); one chosen output folder makes one group', () => {
    const sel = [
      { path: '/a/1.jpg', isDir: false },
      { path: '/b', isDir: true },
      { path: '/a/2.jpg', isDir: false },
    ];
    expect(groupSelection(sel, 'subfolder')).toEqual([
      { dir: '/a', paths: ['/a/1.jpg', '/a/2.jpg'] },
      { dir: '/b', paths: ['/b'] },
    ]);
    expect(groupSelection(sel, 'folder')).toEqual([{ dir: '/a', paths: ['/a/1.jpg', '/b', '/a/2.jpg'] }]);
  });

  it('opens each output folder once, in order, never for failures', () => {
    const g: GroupOutcome = {
      dir: '/a',
      results: [result('/a/1.jpg', {}), result('/a/2.jpg', {}), result('/a/3.jpg', { status: 'failed', output: '/elsewhere/3.jpg' })],
      problems: [],
      skipped: [],
      skippedFolders: 0,
    };
    expect(outputFolders([g])).toEqual(['/a/Safe to share']);
  });
});

describe('the review window', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'share-safely-app-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const script = path.join(root, 'dist', 'cli', 'main.js');
  const files = ['/p/Été.jpg', '-x.jpg'];

  it("opens through the desktop app's launcher built beside the CLI, with the paths after --", () => {
    expect(desktopAppCommand(files, { script, node: '/usr/bin/node', env: {} })).toBeUndefined();
    const launch = path.join(root, 'dist', 'electron', 'launch.js');
    mkdirSync(path.dirname(launch), { recursive: true });
    writeFileSync(launch, '');
    // Installed without dev dependencies: the launcher is there, the app (the electron package) is not.
    expect(desktopAppCommand(files, { script, node: '/usr/bin/node', env: {} })).toBeUndefined();
    const electron = path.join(root, 'node_modules', 'electron', 'package.json');
    mkdirSync(path.dirname(electron), { recursive: true });
    writeFileSync(electron, '{"name":"electron"}');
    expect(desktopAppCommand(files, { script, node: '/usr/bin/node', env: {} })).toEqual({
      command: '/usr/bin/node',
      args: [launch, '--', ...files],
    });
  });

  it('SHARE_SAFELY_APP names a packaged app, used only when it exists', () => {
    const app = path.join(root, 'Share Safely');
    expect(desktopAppCommand(files, { script, node: '/usr/bin/node', env: { SHARE_SAFELY_APP: app } })).toBeUndefined();
    writeFileSync(app, '');
    expect(desktopAppCommand(files, { script, node: '/usr/bin/node', env: { SHARE_SAFELY_APP: app } })).toEqual({
      command: app,
      args: ['--', ...files],
    });
  });
});

describe('the labels, in the user\'s language, and "review" only where the app can start', () => {
  const launcher = { node: '/usr/bin/node', script: '/opt/share-safely/dist/cli/main.js' };
  const dirs = xdgDirs({}, '/home/léa');
  const frBoth: Offer = { lang: 'fr', variants: ['share', 'review'] };
  const shareOnly: Offer = { lang: 'en', variants: ['share'] };

  it("key files carry Name and Name[fr] (the file manager shows the user's); one-name entries take the install language", () => {
    const nemo = nemoActions(launcher, dirs, both)[0]!.content;
    expect(nemo).toMatch(/^Name=Share safely$/m);
    expect(nemo).toMatch(/^Name\[fr\]=Partager en sécurité$/m);
    expect(nemo).toMatch(/^Comment\[fr\]=Faire des copies sûres/m);
    const dolphin = dolphinServiceMenus(launcher, dirs, both)[0]!.content;
    expect(dolphin).toMatch(/^Name\[fr\]=Vérifier et partager en sécurité$/m);
    expect(openWithEntry(launcher, dirs, both).content).toMatch(/^GenericName\[fr\]=Copies sûres de photos$/m);
    expect(nautilusScripts(launcher, dirs, frBoth).map((f) => path.basename(f.path))).toEqual([
      'Partager en sécurité',
      'Vérifier et partager en sécurité',
    ]);
    const verbs = registryKeys(launcher, ['jpg'], frBoth)
      .filter((k) => k.values.MUIVerb)
      .map((k) => k.values.MUIVerb);
    expect(verbs).toEqual([
      'Partager en sécurité',
      'Vérifier et partager en sécurité',
      'Partager en sécurité',
      'Vérifier et partager en sécurité',
    ]);
    expect(quickActions(launcher, '/Users/léa', frBoth).map((f) => f.path)).toContain(
      '/Users/léa/Library/Services/Partager en sécurité.workflow/Contents/Info.plist',
    );
  });

  it('without a desktop app, no entry offers "Review and share safely"', () => {
    const all = [
      ...nautilusScripts(launcher, dirs, shareOnly),
      ...nemoActions(launcher, dirs, shareOnly),
      ...dolphinServiceMenus(launcher, dirs, shareOnly),
      openWithEntry(launcher, dirs, shareOnly),
      ...quickActions(launcher, '/Users/léa', shareOnly),
    ];
    expect(all.filter((f) => /--review|Review and share safely/.test(f.content + f.path))).toEqual([]);
    expect(thunarActions(launcher, shareOnly).map((a) => a.uniqueId)).toEqual(['share-safely-share']);
    expect(
      registryKeys(launcher, ['jpg'], shareOnly)
        .map((k) => k.key)
        .filter((k) => /Review/.test(k)),
    ).toEqual([]);
    expect(dolphinServiceMenus(launcher, dirs, shareOnly)[0]!.content).toMatch(/^Actions=shareSafely;$/m);
  });
});

describe('targets and ownership', () => {
  it('--for picks targets of this system and explains the others', () => {
    expect(parseTargets(undefined, 'linux')).toEqual(['nautilus', 'nemo', 'dolphin', 'thunar', 'open-with']);
    expect(parseTargets('thunar, nautilus', 'linux')).toEqual(['thunar', 'nautilus']);
    expect(parseTargets(undefined, 'win32')).toEqual(['explorer']);
    expect(() => parseTargets('finder', 'linux')).toThrow(/macOS Finder is not available on this system/);
    expect(() => parseTargets('konqueror', 'linux')).toThrow(/unknown target "konqueror"/);
  });

  const root = mkdtempSync(path.join(tmpdir(), 'share-safely-own-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const host: Host = {
    platform: 'linux',
    home: root,
    env: { XDG_CONFIG_DIRS: path.join(root, 'none') },
    run: async () => ({ code: 0, stdout: '', stderr: '' }),
  };
  const launcher = { node: process.execPath, script: '/opt/share-safely/dist/cli/main.js' };

  it("never overwrites or removes a file of the user's at one of our paths, nor one edited after install", async () => {
    const scripts = path.join(root, '.local', 'share', 'nautilus', 'scripts');
    mkdirSync(scripts, { recursive: true });
    writeFileSync(path.join(scripts, 'Share safely'), 'my own script');
    chmodSync(path.join(scripts, 'Share safely'), 0o700);
    const [report] = await install(['nautilus'], launcher, host, both);
    expect(report.ok).toBe(false);
    expect(report.lines).toContain(`left alone: ${path.join(scripts, 'Share safely')} already exists and was not written by Share Safely`);
    expect(readFileSync(path.join(scripts, 'Share safely'), 'utf8')).toBe('my own script');
    const review = path.join(scripts, 'Review and share safely');
    expect(readFileSync(review, 'utf8')).toContain("'action' '--review' '--'");

    writeFileSync(path.join(root, '.local', 'share', 'nautilus', 'scripts', 'Review and share safely'), 'edited by the user');
    const [out] = await uninstall(['nautilus'], host);
    expect(out.lines).toContain(`left alone: ${review} was changed after it was installed`);
    expect(readFileSync(review, 'utf8')).toBe('edited by the user');
    expect(readFileSync(path.join(scripts, 'Share safely'), 'utf8')).toBe('my own script');
    // The edited file stays on record: status still shows it, a later uninstall still knows it.
    expect(existsSync(path.join(root, '.config', 'share-safely', 'integration.json'))).toBe(true);
    const s = await status(['nautilus', 'nemo'], host);
    expect(s.targets.map((t) => t.installed)).toEqual([true, false]);
    expect(s.targets[0].lines).toContain(`changed since install: ${review}`);
  });

  it('status says when node or the CLI moved since install', async () => {
    await install(['nemo'], { node: path.join(root, 'gone', 'node'), script: launcher.script }, host, both);
    const s = await status(['nemo'], host);
    expect(s.launcher).toEqual([
      `node is no longer at ${path.join(root, 'gone', 'node')}`,
      `the Share Safely CLI is no longer at ${launcher.script}`,
    ]);
    expect(statusText(s, words('en'))).toContain('Run `share-safely integrate install` again');
    expect(statusText(s, words('fr'))).toMatch(/^Nemo {2}installé\n/);
    expect(statusText(s, words('fr'))).toContain('Relancez `share-safely integrate install`');
  });
});
