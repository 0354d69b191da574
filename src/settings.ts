// Saved choices shared by the desktop app and the right-click action (the CLI uses its flags).
// A small JSON file in the user's config folder; a damaged or missing file means the defaults.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { coverStyles, facesPolicies, formatChoices, languages, outputPlaces, type Language, type OutputPlace, type Settings } from './contract/index.js';
import { defaultOptions, type Options } from './options.js';

export type { OutputPlace, Settings };

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

/**
 * The per-user state folder: the right-click action's log, the record of copies made. Never the
 * photos' folders. SHARE_SAFELY_STATE_DIR overrides it (tests, portable use).
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.SHARE_SAFELY_STATE_DIR) return env.SHARE_SAFELY_STATE_DIR;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'Share Safely');
  if (platform === 'darwin') return path.join(home, 'Library', 'Logs', 'Share Safely');
  const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(home, '.local', 'state');
  return path.join(state, 'share-safely');
}

export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'settings.json');
}

const oneOf = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);

/** Keeps only known keys with valid values, so a hand-edited file can never break a door. */
export function sanitizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const s: Settings = {
    style: oneOf(r.style, coverStyles, defaultSettings.style),
    faces: oneOf(r.faces, facesPolicies, defaultSettings.faces),
    format: oneOf(r.format, formatChoices, defaultSettings.format),
    rename: typeof r.rename === 'boolean' ? r.rename : defaultSettings.rename,
    place: oneOf(r.place, outputPlaces, defaultSettings.place),
  };
  if (typeof r.folder === 'string' && path.isAbsolute(r.folder)) s.folder = r.folder;
  if (s.place === 'folder' && !s.folder) s.place = defaultSettings.place;
  if (languages.includes(r.language as Language)) s.language = r.language as Language;
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
  return { style: s.style, faces: s.faces, format: s.format, rename: s.rename, outDir };
}
