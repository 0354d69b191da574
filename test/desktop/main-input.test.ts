// What main accepts from outside: files handed over by the OS, arguments from the window, the
// allowlist of photos, the menu, and the launcher's look for an Electron binary.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/launch.js';
import { asCover, asDroppedPaths, asExportRequests, asPhotoId, asSettings, IpcArgumentError } from '../../electron/main/ipc-validate.js';
import { LaunchQueue, pathsFromArgv, pathsFromHandOver } from '../../electron/main/launch-args.js';
import { menuTemplate } from '../../electron/main/menu.js';
import { entryOf, PhotoAllowlist } from '../../electron/main/photo-allowlist.js';

describe('files handed over by the OS', () => {
  it('takes paths from argv, skipping the executable, the dev script and switches', () => {
    const argv = ['/opt/Share Safely/share-safely', '--no-sandbox', 'IMG_1.jpg', '-psn_0_12345', '/home/ann/Pictures', 'IMG_1.jpg'];
    expect(pathsFromArgv(argv, { cwd: '/home/ann', defaultApp: false })).toEqual(['/home/ann/IMG_1.jpg', '/home/ann/Pictures']);
    const dev = ['/usr/bin/electron', 'dist/electron/main/main.js', 'a b.png'];
    expect(pathsFromArgv(dev, { cwd: '/tmp', defaultApp: true })).toEqual(['/tmp/a b.png']);
  });

  it('after --, a name starting with a dash is a file', () => {
    expect(pathsFromArgv(['app', '--', '-beach.jpg', '--x'], { cwd: '/p', defaultApp: false })).toEqual(['/p/-beach.jpg', '/p/--x']);
  });

  it("accepts a second launch's hand-over only when it is a list of absolute paths", () => {
    expect(pathsFromHandOver({ files: ['/a/1.jpg', '/a/1.jpg', '/b'] })).toEqual(['/a/1.jpg', '/b']);
    for (const bad of [
      null,
      'x',
      { files: 'x' },
      { files: ['rel.jpg'] },
      { files: [1] },
      { files: ['/a\0b'] },
      { files: Array(10_001).fill('/a') },
    ]) {
      expect(pathsFromHandOver(bad)).toBeNull();
    }
  });

  it('keeps files that arrive before the window is ready, then passes later ones straight on', () => {
    const q = new LaunchQueue();
    q.push(['/a.jpg']);
    q.push(['/b.jpg', '/a.jpg']);
    const got: string[][] = [];
    q.open((p) => got.push(p));
    q.push(['/c.jpg']);
    q.push([]);
    expect(got).toEqual([['/a.jpg', '/b.jpg'], ['/c.jpg']]);
  });
});

