// The engine as the desktop app uses it: src/index.js's public API, turned into the plain views
// the window shows. Runs inside the engine host process, never in main or the window.
import path from 'node:path';
import sharp from 'sharp';
import {
  analyze,
  collectPhotos,
  headCover,
  loadSettings,
  optionsFromSettings,
  render,
  renderPreview,
  sanitizeCovers,
  sanitizeSettings,
  saveSettings,
  subfolderIn,
  systemLocale,
  verifyFile,
  type Analysis,
  type Face,
  type Placement,
} from '../../src/index.js';
import type { Cover, FaceView, ImageBytes, SettingsView, Shape } from '../../src/contract/bridge.js';
import { pickLanguage, type Language } from '../../src/contract/index.js';
import type { Analysed, Collection, Engine, Exported } from './engine-protocol.js';

/** Longest side of the picture the review screen shows (and the before/after preview). */
const PREVIEW_SIZE = 1600;

/** The window's language, which names a new "Safe to share" folder ("À partager" in French). */
const langOf = (settings: SettingsView): Language => pickLanguage(settings.language, systemLocale());

/** The folder whose settings-based output place applies to a photo: its dropped folder, or its own. */
function photoDir(p: Placement): string {
  return p.root ?? path.dirname(p.input);
}

function faceView(f: Face): FaceView {
  // The engine's own geometry for this face, so an untouched photo is covered exactly as the CLI would.
  const view: FaceView = { box: f.box, cover: headCover(f), score: f.score, source: f.source, keep: f.keep === true };
  if (f.keepReason) view.keepReason = f.keepReason;
  return view;
}

/**
 * The covers to paint for a reviewed photo: those of the faces still covered, then the user's
 * shapes, each on its own. With nothing changed this equals analysis.regions.
 */
function regionsFor(analysis: Analysis, cover: Cover): Shape[] {
  const chosen = [...cover.faces.filter((r): r is Shape => r !== null), ...cover.extra];
  return sanitizeCovers(chosen, analysis.width, analysis.height);
}

function bytes(b: Buffer | Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export const localEngine: Engine = {
  async loadSettings() {
    return loadSettings();
  },

  async saveSettings(settings: SettingsView) {
    return saveSettings(sanitizeSettings(settings));
  },

  async collect(paths: string[], settings: SettingsView): Promise<Collection> {
    const out: Collection = { items: [], problems: [], skipped: [], skippedFolders: 0 };
    for (const p of paths) {
      // The output folder for photos in a dropped folder may sit inside it: never collect our own copies.
      const outDir =
        settings.place === 'folder' ? settings.folder : settings.place === 'subfolder' ? subfolderIn(p, langOf(settings)) : undefined;
      const found = await collectPhotos([p], { recursive: true, outDir });
      out.items.push(...found.items);
      out.problems.push(...found.problems);
      out.skipped.push(...found.skipped);
      out.skippedFolders += found.skippedFolders;
    }
    return out;
  },

  async analyze(placement: Placement, settings: SettingsView): Promise<Analysed> {
    const options = optionsFromSettings(sanitizeSettings(settings), photoDir(placement), langOf(settings));
    const a = await analyze(placement.input, options, { previewSize: PREVIEW_SIZE });
    const { preview, ...analysis } = a;
    if (!preview) throw new Error('the engine returned no preview');
    return {
      analysis,
      photo: {
        state: 'ready',
        format: a.format,
        width: a.width,
        height: a.height,
        faces: a.faces.map(faceView),
        findings: a.findings,
        warnings: a.warnings,
        preview: { mime: preview.mime, data: bytes(preview.data), width: preview.width, height: preview.height },
      },
    };
  },

  async preview(analysis: Analysis, cover: Cover, settings: SettingsView): Promise<ImageBytes> {
    const options = optionsFromSettings(sanitizeSettings(settings), path.dirname(analysis.path), langOf(settings));
    const p = await renderPreview(analysis, regionsFor(analysis, cover), options, PREVIEW_SIZE);
    return { mime: p.mime, data: bytes(p.data), width: p.width, height: p.height };
  },

  async exportPhoto(analysis: Analysis, cover: Cover, settings: SettingsView, placement: Placement): Promise<Exported> {
    const options = optionsFromSettings(sanitizeSettings(settings), photoDir(placement), langOf(settings));
    const r = await render(analysis, regionsFor(analysis, cover), options, placement);
    const outcome: Exported['outcome'] = { status: r.status, covered: r.facesCovered, removed: r.removed, warnings: r.warnings };
    if (r.error) outcome.error = r.error;
    if (r.status === 'done' && r.output) {
      // render already refused anything unclean; this second read is what the window shows as proof.
      const report = await verifyFile(r.output);
      outcome.verify = { clean: report.clean, problems: report.problems };
      outcome.outputName = path.basename(r.output);
      outcome.outputFolder = path.dirname(r.output);
      return { outcome, output: r.output };
    }
    return { outcome };
  },

  async clipboardImage(output: string): Promise<Uint8Array> {
    return bytes(await sharp(output).png().toBuffer());
  },
};
