// Main's IPC handlers over the real engine (in this process, as the engine host runs it), and the
// engine client over a real host process that dies mid-call.
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent, FaceView, SettingsView } from '../../src/contract/bridge.js';
import { createDesktop, type Desktop } from '../../electron/main/desktop.js';
import { EngineClient } from '../../electron/main/engine-client.js';
import { answer, type EngineRequest } from '../../electron/main/engine-protocol.js';
import { localEngine } from '../../electron/main/engine-service.js';
import { forkEngineHost, root } from './browser-host.js';

const samples = path.join(root, 'test', 'fixtures', 'samples');
const work = mkdtempSync(path.join(tmpdir(), 'ss-handlers-'));
process.env.SHARE_SAFELY_CONFIG_DIR = path.join(work, 'config');

let desktop: Desktop;
const events: AppEvent[] = [];
const shell = { shown: [] as string[], copied: [] as Uint8Array[] };
const chosenFolder = path.join(work, 'chosen');

beforeAll(async () => {
  mkdirSync(path.join(work, 'photos'));
  cpSync(path.join(samples, 'cameraman.png'), path.join(work, 'photos', 'cameraman.png'));
  writeFileSync(path.join(work, 'photos', 'notes.txt'), 'not a photo');
  desktop = await createDesktop({
    engine: localEngine,
    dialogs: { openPhotos: async () => [], openFolder: async () => [], chooseOutputFolder: async () => chosenFolder },
    shell: { showInFolder: (f) => void shell.shown.push(f), copyImage: async (png) => void shell.copied.push(png) },
    send: (e) => void events.push(e),
    locale: 'fr-FR',
  });
});

const h = () => desktop.handlers;
const ready = (id: number) =>
  events.findLast((e) => e.type === 'photo' && e.id === id && e.photo.state === 'ready') as { photo: { faces: FaceView[] } } | undefined;

