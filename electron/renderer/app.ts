// The window: holds the photos, reacts to what main reports, and renders the grid or the review
// screen. It talks to the bridge only; it never sees a file path it could use.
import type { AddOutcome, AppEvent, MenuCommand, PhotoId, SettingsView } from '../../src/contract/bridge.js';
import { errorText, pickLanguage, skippedText, tally, tallyText, words, type Words } from '../../src/contract/index.js';
import { getBridge } from './bridge.js';
import { askBeforeExport } from './confirm-export.js';
import { CoverEditor } from './cover-editor.js';
import { byId, ImageUrls } from './dom.js';
import { renderGrid } from './grid.js';
import { applyStatic } from './i18n.js';
import { exportRequests, initialCover, lookedAt, reviewOrder, unopenedToCheck, type Photo } from './photos.js';
import { renderPanel } from './review-panel.js';
import { SettingsDialog } from './settings-dialog.js';
import { coversChanged, currentPhoto, initialState, photoOf } from './store.js';

const bridge = getBridge();
const state = initialState();
const images = new ImageUrls();
// Made once main has said which settings and language to start with.
let settingsDialog: SettingsDialog | undefined;

const ui = {
  empty: byId('empty'),
  gridView: byId('grid-view'),
  grid: byId('grid'),
  review: byId('review'),
  name: byId('review-name'),
  picture: byId<HTMLImageElement>('picture'),
  layer: byId('layer'),
  panel: byId('panel'),
  toggle: byId<HTMLButtonElement>('toggle-result'),
  previous: byId<HTMLButtonElement>('previous'),
  next: byId<HTMLButtonElement>('next'),
  status: byId('status'),
  progress: byId<HTMLProgressElement>('progress'),
  exportAll: byId<HTMLButtonElement>('export'),
  dropOverlay: byId('drop-overlay'),
};

const editor = new CoverEditor(ui.layer, state.tr, (cover) => {
  const p = currentPhoto(state);
  if (!p) return;
  p.cover = cover;
  coversChanged(state);
  render();
});

// Registered before anything else so no event from main is missed.
bridge.onEvent((e) => onEvent(e));

function say(text: string | ((tr: Words) => string)): void {
  state.status = typeof text === 'string' ? () => text : text;
  ui.status.textContent = state.status(state.tr);
}

function photo(id: PhotoId): Photo {
  return photoOf(state, id);
}

function onAdded(o: AddOutcome): void {
  for (const entry of o.photos) photo(entry.id).entry = entry;
  const said = (t: Words) =>
    [
      o.problems.length ? t.t('added.problems', { list: o.problems.map((x) => `${x.name} (${errorText(x, t)})`).join(', ') }) : '',
      skippedText(o.skipped, t) ?? '',
      o.photos.length === 0 && !o.problems.length && !o.skipped.length ? t.t('added.none') : '',
    ]
      .filter(Boolean)
      .join(' ');
  if (said(state.tr)) say(said);
  render();
}

function onEvent(e: AppEvent): void {
  if (e.type === 'added') return onAdded(e.outcome);
  if (e.type === 'menu') return void onMenu(e.command);
  if (e.type === 'photo') {
    const p = photo(e.id);
    p.state = e.photo;
    if (e.photo.state === 'ready') {
      images.set(`preview-${e.id}`, e.photo.preview.data, e.photo.preview.mime);
      p.cover = initialCover(e.photo);
    }
    return render();
  }
  photo(e.outcome.id).exported = e.outcome;
  ui.progress.max = e.total;
  ui.progress.value = e.done;
  say((t) => t.t('export.progress', { done: e.done, total: e.total }));
  render();
}

async function onMenu(command: MenuCommand): Promise<void> {
  if (command === 'open') onAdded(await bridge.openPhotos());
  else if (command === 'open-folder') onAdded(await bridge.openFolder());
  else if (command === 'export') await exportPhotos();
  else settingsDialog?.open();
}

async function exportPhotos(only?: PhotoId): Promise<void> {
  let requests = exportRequests([...state.photos.values()], only);
  if (requests.length === 0) return say((t) => t.t('export.nothingReady'));
  if (state.exporting) return;
  // Photos the engine flags "check it" that nobody opened are not written without asking.
  const unopened = unopenedToCheck([...state.photos.values()], requests);
  if (unopened.length) {
    const choice = await askBeforeExport(unopened, state.tr);
    if (choice === 'review') return open(reviewOrder(unopened)[0]!.id);
    if (choice === 'cancel') return;
    if (choice === 'others') requests = requests.filter((r) => !unopened.some((p) => p.id === r.id));
    if (requests.length === 0) return say((t) => t.t('export.nothingReady'));
  }
  state.exporting = true;
  ui.exportAll.disabled = true;
  ui.progress.hidden = false;
  ui.progress.max = requests.length;
  ui.progress.value = 0;
  try {
    const outcomes = await bridge.exportPhotos(requests);
    for (const o of outcomes) photo(o.id).exported = o;
    // The same words as the CLI's summary and the right-click notification, and how many of the
    // photos to check the person has opened already (their cards say "you looked at it").
    const looked = lookedAt(outcomes.map((o) => photo(o.id)));
    say((t) => `${tallyText(tally(outcomes), t)}${looked ? ` (${t.plural('export.looked', looked)})` : ''}`);
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
  } finally {
    state.exporting = false;
    ui.exportAll.disabled = false;
    ui.progress.hidden = true;
    render();
  }
}

