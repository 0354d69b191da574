// The Linux entries end to end: install into a temporary HOME, run every generated entry exactly as
// its file manager would on two photos with awkward names, and judge the copies with exiftool and
// `share-safely verify`; notify-send, xdg-open and the desktop app are stubs that record their
// arguments. Uninstall must leave HOME byte for byte as it was, the user's own actions included.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notShownLine } from '../../cli/integrate/action.js';
import { words } from '../../src/contract/index.js';
import { lacks } from '../helpers/oracles.js';
import { cliPath, runCli, samplesDir, writeFarGroup } from '../helpers/cli.js';
import { leakedTags } from '../helpers/exiftool.js';
import { desktopExecSplit, expandFieldCodes, fileUri, gShellParseArgv, gShellQuote, keyFileGroup, makeStubs, run } from './launch.js';

const root = mkdtempSync(path.join(tmpdir(), 'share-safely-fm-'));
const home = path.join(root, 'home');
const data = path.join(home, '.local', 'share');
const config = path.join(home, '.config');
const stubs = makeStubs(path.join(root, 'stubs'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  HOME: home,
  XDG_DATA_HOME: data,
  XDG_CONFIG_HOME: config,
  XDG_STATE_HOME: path.join(root, 'state'),
  XDG_CONFIG_DIRS: path.join(root, 'etc-xdg'),
  PATH: `${stubs.dir}${path.delimiter}${process.env.PATH}`,
  SHARE_SAFELY_APP: path.join(stubs.dir, 'share-safely-app'),
};
// Empty, not deleted: runCli lays this env over the test run's own, which names a config and a state folder.
env.SHARE_SAFELY_CONFIG_DIR = '';
env.SHARE_SAFELY_STATE_DIR = '';
const logPath = path.join(root, 'state', 'share-safely', 'action.log');

// The user's own entries, which install must keep and uninstall must not touch.
const userThunar = `<?xml version="1.0" encoding="UTF-8"?>
<actions>
<action>
\t<icon>utilities-terminal</icon>
\t<name>Open Terminal Here</name>
\t<unique-id>1700000000000001-1</unique-id>
\t<command>exo-open --working-directory %f --launch TerminalEmulator</command>
\t<description>Example for a custom action</description>
\t<patterns>*</patterns>
\t<startup-notify/>
\t<directories/>
</action>
</actions>
`;

function seedUserFiles(): void {
  const put = (file: string, content: string, mode = 0o644) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    chmodSync(file, mode);
  };
  put(path.join(config, 'Thunar', 'uca.xml'), userThunar);
  put(path.join(data, 'nautilus', 'scripts', 'Resize for email'), '#!/bin/sh\nexec mogrify -resize 50% "$@"\n', 0o755);
  put(path.join(data, 'nemo', 'actions', 'mine.nemo_action'), '[Nemo Action]\nName=Mine\nExec=true %F\nSelection=any\nExtensions=any;\n');
  put(path.join(data, 'applications', 'mimeapps.list'), '[Default Applications]\nimage/jpeg=org.gnome.eog.desktop\n');
}

/** Every file and folder under HOME with its content hash and mode. */
function snapshot(dir = home): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      const rel = path.relative(home, p);
      if (st.isDirectory()) {
        out[`${rel}/`] = 'dir';
        walk(p);
      } else {
        out[rel] = `${(st.mode & 0o777).toString(8)} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
      }
    }
  };
  walk(dir);
  return out;
}

const lea = 'Léa à la plage.jpg';
const tom = `-Tom's "best" $HOME day.jpg`;
// The same words as the CLI's summary: one photo safe, the one with very small faces to check.
const expected = `2 photos: 1 safe, 1 to check before sharing — 7 faces covered, GPS removed from 1. To check: -Tom's "best" $HOME day.safe.jpg (very small faces).`;
/** A group seen from afar (very small faces: check it), made once outside HOME. */
const far = path.join(tmpdir(), `share-safely-far-${process.pid}.jpg`);
const outputs: string[] = [];

/** A fresh "Été 2024" folder (one per entry) holding a photo with a face and one without. */
function photoFolder(entry: string): { dir: string; files: string[] } {
  const dir = path.join(root, 'photos', entry, 'Été 2024');
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(samplesDir, 'portrait-sideways.jpg'), path.join(dir, lea));
  cpSync(far, path.join(dir, tom));
  return { dir, files: [path.join(dir, lea), path.join(dir, tom)] };
}

