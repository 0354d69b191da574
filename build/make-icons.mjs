// Renders build/icons/icon.svg to the PNG sizes electron-builder wants: icon.png (1024 px; it derives
// the Windows .ico and macOS .icns from it) and NxN.png for Linux. Run: node build/make-icons.mjs
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icons');
const svg = path.join(dir, 'icon.svg');
mkdirSync(dir, { recursive: true });
await sharp(svg, { density: 192 }).resize(1024, 1024).png().toFile(path.join(dir, 'icon.png'));
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  await sharp(svg, { density: 192 })
    .resize(size, size)
    .png()
    .toFile(path.join(dir, `${size}x${size}.png`));
}
