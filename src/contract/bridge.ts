// The window's side of the contract: types only, no code.
// The renderer sees `window.shareSafely` with this shape; the preload implements it over the IPC
// channels below; main handles exactly these channels. The renderer never sees or sends a file path
// for anything but display: photos are named by the ids main hands out.
import type { CoverStyle, FacesPolicy, FormatChoice, Language, OutputPlace, Settings } from './choices.js';
import type { ErrorCode, ErrorView, Problem, Warning } from './codes.js';
import type { Finding } from './findings.js';

export type { CoverStyle, FacesPolicy, FormatChoice, Language, OutputPlace };

export type PhotoId = number;

/** An axis-aligned rectangle in the upright photo's pixels (integers). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One cover, in the upright photo's pixels: the ellipse inscribed in the box (a head, as the engine
 * plans it) or the box itself (drawn by hand: a name badge, a house number). Inside it the copy keeps
 * nothing of the original finer than a few cell averages; the box may run past the picture's edges,
 * so a head cut by the frame keeps its shape.
 */
export interface Shape extends Rect {
  shape: 'ellipse' | 'rect';
  /** An ellipse turned about its box's centre, in degrees clockwise on screen: it follows a tilted head (absent: 0). */
  angle?: number;
}

/** The saved settings, as the window reads and sends them. */
export type SettingsView = Settings;

export interface FaceView {
  /** The face as found. */
  box: Rect;
  /** The head-shaped cover the engine paints for this face (the box grown for hair, chin and ears). */
  cover: Shape;
  score: number;
  source: 'detector' | 'file';
  /** Left uncovered by policy (e.g. an adult under "children only"). */
  keep: boolean;
  keepReason?: string;
}

export interface ImageBytes {
  mime: string;
  data: Uint8Array;
  width: number;
  height: number;
}

/** Where a photo stands. Flagged photos (no face, small or doubtful faces) are reviewed first. */
export type PhotoState =
  | { state: 'analysing' }
  | {
      state: 'ready';
      format: string;
      width: number;
      height: number;
      faces: FaceView[];
      findings: Finding[];
      warnings: Warning[];
      preview: ImageBytes;
    }
  | { state: 'failed'; error: ErrorView };

/** A photo as the window lists it: display strings only. */
export interface PhotoEntry {
  id: PhotoId;
  name: string;
  folder: string;
}

export interface AddOutcome {
  photos: PhotoEntry[];
  /** Dropped or opened items that could not be used (not a photo, unreadable folder…). */
  problems: { name: string; code: ErrorCode; message: string }[];
  /** Files in dropped folders that are not photos the engine reads ("DNG camera RAW"; none: not a picture). */
  skipped: { name: string; what?: string }[];
  skippedFolders: number;
}

/**
 * What to cover in one photo: per detected face (in reading order) its cover, or null to leave that
 * face visible; plus the shapes the user drew.
 */
export interface Cover {
  faces: (Shape | null)[];
  extra: Shape[];
}

export interface ExportRequest {
  id: PhotoId;
  cover: Cover;
}

export interface ExportOutcome {
  id: PhotoId;
  status: 'done' | 'skipped' | 'failed';
  outputName?: string;
  outputFolder?: string;
  error?: ErrorView;
  /** Faces covered in the written copy (one per cover painted). */
  covered: number;
  /** What the original gave away and the copy no longer does. */
  removed: Finding[];
  /** The independent re-read of the written copy. */
  verify?: { clean: boolean; problems: Problem[] };
  warnings: Warning[];
}

export type MenuCommand = 'open' | 'open-folder' | 'export' | 'settings';

export type AppEvent =
  | { type: 'added'; outcome: AddOutcome }
  | { type: 'photo'; id: PhotoId; photo: PhotoState }
  | { type: 'export-progress'; done: number; total: number; outcome: ExportOutcome }
  | { type: 'menu'; command: MenuCommand };

interface Startup {
  /** The system's preferred locale, e.g. "fr-FR". */
  locale: string;
  settings: SettingsView;
}

export interface ShareSafelyBridge {
  startup(): Promise<Startup>;
  /** The File objects of a drop (or a file input): their disk paths never reach the page. */
  addDropped(files: readonly File[]): Promise<AddOutcome>;
  openPhotos(): Promise<AddOutcome>;
  openFolder(): Promise<AddOutcome>;
  preview(id: PhotoId, cover: Cover): Promise<ImageBytes>;
  exportPhotos(items: ExportRequest[]): Promise<ExportOutcome[]>;
  showInFolder(id: PhotoId): Promise<boolean>;
  copyImage(id: PhotoId): Promise<boolean>;
  saveSettings(settings: SettingsView): Promise<SettingsView>;
  /** Asks for an output folder; resolves with the saved settings, or null when cancelled. */
  chooseFolder(): Promise<SettingsView | null>;
  onEvent(listener: (event: AppEvent) => void): void;
}

/** IPC channels (renderer → main, invoke) and the arguments each takes after the event. */
export interface Channels {
  'app:startup': [];
  'photos:add-dropped': [paths: string[]];
  'photos:open': [];
  'photos:open-folder': [];
  'photos:preview': [id: PhotoId, cover: Cover];
  'photos:export': [items: ExportRequest[]];
  'photos:show-in-folder': [id: PhotoId];
  'photos:copy-image': [id: PhotoId];
  'settings:save': [settings: SettingsView];
  'settings:choose-folder': [];
}

export type Channel = keyof Channels;

/** What each channel resolves with. */
export interface Replies {
  'app:startup': Startup;
  'photos:add-dropped': AddOutcome;
  'photos:open': AddOutcome;
  'photos:open-folder': AddOutcome;
  'photos:preview': ImageBytes;
  'photos:export': ExportOutcome[];
  'photos:show-in-folder': boolean;
  'photos:copy-image': boolean;
  'settings:save': SettingsView;
  'settings:choose-folder': SettingsView | null;
}

/** The one main → renderer channel, and the name the bridge has on window. */
export type EventChannel = 'app:event';
export type BridgeName = 'shareSafely';
