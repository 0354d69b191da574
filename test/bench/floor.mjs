// The floor: what one re-encode costs with nothing else — read, decode, apply the orientation,
// encode at the pipeline's settings, write — with the same number of photos in flight as the
// pipeline has workers. Prints one JSON line per photo ({ input, ms }) as it finishes.
// Usage: node floor.mjs '{"files": [...], "outDir": "...", "quality": 92, "jobs": 2}'
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const { files, outDir, quality, jobs } = JSON.parse(process.argv[2]);

// libheif through the engine's own binding (npm run bench builds dist/ first).
async function decodeHeic(bytes) {
  const { decodeHeicPixels } = await import('../../dist/src/decode-heic.js');
  const { data, width, height } = await decodeHeicPixels(bytes, () => {});
  return sharp(data, { raw: { width, height, channels: 4 } }).removeAlpha();
}

async function one(file, i) {
  const started = performance.now();
  const bytes = await readFile(file);
  const isPng = file.endsWith('.png');
  const input = file.endsWith('.heic') ? await decodeHeic(bytes) : sharp(bytes).rotate();
  // The same encoders and settings as src/encode.ts (HEIC becomes JPEG there too).
  const out = isPng
    ? input.png({ compressionLevel: 6, adaptiveFiltering: false })
    : input.jpeg({ quality, mozjpeg: false, optimiseCoding: false });
  await writeFile(path.join(outDir, `${i}-${path.basename(file)}${isPng ? '' : '.jpg'}`), await out.toBuffer());
  process.stdout.write(`${JSON.stringify({ input: file, ms: performance.now() - started })}\n`);
}

let next = 0;
async function lane() {
  while (next < files.length) {
    const i = next++;
    await one(files[i], i);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, lane));