/** What one run of the action must have produced: clean copies, one notification, the folder shown. */
function expectSafeCopies(dirs: string[], notifyBefore: number, openBefore: number, body = expected, folder = 'Safe to share'): void {
  for (const dir of dirs) {
    const made = readdirSync(path.join(dir, folder)).map((n) => path.join(dir, folder, n));
    expect(made.length).toBeGreaterThan(0);
    for (const out of made) expect(leakedTags(out)).toEqual([]);
    outputs.push(...made);
  }
  const notes = stubs.calls('notify-send');
  expect(notes.length).toBe(notifyBefore + 1);
  expect(notes.at(-1)).toEqual(['--app-name=Share Safely', '--icon=security-high', '--urgency=normal', 'Share Safely', body]);
  const opened = stubs.calls('xdg-open').slice(openBefore);
  expect(opened).toEqual(dirs.map((d) => [path.join(d, folder)]));
}

const counts = () => [stubs.calls('notify-send').length, stubs.calls('xdg-open').length] as const;

let before: Record<string, string>;

beforeAll(async () => {
  expect(existsSync(cliPath), 'build first (npm run build): the entries call dist/cli/main.js').toBe(true);
  await writeFarGroup(far);
  seedUserFiles();
  before = snapshot();
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(far, { force: true });
});

