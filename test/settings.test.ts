import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { xdgDirs } from '../cli/integrate/linux.js';
import {
  configDir,
  defaultSettings,
  loadSettings,
  optionsFromSettings,
  sanitizeSettings,
  saveSettings,
  subfolderIn,
} from '../src/settings.js';
import { stateDir } from '../src/util/user-dirs.js';

describe('saved settings', () => {
  it("live in each platform's per-user config folder", () => {
    expect(configDir({}, 'linux', '/home/ann')).toBe('/home/ann/.config/share-safely');
    expect(configDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/ann')).toBe('/x/share-safely');
    expect(configDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/Share Safely');
    expect(configDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toContain('Share Safely');
    expect(configDir({ SHARE_SAFELY_CONFIG_DIR: '/tmp/c' }, 'linux', '/home/ann')).toBe('/tmp/c');
  });

  it('ignore a relative XDG folder, as the XDG spec says and as the file-manager entries and the action log do', () => {
    const env = { XDG_CONFIG_HOME: 'conf', XDG_DATA_HOME: 'data', XDG_STATE_HOME: 'state' };
    expect(configDir(env, 'linux', '/home/ann')).toBe('/home/ann/.config/share-safely');
    expect(stateDir(env, 'linux', '/home/ann')).toBe('/home/ann/.local/state/share-safely');
    expect(xdgDirs(env, '/home/ann')).toMatchObject({ configHome: '/home/ann/.config', dataHome: '/home/ann/.local/share' });
  });

  it('round-trip through the file, and a damaged file means the defaults', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'settings-')), 'sub', 'settings.json');
    expect(await loadSettings(file)).toEqual(defaultSettings);
    await saveSettings({ ...defaultSettings, style: 'solid', place: 'folder', folder: '/tmp/out', language: 'fr' }, file);
    expect(await loadSettings(file)).toMatchObject({ style: 'solid', place: 'folder', folder: '/tmp/out', language: 'fr' });
    expect(JSON.parse(readFileSync(file, 'utf8')).style).toBe('solid');
    writeFileSync(file, '{ not json');
    expect(await loadSettings(file)).toEqual(defaultSettings);
  });

  it('drop unknown keys and bad values instead of breaking a door', () => {
    const s = sanitizeSettings({ style: 'melt', faces: 'children', rename: 'yes', place: 'folder', folder: 'relative/path', evil: 1 });
    expect(s).toEqual({ ...defaultSettings, faces: 'children' });
  });

  it('map to engine options: "Safe to share" beside the photos, one folder, or beside as NAME.safe.EXT', () => {
    expect(optionsFromSettings({ ...defaultSettings }, '/p/summer', 'en').outDir).toBe(path.join('/p/summer', 'Safe to share'));
    expect(optionsFromSettings({ ...defaultSettings, place: 'beside' }, '/p', 'en').outDir).toBeUndefined();
    expect(optionsFromSettings({ ...defaultSettings, place: 'folder', folder: '/o' }, '/p', 'fr').outDir).toBe('/o');
  });

  it("name a new folder in the user's language, and keep using one already there in the other", () => {
    const photos = mkdtempSync(path.join(tmpdir(), 'ss-subfolder-'));
    expect(optionsFromSettings({ ...defaultSettings }, photos, 'fr').outDir).toBe(path.join(photos, 'À partager'));
    mkdirSync(path.join(photos, 'Safe to share'));
    expect(optionsFromSettings({ ...defaultSettings }, photos, 'fr').outDir).toBe(path.join(photos, 'Safe to share'));
    expect(subfolderIn(photos, 'en')).toBe(path.join(photos, 'Safe to share'));
  });
});
