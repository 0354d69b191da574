// What main does for the window, free of Electron: every IPC channel's handler, the analysis
// queue and the settings. main.ts plugs in the real dialogs, shell and engine host; the tests plug
// in a forked engine host and scripted dialogs, and drive the very same handlers.
import path from 'node:path';
import type { AddOutcome, AppEvent, Channel, Cover, ExportOutcome, Replies, SettingsView } from '../../src/contract/bridge.js';
import { errorOf, type Engine } from './engine-protocol.js';
import { asCover, asDroppedPaths, asExportRequests, asPhotoId, asSettings } from './ipc-validate.js';
import { entryOf, PhotoAllowlist, type PhotoRecord } from './photo-allowlist.js';

export interface Dialogs {
  /** Photos picked in an Open dialog (empty when cancelled). */
  openPhotos(): Promise<string[]>;
  openFolder(): Promise<string[]>;
  /** A folder for the safe copies, or null when cancelled. */
  chooseOutputFolder(): Promise<string | null>;
}

interface DesktopShell {
  showInFolder(file: string): void;
  copyImage(png: Uint8Array): Promise<void>;
}

export interface DesktopDeps {
  engine: Engine;
  dialogs: Dialogs;
  shell: DesktopShell;
  /** Sends an event to the window. */
  send(event: AppEvent): void;
  /** The system's preferred locale. */
  locale: string;
  /** Told after settings are saved (main rebuilds its menu in the chosen language). */
  onSettings?(settings: SettingsView): void;
}

type Handlers = { [C in Channel]: (...args: unknown[]) => Promise<Replies[C]> };

export interface Desktop {
  handlers: Handlers;
  /** Photos handed over by the OS (command line, open-file, second launch): added and announced. */
  addFromSystem(paths: string[]): Promise<AddOutcome>;
  settings(): SettingsView;
  /** Resolves when every queued analysis has finished (tests, quitting). */
  idle(): Promise<void>;
}

export async function createDesktop(deps: DesktopDeps): Promise<Desktop> {
  const { engine, send } = deps;
  let settings = await engine.loadSettings();
  const folders = new Set<string>(settings.folder ? [settings.folder] : []);
  const photos = new PhotoAllowlist();
  let queue: Promise<void> = Promise.resolve();

  // One analysis at a time: the host stays free for previews and exports in between.
  const analyze = (r: PhotoRecord) => {
    const generation = ++r.generation;
    delete r.analysis;
    send({ type: 'photo', id: r.id, photo: { state: 'analysing' } });
    queue = queue.then(async () => {
      if (generation !== r.generation) return;
      try {
        const done = await engine.analyze(r.placement, settings);
        if (generation !== r.generation) return;
        r.analysis = done.analysis;
        r.faceCount = done.photo.faces.length;
        send({ type: 'photo', id: r.id, photo: done.photo });
      } catch (e) {
        if (generation === r.generation) send({ type: 'photo', id: r.id, photo: { state: 'failed', error: errorOf(e) } });
      }
    });
  };

  const add = async (paths: string[]): Promise<AddOutcome> => {
    if (paths.length === 0) return { photos: [], problems: [], skipped: [], skippedFolders: 0 };
    const found = await engine.collect(paths, settings);
    const added = photos.add(found.items);
    const outcome: AddOutcome = {
      photos: added.map(entryOf),
      problems: found.problems.map((p) => ({ name: path.basename(p.path), code: p.code, message: p.message })),
      skipped: found.skipped.map((s) => ({ name: path.basename(s.path), ...(s.what ? { what: s.what } : {}) })),
      skippedFolders: found.skippedFolders,
    };
    for (const r of added) analyze(r);
    return outcome;
  };

  const save = async (next: SettingsView): Promise<SettingsView> => {
    const saved = await engine.saveSettings(next);
    const reanalyze = saved.faces !== settings.faces;
    settings = saved;
    if (saved.folder) folders.add(saved.folder);
    deps.onSettings?.(saved);
    // Which faces are found depends on the faces setting: the review must show the new answer.
    if (reanalyze) for (const r of photos.all()) analyze(r);
    return saved;
  };

  const exportOne = async (r: PhotoRecord & { analysis: NonNullable<PhotoRecord['analysis']> }, cover: Cover): Promise<ExportOutcome> => {
    try {
      const done = await engine.exportPhoto(r.analysis, cover, settings, r.placement);
      if (done.output) r.output = done.output;
      return { id: r.id, ...done.outcome };
    } catch (e) {
      return { id: r.id, status: 'failed', error: errorOf(e), covered: 0, removed: [], warnings: [] };
    }
  };

  const handlers: Handlers = {
    'app:startup': async () => ({ locale: deps.locale, settings }),
    'photos:add-dropped': async (paths) => add(asDroppedPaths(paths)),
    'photos:open': async () => add(await deps.dialogs.openPhotos()),
    'photos:open-folder': async () => add(await deps.dialogs.openFolder()),
    'photos:preview': async (id, cover) => {
      const r = photos.analyzed(asPhotoId(id));
      return engine.preview(r.analysis, asCover(cover, r.faceCount), settings);
    },
    'photos:export': async (items) => {
      // Every argument is checked before the first file is written: all or nothing on a bad request.
      const checked = asExportRequests(items).map(({ id, cover }) => {
        const r = photos.analyzed(id);
        return { r, cover: asCover(cover, r.faceCount) };
      });
      const outcomes: ExportOutcome[] = [];
      for (const { r, cover } of checked) {
        const outcome = await exportOne(r, cover);
        outcomes.push(outcome);
        send({ type: 'export-progress', done: outcomes.length, total: checked.length, outcome });
      }
      return outcomes;
    },
    'photos:show-in-folder': async (id) => {
      const output = photos.output(asPhotoId(id));
      if (output) deps.shell.showInFolder(output);
      return output !== null;
    },
    'photos:copy-image': async (id) => {
      const output = photos.output(asPhotoId(id));
      if (!output) return false;
      await deps.shell.copyImage(await engine.clipboardImage(output));
      return true;
    },
    'settings:save': async (value) => save(asSettings(value, folders)),
    'settings:choose-folder': async () => {
      const folder = await deps.dialogs.chooseOutputFolder();
      if (!folder) return null;
      folders.add(folder);
      return save({ ...settings, place: 'folder', folder });
    },
  };

  return {
    handlers,
    addFromSystem: async (paths) => {
      const outcome = await add(paths);
      send({ type: 'added', outcome });
      return outcome;
    },
    settings: () => settings,
    idle: async () => {
      // Analyses queued while waiting are awaited too.
      let seen: Promise<void> | undefined;
      while (seen !== queue) {
        seen = queue;
        await seen;
      }
    },
  };
}
