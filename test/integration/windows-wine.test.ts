// The Windows right-click door, executed: Windows Node runs the built project under Wine, from
// C:\users\Léa Dupont\share safely. `integrate install` writes the verbs with reg.exe, and each verb
// runs as Explorer runs it — the registry's command with %1 / %V replaced, started by CreateProcessW,
// one process per selected item (wine/verb.c). The copies are judged on the Linux side by the
// project's verifier, exiftool and the face detector; uninstall must leave the registry as it was.
// What Wine cannot show (a toast, an Explorer window) is checked as far as it goes: the log says the
// notification was not shown, and explorer.exe was started on the right folder.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notShownLine } from '../../cli/integrate/action.js';
import { words } from '../../src/contract/index.js';
import { analyze, imageExtensions, verifyFile, type Rect } from '../../src/index.js';
import { cliPath, runCli, samplesDir } from '../helpers/cli.js';
import { leakedTags } from '../helpers/exiftool.js';
import { lacks } from '../helpers/oracles.js';
import { freshWindows, nodeExe, prepare, projectDir, verbExe } from './wine/prepare.js';
import { windowsUser, type Wine } from './wine/wine.js';

const skip = lacks(import.meta.filename, 'wine', 'mingw', 'exiftool');

const classes = 'HKEY_CURRENT_USER\\Software\\Classes';
const cli = `${projectDir}\\dist\\cli\\main.js`;
const pictures = `C:\\users\\${windowsUser}\\Pictures`;
const summer = `${pictures}\\Photos été`;
const logWin = `C:\\users\\${windowsUser}\\AppData\\Local\\Share Safely\\action.log`;

let wine: Wine;
let classesBefore: Map<string, Record<string, string>> | undefined;

/** Copies sample photos into the prefix under new names; returns their Windows paths. */
function place(folder: string, photos: Record<string, string>): string[] {
  mkdirSync(wine.unix(folder), { recursive: true });
  return Object.entries(photos).map(([name, sample]) => {
    const target = `${folder}\\${name}`;
    if (sample) cpSync(path.join(samplesDir, sample), wine.unix(target));
    else writeFileSync(wine.unix(target), 'this is not a picture');
    return target;
  });
}

/** Runs a verb on the items as Explorer does; resolves with each process's exit code and command line. */
async function explorerVerb(verb: string, items: string[]): Promise<{ code: number; command: string }[]> {
  const report = `C:\\verb-report.txt`;
  rmSync(wine.unix(report), { force: true });
  const r = await wine.run([verbExe, report, verb, ...items], 180_000);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(wine.unix(report), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [code, command] = line.split('\t');
      return { code: Number(code), command };
    });
}

/** The log, which holds the last run only (one entry, starting with "=="); each one read is kept in `seen`. */
const seen: string[] = [];
function lastRun(): string {
  const entries = readFileSync(wine.unix(logWin), 'utf8')
    .split(/^(?===)/m)
    .filter(Boolean);
  expect(entries).toHaveLength(1);
  seen.push(entries[0]);
  return entries[0];
}
const shownFolders = (folder: string) => wine.processes().filter((argv) => /explorer\.exe$/i.test(argv[0]) && argv[1] === folder).length;

const overlap = (a: Rect, b: Rect) => {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? (w * h) / Math.min(a.width * a.height, b.width * b.height) : 0;
};

/** How sure the detector must be to call something a face here: the bar of the engine's own re-check after covering. */
const sure = 0.6;

/** A clean copy: our verifier and exiftool find nothing, and the detector is sure of none of the original's faces any more. */
async function expectSafeCopy(original: string, copy: string): Promise<void> {
  const report = await verifyFile(wine.unix(copy));
  expect(report.clean, JSON.stringify(report)).toBe(true);
  expect(leakedTags(wine.unix(copy))).toEqual([]);
  const faces = (await analyze(wine.unix(original))).faces.filter((f) => f.source === 'detector' && f.score >= sure);
  expect(faces.length).toBeGreaterThan(0);
  const left = (await analyze(wine.unix(copy))).faces.filter((f) => f.score >= sure);
  for (const f of faces) expect(left.filter((l) => overlap(l.box, f.box) > 0.3)).toEqual([]);
}

