// Saved choices shared by the desktop app and the right-click action (the CLI uses its flags).
// A small JSON file in the user's config folder; a damaged or missing file means the defaults.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultOptions, type CoverStyle, type FacesPolicy, type FormatChoice, type Options } from './options.js';

/** Where safe copies go: beside the originals, in a "Safe to share" folder beside them, or one chosen folder. */
export type OutputPlace = 'beside' | 'subfolder' | 'folder';

export interface Settings {
  style: CoverStyle;
  /** Fill colour of the solid style, #rrggbb; undefined = the default grey. */
  color?: string;
  faces: FacesPolicy;
  format: FormatChoice;
  rename: boolean;
  place: OutputPlace;
  /** The chosen folder when place is 'folder'. */
  folder?: string;
  /** UI language; undefined = follow the system. */
  language?: 'en' | 'fr';
}

export const SUBFOLDER_NAME = 'Safe to share';

export const defaultSettings: Readonly<Settings> = Object.freeze({
  style: defaultOptions.style,
  faces: defaultOptions.faces,
  format: defaultOptions.format,
  rename: false,
  place: 'subfolder',
});

/** The per-user config folder of each platform; SHARE_SAFELY_CONFIG_DIR overrides it (tests, portable use). */
export function configDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.SHARE_SAFELY_CONFIG_DIR) return env.SHARE_SAFELY_CONFIG_DIR;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Share Safely');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Share Safely');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'share-safely');
}

export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'settings.json');
}

const oneOf = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);

/** Keeps only known keys with valid values, so a hand-edited file can never break a door. */
export function sanitizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const s: Settings = {
    style: oneOf(r.style, ['blur', 'pixelate', 'solid', 'sticker'], defaultSettings.style),
    faces: oneOf(r.faces, ['all', 'children', 'none'], defaultSettings.faces),
    format: oneOf(r.format, ['keep', 'jpeg', 'png', 'webp'], defaultSettings.format),
    rename: typeof r.rename === 'boolean' ? r.rename : defaultSettings.rename,
    place: oneOf(r.place, ['beside', 'subfolder', 'folder'], defaultSettings.place),
  };
  if (typeof r.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(r.color)) s.color = r.color.toLowerCase();
  if (typeof r.folder === 'string' && path.isAbsolute(r.folder)) s.folder = r.folder;
  if (s.place === 'folder' && !s.folder) s.place = defaultSettings.place;
  if (r.language === 'en' || r.language === 'fr') s.language = r.language;
  return s;
}

export async function loadSettings(file = settingsPath()): Promise<Settings> {
  try {
    return sanitizeSettings(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return { ...defaultSettings };
  }
}

export async function saveSettings(settings: Settings, file = settingsPath()): Promise<Settings> {
  const clean = sanitizeSettings(settings);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(clean, null, 2)}\n`);
  await rename(temp, file);
  return clean;
}

/** The engine options for photos in `photoDir` under these settings. */
export function optionsFromSettings(s: Settings, photoDir: string): Partial<Options> {
  const outDir = s.place === 'subfolder' ? path.join(photoDir, SUBFOLDER_NAME) : s.place === 'folder' ? s.folder : undefined;
  return { style: s.style, ...(s.color && { color: s.color }), faces: s.faces, format: s.format, rename: s.rename, outDir };
}
