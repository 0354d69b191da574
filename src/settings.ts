// Saved choices shared by the desktop app and the right-click action (the CLI uses its flags).
// A small JSON file in the user's config folder; a damaged or missing file means the defaults.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { catalogues, languages, outputPlaces, type Language, type OutputPlace, type Settings } from './contract/index.js';
import { choices, defaultOptions, type Options } from './options.js';
import { writeFileDurably } from './util/durable-write.js';
import { configDir } from './util/user-dirs.js';

export type { OutputPlace, Settings };

/** The folder beside the photos that takes their copies, in each language ("Safe to share", "À partager"). */
export const subfolderNames: readonly string[] = languages.map((l) => catalogues[l]['folder.safeToShare']);

/**
 * Where the copies of photos in `photoDir` go under the "subfolder" place: a folder of that kind
 * already there, whatever its language (the copies of one folder stay together), else a new one named
 * in the user's language.
 */
export function subfolderIn(photoDir: string, lang: Language): string {
  const isDir = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false; // missing, or photoDir is a file (a dropped photo): nothing there yet
    }
  };
  const there = subfolderNames.find((n) => isDir(path.join(photoDir, n)));
  return path.join(photoDir, there ?? catalogues[lang]['folder.safeToShare']);
}

export const defaultSettings: Readonly<Settings> = Object.freeze({
  style: defaultOptions.style,
  faces: defaultOptions.faces,
  format: defaultOptions.format,
  rename: false,
  place: 'subfolder',
});

export { configDir };

/**
 * The settings file shared by the desktop app and the right-click action.
 * @param env the environment (XDG_CONFIG_HOME, APPDATA, SHARE_SAFELY_CONFIG_DIR)
 * @returns the path of settings.json in the per-user config folder
 * @example
 * settingsPath(); // '/home/ann/.config/share-safely/settings.json' on Linux
 */
export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'settings.json');
}

// A hand-edited or older file: each field that does not fit falls back on its own, unknown ones are dropped.
const settingsFile = v.object({
  style: v.fallback(v.picklist(choices.style), defaultSettings.style),
  color: v.fallback(v.optional(v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/), v.toLowerCase())), undefined),
  faces: v.fallback(v.picklist(choices.faces), defaultSettings.faces),
  format: v.fallback(v.picklist(choices.format), defaultSettings.format),
  rename: v.fallback(v.boolean(), defaultSettings.rename),
  place: v.fallback(v.picklist(outputPlaces), defaultSettings.place),
  folder: v.fallback(
    v.optional(
      v.pipe(
        v.string(),
        v.check((f) => path.isAbsolute(f)),
      ),
    ),
    undefined,
  ),
  language: v.fallback(v.optional(v.picklist(languages)), undefined),
});

/**
 * Keeps only known keys with valid values, so a hand-edited file can never break a door: each field
 * that does not fit falls back to its default on its own.
 * @param raw anything (the parsed JSON of the file)
 * @returns valid settings
 * @example
 * sanitizeSettings({ style: 'melt', rename: true }); // { ...defaultSettings, rename: true }
 */
export function sanitizeSettings(raw: unknown): Settings {
  const r = v.safeParse(settingsFile, raw);
  const s: Settings = r.success ? r.output : { ...defaultSettings };
  if (s.color === undefined) delete s.color;
  if (s.folder === undefined) delete s.folder;
  if (s.language === undefined) delete s.language;
  if (s.place === 'folder' && !s.folder) s.place = defaultSettings.place;
  return s;
}

/**
 * Reads the saved settings.
 * @param file the settings file (default: settingsPath())
 * @returns the saved settings, checked; the defaults when the file is missing or damaged
 * @throws never
 * @example
 * const s = await loadSettings();
 */
export async function loadSettings(file = settingsPath()): Promise<Settings> {
  try {
    return sanitizeSettings(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return { ...defaultSettings };
  }
}

/**
 * Saves settings whole or not at all (temp file, fsync, rename).
 * @param settings the settings to save (checked first, like a loaded file)
 * @param file the settings file (default: settingsPath())
 * @returns what was saved
 * @throws the file system's error when the folder cannot be written
 * @example
 * await saveSettings({ ...(await loadSettings()), style: 'pixelate' });
 */
export async function saveSettings(settings: Settings, file = settingsPath()): Promise<Settings> {
  const clean = sanitizeSettings(settings);
  await writeFileDurably(file, `${JSON.stringify(clean, null, 2)}\n`);
  return clean;
}

/**
 * The engine options for photos in `photoDir` under these settings.
 * @param s the settings
 * @param photoDir the folder of the photos (where a "Safe to share" subfolder goes)
 * @param lang the user's language, which names a new subfolder ("À partager" in French)
 * @returns the options the settings decide; the rest keep their defaults
 * @example
 * await runBatch(items, optionsFromSettings(await loadSettings(), '/home/ann/Pictures', 'en'));
 */
export function optionsFromSettings(s: Settings, photoDir: string, lang: Language): Partial<Options> {
  const outDir = s.place === 'subfolder' ? subfolderIn(photoDir, lang) : s.place === 'folder' ? s.folder : undefined;
  return { style: s.style, ...(s.color && { color: s.color }), faces: s.faces, format: s.format, rename: s.rename, outDir };
}
