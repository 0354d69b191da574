// The installers' configuration, checked without electron-builder: every target the project
// promises, file associations for exactly the photo types the app opens, icons that exist at the
// sizes each platform needs, and an entry point that the desktop build produces.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageExtensions } from '../../src/index.js';
import { photoExtensions } from '../../electron/main/file-types.js';
import { root } from './browser-host.js';

interface Association {
  ext: string | string[];
  name: string;
  mimeType: string;
  role: string;
}

const config = JSON.parse(readFileSync(path.join(root, 'build', 'electron-builder.json'), 'utf8'));
const targets = (t: unknown[]) => t.map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));

describe('electron-builder configuration', () => {
  it('builds NSIS for Windows, a dmg for macOS, AppImage and deb for Linux', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Share Safely');
    expect(targets(config.win.target)).toEqual(['nsis']);
    expect(targets(config.mac.target)).toEqual(['dmg']);
    expect(targets(config.linux.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('associates exactly the photo types the app opens, as an alternative handler', () => {
    const assoc = config.fileAssociations as Association[];
    const exts = assoc.flatMap((a) => (Array.isArray(a.ext) ? a.ext : [a.ext]));
    expect(new Set(exts).size).toBe(exts.length);
    expect([...exts].sort()).toEqual([...photoExtensions].sort());
    for (const required of ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff', 'avif', 'heic', 'heif', 'gif']) expect(exts).toContain(required);
    for (const a of assoc) expect(a).toMatchObject({ mimeType: expect.stringMatching(/^image\//), role: 'Viewer', rank: 'Alternate' });
  });

  it("the Open dialog offers the engine's own list of photo types", () => {
    expect([...photoExtensions]).toEqual(imageExtensions);
  });

  it('starts the compiled main script and ships what it needs', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main/main.js');
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/src/**/*', 'dist/electron/**/*']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/sharp/**/*', '**/*.wasm']));
    const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.build).toContain('build:desktop');
    expect(scripts['build:desktop']).toContain('electron/tsconfig.main.json');
    expect(scripts.desktop).toContain('dist/electron/launch.js');
  });

  it('has the icons each platform needs, square and at their size', async () => {
    const icons = path.join(root, 'build', 'icons');
    expect(config.win.icon).toBe('build/icons/icon.png');
    expect(config.mac.icon).toBe('build/icons/icon.png');
    expect(config.linux.icon).toBe('build/icons');
    const big = await sharp(path.join(icons, 'icon.png')).metadata();
    expect([big.width, big.height]).toEqual([1024, 1024]);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const file = path.join(icons, `${size}x${size}.png`);
      expect(existsSync(file), file).toBe(true);
      const m = await sharp(file).metadata();
      expect([m.format, m.width, m.height]).toEqual(['png', size, size]);
    }
  });
});
