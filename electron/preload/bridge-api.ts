// The one contract between the window and the rest of the app: types only, no code.
// The renderer sees `window.shareSafely` with this shape; the preload implements it over the IPC
// channels below; main handles exactly these channels. The renderer never sees or sends a file path
// for anything but display: photos are named by the ids main hands out.

export type PhotoId = number;

/** A rectangle in the upright photo's pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A cover's outline in the upright photo's pixels: the ellipse inscribed in the box (a face), or the box itself. */
export interface Shape extends Rect {
  shape: 'ellipse' | 'rect';
}

export type CoverStyle = 'blur' | 'pixelate' | 'solid' | 'sticker';
export type FacesPolicy = 'all' | 'children' | 'none';
export type FormatChoice = 'keep' | 'jpeg' | 'png' | 'webp';
export type OutputPlace = 'beside' | 'subfolder' | 'folder';
export type Language = 'en' | 'fr';

/** The saved settings (shared with the right-click action). */
export interface SettingsView {
  style: CoverStyle;
  /** Fill colour of the solid style, #rrggbb. */
  color?: string;
  faces: FacesPolicy;
  format: FormatChoice;
  rename: boolean;
  place: OutputPlace;
  folder?: string;
  language?: Language;
}

export interface FindingView {
  kind: string;
  /** The engine's plain-English sentence, e.g. "GPS position (EXIF): 48.8566 N, 2.3522 E". */
  text: string;
  values?: Record<string, string | number>;
  sensitive: boolean;
}

export interface WarningView {
  code: string;
  message: string;
}

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
      findings: FindingView[];
      warnings: WarningView[];
      preview: ImageBytes;
    }
  | { state: 'failed'; error: { code: string; message: string } };

/** A photo as the window lists it: display strings only. */
export interface PhotoEntry {
  id: PhotoId;
  name: string;
  folder: string;
}

export interface AddOutcome {
  photos: PhotoEntry[];
  /** Dropped or opened items that could not be used (not a photo, unreadable folder…). */
  problems: { name: string; code: string; message: string }[];
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
  error?: { code: string; message: string };
  /** Faces covered in the written copy (one per cover painted). */
  covered: number;
  /** What the original gave away and the copy no longer does. */
  removed: FindingView[];
  /** The independent re-read of the written copy. */
  verify?: { clean: boolean; problems: { code: string; message: string }[] };
  warnings: WarningView[];
}

export type MenuCommand = 'open' | 'open-folder' | 'export' | 'settings';

export type AppEvent =
  | { type: 'added'; outcome: AddOutcome }
  | { type: 'photo'; id: PhotoId; photo: PhotoState }
  | { type: 'export-progress'; done: number; total: number; outcome: ExportOutcome }
  | { type: 'menu'; command: MenuCommand };

export interface Startup {
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