function open(id: PhotoId | undefined): void {
  state.current = id;
  if (id !== undefined) photo(id).opened = true;
  coversChanged(state);
  render();
  if (id !== undefined) byId('back').focus();
}

function step(delta: number): void {
  const order = reviewOrder([...state.photos.values()]);
  const i = order.findIndex((p) => p.id === state.current);
  const next = order[i + delta];
  if (next) open(next.id);
}

async function toggleResult(): Promise<void> {
  const p = currentPhoto(state);
  if (!p?.cover || p.state.state !== 'ready') return;
  if (state.showingResult) {
    state.showingResult = false;
    return render();
  }
  ui.toggle.disabled = true;
  try {
    const after = await bridge.preview(p.id, p.cover);
    images.set(`result-${p.id}`, after.data, after.mime);
    state.showingResult = true;
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
  } finally {
    ui.toggle.disabled = false;
    render();
  }
}

function renderReview(p: Photo): void {
  const { tr, showingResult } = state;
  ui.name.textContent = p.entry?.name ?? '';
  const order = reviewOrder([...state.photos.values()]);
  const i = order.findIndex((x) => x.id === p.id);
  ui.previous.disabled = i <= 0;
  ui.next.disabled = i < 0 || i >= order.length - 1;
  const ready = p.state.state === 'ready' ? p.state : undefined;
  const src = images.get(`${showingResult ? 'result' : 'preview'}-${p.id}`);
  if (src && ui.picture.getAttribute('src') !== src) ui.picture.src = src;
  if (!src) ui.picture.removeAttribute('src');
  ui.picture.alt = p.entry?.name ?? '';
  ui.picture.dataset.showing = showingResult ? 'result' : 'original';
  ui.layer.hidden = showingResult || !ready;
  ui.toggle.disabled = !ready;
  ui.toggle.setAttribute('aria-pressed', String(showingResult));
  ui.toggle.textContent = tr.t(showingResult ? 'review.showOriginal' : 'review.showResult');
  if (ready && p.cover) editor.show(ready, p.cover, tr);
  else ui.layer.replaceChildren();
  renderPanel(
    ui.panel,
    p,
    tr,
    {
      toggleFace: (index) => {
        const face = ready?.faces[index];
        if (!face || !p.cover) return;
        p.cover = { ...p.cover, faces: p.cover.faces.map((r, j) => (j === index ? (r ? null : { ...face.cover }) : r)) };
        state.showingResult = false;
        render();
        ui.panel.querySelector<HTMLElement>(`[data-face="${index}"]`)?.focus();
      },
      exportOne: () => void exportPhotos(p.id),
      showInFolder: () => void bridge.showInFolder(p.id),
      copy: () =>
        void bridge.copyImage(p.id).then((ok) => {
          state.panelNote = ok ? state.tr.t('review.copied') : '';
          render();
        }),
    },
    state.panelNote,
    images.get(`preview-${p.id}`),
  );
}

function render(): void {
  const { tr } = state;
  const list = [...state.photos.values()];
  const p = currentPhoto(state);
  ui.empty.hidden = list.length > 0;
  ui.gridView.hidden = list.length === 0 || p !== undefined;
  ui.review.hidden = p === undefined;
  if (!ui.gridView.hidden) renderGrid(ui.grid, list, tr, (id) => images.get(`preview-${id}`));
  if (p) renderReview(p);
}

function setLanguage(settings: SettingsView): void {
  const tr = (state.tr = words(pickLanguage(settings.language, state.locale), state.locale));
  document.documentElement.lang = tr.lang;
  applyStatic(document, tr);
  ui.status.textContent = state.status(tr);
  settingsDialog?.setTranslator(tr);
  render();
}

function wireDrop(): void {
  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
    ui.dropOverlay.hidden = false;
  });
  window.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) ui.dropOverlay.hidden = true;
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    ui.dropOverlay.hidden = true;
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) void bridge.addDropped(files).then(onAdded, (err: unknown) => say(String(err)));
  });
}

async function boot(): Promise<void> {
  const startup = await bridge.startup();
  state.locale = startup.locale;
  settingsDialog = new SettingsDialog(bridge, startup.settings, state.tr, (s) => setLanguage(s), say);
  setLanguage(startup.settings);
  byId('open').addEventListener('click', () => void onMenu('open'));
  byId('open-folder').addEventListener('click', () => void onMenu('open-folder'));
  byId('settings-button').addEventListener('click', () => settingsDialog?.open());
  ui.exportAll.addEventListener('click', () => void exportPhotos());
  byId('back').addEventListener('click', () => open(undefined));
  ui.previous.addEventListener('click', () => step(-1));
  ui.next.addEventListener('click', () => step(1));
  byId('add-cover').addEventListener('click', () => editor.addCentred());
  byId<HTMLSelectElement>('draw-shape').addEventListener('change', (e) => {
    editor.drawShape = (e.target as HTMLSelectElement).value === 'rect' ? 'rect' : 'ellipse';
  });
  ui.toggle.addEventListener('click', () => void toggleResult());
  ui.grid.addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id;
    if (id) open(Number(id));
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.current !== undefined && !byId<HTMLDialogElement>('settings').open) open(undefined);
  });
  wireDrop();
  document.body.dataset.ready = 'true';
}

void boot().catch((e: unknown) => say(e instanceof Error ? e.message : String(e)));