describe("main's handlers, over the real engine", () => {
  it('start with the saved settings (defaults) and the system locale', async () => {
    expect(await h()['app:startup']()).toEqual({
      locale: 'fr-FR',
      settings: { style: 'blur', faces: 'all', format: 'keep', rename: false, place: 'subfolder' },
    });
  });

  it('add what was dropped, report what could not be used, analyse in the background', async () => {
    const out = await h()['photos:add-dropped']([path.join(work, 'photos'), path.join(work, 'missing.jpg')]);
    expect(out.photos).toEqual([{ id: 1, name: 'cameraman.png', folder: path.join(work, 'photos') }]);
    expect(out.problems).toEqual([{ name: 'missing.jpg', code: 'not-found', message: 'no such file or folder' }]);
    await desktop.idle();
    expect(events.filter((e) => e.type === 'photo').map((e) => (e.type === 'photo' ? e.photo.state : ''))).toEqual(['analysing', 'ready']);
    expect(ready(1)!.photo.faces.length).toBeGreaterThanOrEqual(1);
    // The same folder dropped again adds nothing new.
    expect((await h()['photos:add-dropped']([path.join(work, 'photos')])).photos).toEqual([]);
  });

  it('refuse ids they did not hand out, covers that do not fit the photo, and malformed arguments', async () => {
    const faces = ready(1)!.photo.faces;
    await expect(h()['photos:preview'](99, { faces: [], extra: [] })).rejects.toThrow(/not one the user opened/);
    await expect(h()['photos:preview'](1, { faces: [], extra: [] })).rejects.toThrow(/faces/);
    await expect(
      h()['photos:export']([
        { id: 1, cover: { faces: faces.map(() => null), extra: [{ shape: 'rect', x: 0, y: 0, width: -5, height: 5 }] } },
      ]),
    ).rejects.toThrow(/positive/);
    await expect(h()['photos:add-dropped'](['relative/path.jpg'])).rejects.toThrow(/absolute/);
    await expect(h()['photos:show-in-folder']('1')).rejects.toThrow(/whole number/);
    // Nothing was written by the refused export.
    expect(shell.shown).toEqual([]);
  });

  it('preview without writing, export with the reviewed cover, then show and copy the copy', async () => {
    const faces = ready(1)!.photo.faces;
    const cover = { faces: faces.map((f) => f.cover), extra: [{ shape: 'rect' as const, x: 0, y: 0, width: 40, height: 40 }] };
    const preview = await h()['photos:preview'](1, cover);
    expect(preview.mime).toBe('image/jpeg');
    expect(Buffer.from(preview.data).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(await h()['photos:show-in-folder'](1)).toBe(false);
    const [outcome] = await h()['photos:export']([{ id: 1, cover }]);
    expect(outcome).toMatchObject({
      id: 1,
      status: 'done',
      outputName: 'cameraman.safe.png',
      outputFolder: path.join(work, 'photos', 'Safe to share'),
      verify: { clean: true, problems: [] },
    });
    expect(outcome!.removed.map((f) => f.kind)).toContain('location');
    expect(events.filter((e) => e.type === 'export-progress')).toHaveLength(1);
    expect(await h()['photos:show-in-folder'](1)).toBe(true);
    expect(shell.shown).toEqual([path.join(work, 'photos', 'Safe to share', 'cameraman.safe.png')]);
    expect(await h()['photos:copy-image'](1)).toBe(true);
    expect(Buffer.from(shell.copied[0]!).subarray(1, 4).toString()).toBe('PNG');
  });

  it('save settings to the shared file; an output folder only through the dialog', async () => {
    const s: SettingsView = { style: 'pixelate', faces: 'all', format: 'keep', rename: true, place: 'beside', language: 'fr' };
    expect(await h()['settings:save'](s)).toEqual(s);
    expect(JSON.parse(readFileSync(path.join(work, 'config', 'settings.json'), 'utf8'))).toMatchObject({
      style: 'pixelate',
      language: 'fr',
    });
    await expect(h()['settings:save']({ ...s, place: 'folder', folder: '/etc' })).rejects.toThrow(/folder dialog/);
    expect(await h()['settings:choose-folder']()).toMatchObject({ place: 'folder', folder: chosenFolder });
    expect(await h()['settings:save']({ ...s, place: 'folder', folder: chosenFolder })).toMatchObject({ folder: chosenFolder });
  });

  it('analyse again when the faces setting changes; OS hand-overs are announced to the window', async () => {
    await h()['settings:save']({ style: 'blur', faces: 'none', format: 'keep', rename: false, place: 'subfolder' });
    await desktop.idle();
    expect(ready(1)!.photo.faces).toEqual([]);
    cpSync(path.join(samples, 'astronaut.webp'), path.join(work, 'astronaut.webp'));
    const out = await desktop.addFromSystem([path.join(work, 'astronaut.webp')]);
    expect(out.photos.map((p) => p.name)).toEqual(['astronaut.webp']);
    expect(events.findLast((e) => e.type === 'added')).toEqual({ type: 'added', outcome: out });
    await desktop.idle();
  });
});

describe('the engine host process', () => {
  it('answers a malformed request with an error, never a crash', async () => {
    expect(await answer(localEngine, { id: 3, op: 'rm -rf' as never, args: [] })).toMatchObject({ id: 3, ok: false });
    expect(await answer(localEngine, { id: 4, op: 'collect', args: 'x' as never } as EngineRequest)).toMatchObject({ id: 4, ok: false });
    expect(
      await answer(localEngine, { id: 5, op: 'analyze', args: [{ input: path.join(work, 'photos', 'notes.txt') }, {}] }),
    ).toMatchObject({ id: 5, ok: false, error: { code: 'not-an-image' } });
  });

  it('a host that dies mid-call fails that call with a sentence; the next call starts a new host', async () => {
    const children: ChildProcess[] = [];
    const client = new EngineClient(() => forkEngineHost(path.join(work, 'config'), (c) => children.push(c)));
    try {
      const pending = client.analyze({ input: path.join(work, 'photos', 'cameraman.png') }, await client.loadSettings());
      children[0]!.kill('SIGKILL');
      await expect(pending).rejects.toThrow('the photo engine stopped unexpectedly; try again');
      expect(client.inFlight).toBe(0);
      expect((await client.loadSettings()).style).toBe('blur');
      expect(children).toHaveLength(2);
    } finally {
      client.close();
    }
  });
});
