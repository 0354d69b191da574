// Builds before-after.jpg for the README from the project's own sample photo (NASA public-domain
// faces, see test/fixtures/samples/README.md): the original, then the safe copy in blur, pixelate and
// sticker, side by side. Run after `npm run build`: node build/readme/make-before-after.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { processFile } from '../../dist/src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const input = path.join(here, '../../test/fixtures/samples/IMG_20240503_140212.jpg');
const work = mkdtempSync(path.join(tmpdir(), 'readme-'));
const crop = { left: 140, top: 170, width: 1280, height: 500 };
const tiles = [await sharp(input).rotate().extract(crop).resize(620).toBuffer()];
for (const style of ['blur', 'pixelate', 'sticker']) {
  const r = await processFile({ input }, { style, outDir: path.join(work, style), format: 'png' });
  if (r.status !== 'done') throw new Error(`${style}: ${r.error?.message}`);
  tiles.push(await sharp(r.output).extract(crop).resize(620).toBuffer());
}
const { height } = await sharp(tiles[0]).metadata();
await sharp({ create: { width: 620 * 2 + 8, height: height * 2 + 8, channels: 3, background: '#ffffff' } })
  .composite(tiles.map((t, i) => ({ input: t, left: (i % 2) * 628, top: Math.floor(i / 2) * (height + 8) })))
  .jpeg({ quality: 82 })
  .toFile(path.join(here, 'before-after.jpg'));
rmSync(work, { recursive: true, force: true });