describe.skipIf(skip)('the Windows right-click door, run under Wine', () => {
  beforeAll(async () => {
    expect(existsSync(cliPath), 'build first (npm run build): Windows Node runs dist/cli/main.js').toBe(true);
    wine = await freshWindows(await prepare());
    await wine.server('-p');
  }, 900_000);

  afterAll(async () => {
    if (!wine) return;
    await wine.server('-k');
    rmSync(wine.scratch, { recursive: true, force: true });
  });

  it('installs from C:\\users\\Léa Dupont\\share safely: each verb calls node and the CLI by their full, quoted paths', async () => {
    classesBefore = await wine.regExport(classes);
    // No desktop app here: "Review and share safely" is not offered.
    const bare = await wine.run([nodeExe, cli, 'integrate', 'install', '--for', 'explorer']);
    expect(bare.stderr).toBe('');
    expect(bare.stdout).toMatch(/✓ Windows Explorer\s+added 14 entries to the registry, HKEY_CURRENT_USER\\Software\\Classes/);
    expect((await wine.regExport(classes))!.has(`${classes}\\Directory\\shell\\ShareSafely.Review`)).toBe(false);
    // With a desktop app (a packaged one, named by SHARE_SAFELY_APP), it is; the app is gone again by the review test.
    const r = await wine.run([nodeExe, cli, 'integrate', 'install', '--for', 'explorer'], undefined, { SHARE_SAFELY_APP: nodeExe });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ Windows Explorer\s+added 28 entries to the registry, HKEY_CURRENT_USER\\Software\\Classes/);
    const keys = (await wine.regExport(classes))!;
    const owners = [
      ...imageExtensions.map((e) => ({ key: `SystemFileAssociations\\.${e}`, item: '%1' })),
      { key: 'Directory', item: '%V' },
    ];
    for (const { key, item } of owners) {
      for (const [verb, words] of [
        ['ShareSafely', 'action --gather'],
        ['ShareSafely.Review', 'action --review --gather'],
      ]) {
        expect(keys.get(`${classes}\\${key}\\shell\\${verb}`)?.MultiSelectModel).toBe('Player');
        expect(keys.get(`${classes}\\${key}\\shell\\${verb}\\command`)?.['']).toBe(`"${nodeExe}" "${cli}" ${words} -- "${item}"`);
      }
    }
    const status = await wine.run([nodeExe, cli, 'integrate', 'status']);
    expect(status.stdout).toMatch(
      /^Windows Explorer\s+installed\n\s+registry entries present under HKEY_CURRENT_USER\\Software\\Classes: 28 of 28\n$/,
    );
  });

  it('one photo: a verified copy in "Safe to share", faces covered, the same bytes as on Linux', async () => {
    const [photo] = place(summer, { 'Léa & Tom (1).jpg': 'IMG_20240503_140212.jpg' });
    const [run] = await explorerVerb('ShareSafely', [photo]);
    expect(run).toEqual({ code: 0, command: `"${nodeExe}" "${cli}" action --gather -- "${photo}"` });
    const copy = `${summer}\\Safe to share\\Léa & Tom (1).safe.jpg`;
    await expectSafeCopy(photo, copy);
    const linux = path.join(wine.scratch, 'linux');
    const onLinux = runCli(['--out', linux, wine.unix(photo)]);
    expect(onLinux.code).toBe(0);
    expect(readFileSync(wine.unix(copy)).equals(readFileSync(path.join(linux, 'Léa & Tom (1).safe.jpg')))).toBe(true);
    // The log says what the notification said, in the CLI summary's words (no photo name: nothing failed).
    expect(lastRun().split('\n')[1]).toBe(`${onLinux.stdout.trim().split('\n').at(-1)!}.`);
    expect(shownFolders(`${summer}\\Safe to share`)).toBe(1);
  });

  it('several photos at once: one process each, joined into one batch, one log entry, one folder shown', async () => {
    const photos = place(summer, {
      'Zoé à la plage.jpg': 'portrait-sideways.jpg',
      'Anniversaire (Mamie).png': 'cameraman.png',
      'IMG_0042.HEIC': 'IMG_0042.heic',
    });
    const runs = await explorerVerb('ShareSafely', photos);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(lastRun()).toMatch(/^3 photos: .* — \d+ faces covered/m);
    const copies = ['Zoé à la plage.safe.jpg', 'Anniversaire (Mamie).safe.png', 'IMG_0042.safe.jpg'].map(
      (n) => `${summer}\\Safe to share\\${n}`,
    );
    for (const [i, copy] of copies.entries()) await expectSafeCopy(photos[i], copy);
    expect(shownFolders(`${summer}\\Safe to share`)).toBe(2);
    expect(readdirSync(wine.unix(`C:\\users\\${windowsUser}\\AppData\\Local\\Share Safely\\gather`))).toEqual([]);
  });

  it('a folder with %V, holding a file that is not a photo: the failure names the log under %LOCALAPPDATA%', async () => {
    const folder = `${pictures}\\Noël 2024`;
    place(folder, {
      'Mamie & moi.jpg': 'portrait-sideways.jpg',
      'PXL_20240101_083012.MP.jpg': 'PXL_20240101_083012.MP.jpg',
      'IMG_1.jpg': '',
    });
    const [run] = await explorerVerb('ShareSafely', [folder]);
    expect(run).toEqual({ code: 1, command: `"${nodeExe}" "${cli}" action --gather -- "${folder}"` });
    expect(readdirSync(wine.unix(`${folder}\\Safe to share`)).sort()).toEqual(['Mamie & moi.safe.jpg', 'PXL_20240101_083012.MP.safe.jpg']);
    await expectSafeCopy(`${folder}\\Mamie & moi.jpg`, `${folder}\\Safe to share\\Mamie & moi.safe.jpg`);
    const entry = lastRun();
    // The brick wall has neither a face nor a person: safe as it is, nothing to check.
    expect(entry).toMatch(/^3 photos: 2 safe, 1 failed — 1 face covered, GPS removed from 2\./m);
    expect(entry).toContain(`Details of what failed: ${logWin}.`);
    expect(entry).toContain(`✗ ${folder}\\IMG_1.jpg: this is not an image`);
  });

  it('Review and share safely without the desktop app: exit 1, and a sentence a parent understands', async () => {
    const photo = `${summer}\\Léa & Tom (1).jpg`;
    const [run] = await explorerVerb('ShareSafely.Review', [photo]);
    expect(run).toEqual({ code: 1, command: `"${nodeExe}" "${cli}" action --review --gather -- "${photo}"` });
    const entry = lastRun();
    expect(entry).toContain(`The review window could not open; “Share safely” still makes safe copies without it. Details: ${logWin}`);
    expect(entry).toContain('\nthe Share Safely desktop app is not installed on this computer\n');
  });

  it('Wine shows no notification (its powershell.exe does nothing): every run says so in the log', () => {
    expect(seen).toHaveLength(4);
    for (const entry of seen) expect(entry.trimEnd().split('\n').at(-1)).toBe(notShownLine(words('en')).trimEnd());
  });

  it('uninstall leaves HKEY_CURRENT_USER\\Software\\Classes and the config folder as they were', async () => {
    const r = await wine.run([nodeExe, cli, 'integrate', 'uninstall', '--for', 'explorer']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/removed 28 entries from the registry/);
    expect(await wine.regExport(classes)).toEqual(classesBefore);
    expect(existsSync(wine.unix(`C:\\users\\${windowsUser}\\AppData\\Roaming\\Share Safely`))).toBe(false);
  });
});