describe.skipIf(lacks(import.meta.filename, 'exiftool'))('Linux file-manager entries, installed in a temporary HOME', () => {
  it('installs for the current user; installing twice changes nothing', () => {
    const first = runCli(['integrate', 'install'], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const installed = snapshot();
    expect(installed['.local/share/nautilus/scripts/Share safely']).toMatch(/^755 /);
    expect(installed['.local/share/kio/servicemenus/share-safely.desktop']).toMatch(/^755 /);
    expect(installed['.local/share/kservices5/ServiceMenus/share-safely.desktop']).toBeDefined();
    expect(installed['.local/share/nemo/actions/share-safely.nemo_action']).toBeDefined();
    expect(installed['.local/share/applications/share-safely-action.desktop']).toBeDefined();
    for (const [file, state] of Object.entries(before)) if (file !== '.config/Thunar/uca.xml') expect(installed[file]).toBe(state);
    const uca = readFileSync(path.join(config, 'Thunar', 'uca.xml'), 'utf8');
    expect(uca.startsWith(userThunar.slice(0, userThunar.lastIndexOf('</actions>')))).toBe(true);

    expect(runCli(['integrate', 'install'], { env }).code).toBe(0);
    expect(snapshot()).toEqual(installed);
    const status = runCli(['integrate', 'status'], { env });
    expect(status.stdout).toMatch(/Thunar\s+installed/);
    expect(status.stdout).toContain('(entries present: 2 of 2)');
  });

  it('Nautilus: the script with the selection as arguments, run in the folder shown', async () => {
    const { dir, files } = photoFolder('nautilus');
    const [n, o] = counts();
    const script = path.join(data, 'nautilus', 'scripts', 'Share safely');
    const r = await run([script, ...files.map((f) => path.basename(f))], {
      cwd: dir,
      env: { ...env, NAUTILUS_SCRIPT_SELECTED_FILE_PATHS: `${files.join('\n')}\n`, NAUTILUS_SCRIPT_CURRENT_URI: fileUri(dir) },
    });
    expect(r.code, r.stderr).toBe(0);
    expectSafeCopies([dir], n, o);
    // Right-click again: the copies made from the same photos with the same settings are recognised, none is added.
    const made = readdirSync(path.join(dir, 'Safe to share')).sort();
    const again = await run([script, ...files.map((f) => path.basename(f))], { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'Safe to share')).sort()).toEqual(made);
    expect(stubs.calls('notify-send').at(-1)?.at(-1)).toBe('2 photos: 2 already done.');
    // The record of copies names no photo: hashes only.
    const record = readFileSync(path.join(root, 'state', 'share-safely', 'copies.txt'), 'utf8');
    expect(record).toMatch(/^([0-9a-f]{64}\n)+$/);
  });

  it('in French when the system speaks French: the notification, the log, and the folder named « À partager »', async () => {
    const { dir, files } = photoFolder('french');
    const [n, o] = counts();
    const script = path.join(data, 'nautilus', 'scripts', 'Share safely');
    const r = await run([script, ...files.map((f) => path.basename(f))], { cwd: dir, env: { ...env, LANG: 'fr_FR.UTF-8' } });
    expect(r.code, r.stderr).toBe(0);
    expectSafeCopies(
      [dir],
      n,
      o,
      `2 photos\u202f: 1 sûre, 1 à vérifier avant de la partager — 7 visages couverts, GPS retiré de 1. À vérifier\u202f: -Tom's "best" $HOME day.safe.jpg (de très petits visages).`,
      'À partager',
    );
  });

  it('Nautilus: with no arguments, the review script reads NAUTILUS_SCRIPT_SELECTED_FILE_PATHS and opens the app', async () => {
    const { files } = photoFolder('nautilus-review');
    const apps = stubs.calls('share-safely-app').length;
    const script = path.join(data, 'nautilus', 'scripts', 'Review and share safely');
    const r = await run([script], { cwd: home, env: { ...env, NAUTILUS_SCRIPT_SELECTED_FILE_PATHS: `${files.join('\n')}\n` } });
    expect(r.code, r.stderr).toBe(0);
    expect(stubs.calls('share-safely-app').slice(apps)).toEqual([['--', ...files]]);
  });

  it("Nautilus: on the folder's background (nothing selected) the folder shown is the selection", async () => {
    const { dir } = photoFolder('nautilus-background');
    const apps = stubs.calls('share-safely-app').length;
    const script = path.join(data, 'nautilus', 'scripts', 'Review and share safely');
    const r = await run([script], {
      cwd: dir,
      env: { ...env, NAUTILUS_SCRIPT_SELECTED_FILE_PATHS: '', NAUTILUS_SCRIPT_CURRENT_URI: fileUri(dir) },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(stubs.calls('share-safely-app').slice(apps)).toEqual([['--', dir]]);
  });

  it("Nemo: the action's Exec with %U pasted in double quotes, split like g_spawn_command_line_async", async () => {
    const { dir, files } = photoFolder('nemo');
    const [n, o] = counts();
    const action = keyFileGroup(readFileSync(path.join(data, 'nemo', 'actions', 'share-safely.nemo_action'), 'utf8'), 'Nemo Action');
    expect(action.Quote).toBe('double');
    expect(action.Selection).toBe('notnone');
    expect(action.Mimetypes.split(';')).toEqual(expect.arrayContaining(['image/jpeg', 'image/heic', 'inode/directory']));
    const line = action.Exec.replace('%U', files.map((f) => `"${fileUri(f)}"`).join(' '));
    const r = await run(gShellParseArgv(line), { cwd: home, env });
    expect(r.code, r.stderr).toBe(0);
    expectSafeCopies([dir], n, o);
  });

  it("Dolphin: the service menu action's Exec with %F expanded (the KDE 5 and KDE 6 files are the same)", async () => {
    const { dir, files } = photoFolder('dolphin');
    const [n, o] = counts();
    const menu = readFileSync(path.join(data, 'kio', 'servicemenus', 'share-safely.desktop'), 'utf8');
    expect(readFileSync(path.join(data, 'kservices5', 'ServiceMenus', 'share-safely.desktop'), 'utf8')).toBe(menu);
    const entry = keyFileGroup(menu, 'Desktop Entry');
    expect(entry.Type).toBe('Service');
    expect(entry.ServiceTypes).toBe('KonqPopupMenu/Plugin');
    expect(entry.MimeType.split(';')).toEqual(expect.arrayContaining(['image/jpeg', 'image/png', 'inode/directory']));
    expect(entry.Actions).toBe('shareSafely;reviewSafely;');
    const argv = expandFieldCodes(desktopExecSplit(keyFileGroup(menu, 'Desktop Action shareSafely').Exec), files);
    const r = await run(argv, { cwd: home, env });
    expect(r.code, r.stderr).toBe(0);
    expectSafeCopies([dir], n, o);
  });

  it('Thunar: two selected folders, %F quoted by Thunar and run by /bin/sh -c', async () => {
    const summer = path.join(root, 'photos', 'thunar', 'Été 2024');
    const winter = path.join(root, 'photos', 'thunar', `Noël "23" & co`);
    mkdirSync(summer, { recursive: true });
    mkdirSync(winter, { recursive: true });
    cpSync(path.join(samplesDir, 'portrait-sideways.jpg'), path.join(summer, lea));
    cpSync(far, path.join(winter, tom));
    const [n, o] = counts();
    const uca = readFileSync(path.join(config, 'Thunar', 'uca.xml'), 'utf8');
    const block = [...uca.matchAll(/<action>[\s\S]*?<\/action>/g)].map((m) => m[0]).find((b) => b.includes('<name>Share safely</name>'));
    expect(block).toContain('<directories/>');
    expect(block).toContain('<image-files/>');
    const command = /<command>([\s\S]*?)<\/command>/
      .exec(block!)![1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const line = command.replace(/%([%F])/g, (_, c: string) => (c === '%' ? '%' : [summer, winter].map(gShellQuote).join(' ')));
    const r = await run(['/bin/sh', '-c', line], { cwd: home, env });
    expect(r.code, r.stderr).toBe(0);
    expectSafeCopies([summer, winter], n, o);
  });

  it('"Open with": the application entry\'s Exec with %F expanded, for image types only', async () => {
    const { dir, files } = photoFolder('open-with');
    const [n, o] = counts();
    const entry = keyFileGroup(readFileSync(path.join(data, 'applications', 'share-safely-action.desktop'), 'utf8'), 'Desktop Entry');
    expect(entry.Type).toBe('Application');
    expect(entry.TryExec).toBe(process.execPath);
    expect(entry.MimeType.split(';').filter(Boolean)).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/tiff',
      'image/avif',
      'image/heic',
      'image/heif',
      'image/gif',
    ]);
    const r = await run(expandFieldCodes(desktopExecSplit(entry.Exec), files), { cwd: home, env });
    expect(r.code, r.stderr).toBe(0);
    expectSafeCopies([dir], n, o);
  });

  it('Explorer-style --gather: two processes started together make one batch and one notification', async () => {
    const { dir, files } = photoFolder('gather');
    const cfg = path.join(root, 'config-beside');
    mkdirSync(cfg, { recursive: true });
    writeFileSync(path.join(cfg, 'settings.json'), JSON.stringify({ place: 'beside' }));
    const [n, o] = counts();
    const runs = files.map((f) =>
      run([process.execPath, cliPath, 'action', '--gather', '--', f], { cwd: home, env: { ...env, SHARE_SAFELY_CONFIG_DIR: cfg } }),
    );
    const exits = await Promise.all(runs);
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    for (const f of files) {
      const out = f.replace(/\.jpg$/, '.safe.jpg');
      expect(leakedTags(out)).toEqual([]);
      outputs.push(out);
    }
    expect(stubs.calls('notify-send').length).toBe(n + 1);
    expect(stubs.calls('notify-send').at(-1)?.at(-1)).toBe(expected);
    expect(stubs.calls('xdg-open').slice(o)).toEqual([[dir]]);
  });

  it('a file that is not a photo is listed, not failed; a damaged photo fails with a critical notification naming the log, which says why', async () => {
    const dir = path.join(root, 'photos', 'broken');
    mkdirSync(dir, { recursive: true });
    const notes = path.join(dir, 'IMG_1.jpg');
    writeFileSync(notes, 'this is not a picture');
    const cut = path.join(dir, 'IMG_2.jpg');
    const whole = readFileSync(path.join(samplesDir, 'portrait-sideways.jpg'));
    writeFileSync(cut, whole.subarray(0, whole.length / 2));
    const [n, o] = counts();
    const r = await run([process.execPath, cliPath, 'action', '--', notes, cut], { cwd: home, env });
    expect(r.code).toBe(1);
    expect(stubs.calls('notify-send').at(-1)).toEqual([
      '--app-name=Share Safely',
      '--icon=security-high',
      '--urgency=critical',
      'Share Safely',
      `1 photo: 1 failed. 1 file was left out (not a photo Share Safely can read): IMG_1.jpg (not a picture). Details of what failed: ${logPath}.`,
    ]);
    expect(stubs.calls('notify-send').length).toBe(n + 1);
    expect(stubs.calls('xdg-open').length).toBe(o);
    // The log holds this run only, with the path of the photo that failed and why; nothing about the others.
    const log = readFileSync(logPath, 'utf8');
    expect(log).toMatch(new RegExp(`✗ ${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the file is cut short`));
    expect(log).not.toContain(notes);
    expect(log).not.toMatch(/Été 2024|Noël/);
  });

  it('without notify-send the run completes silently; the log has the message and says it was not shown', async () => {
    const emptyPath = path.join(root, 'empty-path');
    mkdirSync(emptyPath, { recursive: true });
    const [n] = counts();
    const broken = ['IMG_1.jpg', 'IMG_2.jpg'].map((f) => path.join(root, 'photos', 'broken', f));
    const r = await run([process.execPath, cliPath, 'action', '--', ...broken], { cwd: home, env: { ...env, PATH: emptyPath } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(stubs.calls('notify-send').length).toBe(n);
    const lines = readFileSync(logPath, 'utf8').trimEnd().split('\n');
    expect(lines[1]).toBe(
      `1 photo: 1 failed. 1 file was left out (not a photo Share Safely can read): IMG_1.jpg (not a picture). Details of what failed: ${logPath}.`,
    );
    expect(lines.at(-1)).toBe(notShownLine(words('en')).trimEnd());
  });

  it('review without the desktop app: the user is told, and nothing else happens', async () => {
    const { files } = photoFolder('no-app');
    const [n, o] = counts();
    const entry = keyFileGroup(
      readFileSync(path.join(data, 'applications', 'share-safely-action.desktop'), 'utf8'),
      'Desktop Action review',
    );
    const r = await run(expandFieldCodes(desktopExecSplit(entry.Exec), files), {
      cwd: home,
      env: { ...env, SHARE_SAFELY_APP: path.join(root, 'no-such-app') },
    });
    expect(r.code).toBe(1);
    const note = stubs.calls('notify-send').at(-1)!;
    expect(stubs.calls('notify-send').length).toBe(n + 1);
    expect(note[2]).toBe('--urgency=critical');
    expect(note[4]).toBe(`The review window could not open; “Share safely” still makes safe copies without it. Details: ${logPath}`);
    expect(readFileSync(logPath, 'utf8')).toContain('the Share Safely desktop app is not installed');
    expect(stubs.calls('xdg-open').length).toBe(o);
    expect(readdirSync(path.dirname(files[0]))).toEqual(expect.not.arrayContaining(['Safe to share']));
  });

  it('every copy the entries made passes share-safely verify', () => {
    expect(outputs.length).toBe(14);
    const r = runCli(['verify', ...outputs], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("uninstall leaves HOME exactly as it was before install, the user's own entries included; --purge also removes the log and the record", () => {
    const r = runCli(['integrate', 'uninstall'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Kept: .*action\.log.*integrate uninstall --purge/);
    expect(snapshot()).toEqual(before);
    expect(runCli(['integrate', 'status'], { env }).stdout).toMatch(/Thunar\s+not installed/);
    const purge = runCli(['integrate', 'uninstall', '--purge'], { env });
    expect(purge.code).toBe(0);
    expect(purge.stdout).toMatch(/Removed: .*action\.log/);
    expect(existsSync(path.join(root, 'state', 'share-safely'))).toBe(false);
    expect(existsSync(path.join(config, 'share-safely'))).toBe(false);
  });
});