describe('arguments from the window', () => {
  const rect = { shape: 'rect', x: 1, y: 2, width: 3, height: 4 } as const;
  const oval = { shape: 'ellipse', x: 1, y: 2, width: 3, height: 4 } as const;

  it('accepts well-formed values', () => {
    expect(asPhotoId(7)).toBe(7);
    expect(asCover({ faces: [oval, null], extra: [rect, oval] }, 2)).toEqual({ faces: [oval, null], extra: [rect, oval] });
    expect(asExportRequests([{ id: 1, cover: {} }])).toEqual([{ id: 1, cover: {} }]);
    expect(asDroppedPaths(['/home/ann/a.jpg'])).toEqual(['/home/ann/a.jpg']);
  });

  it('refuses anything else with an IpcArgumentError', () => {
    const bad: (() => unknown)[] = [
      () => asPhotoId('1'),
      () => asPhotoId(0),
      () => asPhotoId(1.5),
      () => asCover({ faces: [rect], extra: [] }, 2),
      () => asCover({ faces: [], extra: [{ x: 1, y: 2, width: 3, height: 4 }] }, 0),
      () => asCover({ faces: [], extra: [{ ...rect, shape: 'star' }] }, 0),
      () => asCover({ faces: [{ ...rect, width: -1 }], extra: [] }, 1),
      () => asCover({ faces: [{ ...rect, x: Number.NaN }], extra: [] }, 1),
      () => asCover({ faces: [], extra: Array(1001).fill(rect) }, 0),
      () => asCover({ faces: [], extra: [{ x: 1, y: 2, width: '3', height: 4 }] }, 0),
      () => asExportRequests([]),
      () => asExportRequests([{ id: 1 }, { id: 1 }]),
      () => asDroppedPaths(['relative.jpg']),
      () => asDroppedPaths(['/a\0b']),
      () => asDroppedPaths('/a'),
    ];
    for (const f of bad) expect(f).toThrow(IpcArgumentError);
  });

  it('takes settings values only from the known choices, and an output folder only from the folder dialog', () => {
    const s = { style: 'pixelate', faces: 'all', format: 'keep', rename: true, place: 'beside', language: 'fr' };
    expect(asSettings(s, new Set())).toEqual(s);
    expect(asSettings({ ...s, place: 'folder', folder: '/out' }, new Set(['/out']))).toMatchObject({ place: 'folder', folder: '/out' });
    expect(() => asSettings({ ...s, place: 'folder', folder: '/home/ann/.ssh' }, new Set(['/out']))).toThrow(/folder dialog/);
    expect(() => asSettings({ ...s, place: 'folder' }, new Set())).toThrow(IpcArgumentError);
    expect(() => asSettings({ ...s, style: 'melt' }, new Set())).toThrow(IpcArgumentError);
    expect(() => asSettings({ ...s, rename: 'yes' }, new Set())).toThrow(IpcArgumentError);
    expect(() => asSettings({ ...s, language: 'de' }, new Set())).toThrow(IpcArgumentError);
  });
});

describe('the allowlist of photos', () => {
  it('hands out ids for what the user opened, each photo once, and refuses other ids', () => {
    const list = new PhotoAllowlist();
    const added = list.add([{ input: '/p/a.jpg' }, { input: '/p/sub/b.jpg', root: '/p' }]);
    expect(added.map((r) => [r.id, r.placement.index])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(list.add([{ input: '/p/a.jpg' }])).toEqual([]);
    expect(entryOf(list.get(2))).toEqual({ id: 2, name: 'b.jpg', folder: '/p/sub' });
    expect(() => list.get(3)).toThrow(/not one the user opened/);
    expect(() => list.analyzed(1)).toThrow(/not been analysed/);
    expect(list.output(1)).toBeNull();
  });
});

describe('the menu', () => {
  const labels = (t: MenuItemConstructorOptions[]) => t.map((m) => m.label ?? m.role);

  it('speaks the language it is given, from the shared catalogue', () => {
    expect(labels(menuTemplate('fr', 'linux', () => {}, false))).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre']);
    expect(labels(menuTemplate('en', 'darwin', () => {}, false))[0]).toBe('appMenu');
  });

  it('sends its commands to the window; developer tools only in development', () => {
    const run: string[] = [];
    const file = menuTemplate('en', 'linux', (c) => run.push(c), false)[0]!.submenu as MenuItemConstructorOptions[];
    for (const item of file) item.click?.({} as never, undefined, {} as never);
    expect(run).toEqual(['open', 'open-folder', 'export', 'settings']);
    const roles = (dev: boolean) => JSON.stringify(menuTemplate('en', 'linux', () => {}, dev));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
});

describe('npm run desktop', () => {
  it("finds the Electron binary from the package's path file, and nothing when it is missing", () => {
    const pkg = mkdtempSync(path.join(tmpdir(), 'electron-pkg-'));
    expect(electronBinary(pkg, {})).toBeNull();
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(electronBinary(pkg, {})).toBeNull();
    mkdirSync(path.join(pkg, 'dist'));
    writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(electronBinary(pkg, {})).toBe(path.join(pkg, 'dist', 'electron'));
  });
});
