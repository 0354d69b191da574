// The engine API the desktop app uses: analyze, then render with reviewed regions.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analyze, processFile, render, renderPreview, type Analysis, type Cover } from '../src/index.js';
import { copySamples } from './helpers/cli.js';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
/** What an analysis looks like after crossing IPC: plain data, no cached pixels. */
const overIpc = (a: Analysis): Analysis => structuredClone(a);

describe('analyze → render', () => {
  it('analyses: size, findings, faces, proposed regions and a preview', async () => {
    const dir = copySamples(['IMG_20240503_140212.jpg']);
    const a = await analyze(path.join(dir, 'IMG_20240503_140212.jpg'), {}, { previewSize: 400 });
    expect([a.format, a.width, a.height]).toEqual(['jpeg', 1600, 1067]);
    expect(a.faces.filter((f) => f.source === 'detector').length).toBeGreaterThanOrEqual(4);
    expect(a.regions.length).toBeGreaterThanOrEqual(4);
    expect(a.findings.some((f) => f.kind === 'location')).toBe(true);
    expect(a.preview?.mime).toBe('image/jpeg');
    expect(Math.max(a.preview!.width, a.preview!.height)).toBe(400);
    const meta = await sharp(a.preview!.data).metadata();
    expect([meta.width, meta.exif, meta.xmp, meta.icc]).toEqual([400, undefined, undefined, undefined]);
  });

  it('gives byte-identical copies whether the CLI chains it or the desktop renders after IPC', async () => {
    const dir = copySamples(['cameraman.png']);
    const input = path.join(dir, 'cameraman.png');
    const viaCli = await processFile({ input }, {});
    const a = await analyze(input, {});
    const viaDesktop = await render(overIpc(a), a.regions, {});
    expect(viaCli.status).toBe('done');
    expect(viaDesktop.status).toBe('done');
    expect(viaDesktop.output).not.toBe(viaCli.output);
    expect(sha(viaDesktop.output!)).toBe(sha(viaCli.output!));
  });

  it('covers what the user chose: covers cleaned of junk, rectangles clipped to the picture, ellipses kept whole', async () => {
    const dir = copySamples(['astronaut.webp']);
    const a = overIpc(await analyze(path.join(dir, 'astronaut.webp'), { faces: 'none' }));
    const junk = [
      { x: -50, y: -50, width: 100, height: 100 }, // a bare rectangle: drawn by hand
      { shape: 'rect', x: 350, y: 350, width: 500, height: 500 },
      { shape: 'ellipse', x: 380.5, y: -20, width: 40, height: 60 },
      { shape: 'star', x: 10, y: 10, width: 10, height: 10 },
      { shape: 'ellipse', x: 0, y: 0, width: 1e7, height: 10 },
      { x: Number.NaN, y: 0, width: 10, height: 10 },
      { x: 10, y: 10, width: 0, height: 10 },
      { x: 900, y: 900, width: 10, height: 10 },
      null,
      'a string',
    ] as unknown as Cover[];
    const r = await render(a, junk, { faces: 'none' });
    expect(r.status).toBe('done');
    expect(r.regions).toEqual([
      { shape: 'rect', x: 0, y: 0, width: 50, height: 50 },
      { shape: 'rect', x: 350, y: 350, width: 50, height: 50 },
      { shape: 'ellipse', x: 380, y: -20, width: 41, height: 60 },
    ]);
    expect(r.facesCovered).toBe(3);
  });

  it('renders nothing covered when the user keeps every face, but still strips everything', async () => {
    const dir = copySamples(['astronaut.webp']);
    const a = await analyze(path.join(dir, 'astronaut.webp'));
    const r = await render(a, [], {});
    expect(r.status).toBe('done');
    expect(r.regions).toEqual([]);
    const meta = await sharp(r.output!).metadata();
    expect([meta.exif, meta.xmp]).toEqual([undefined, undefined]);
  });

  it('refuses to render a photo that changed since it was analysed', async () => {
    const dir = copySamples(['astronaut.webp']);
    const input = path.join(dir, 'astronaut.webp');
    const a = overIpc(await analyze(input, { faces: 'none' }));
    appendFileSync(input, Buffer.from('changed'));
    const r = await render(a, [], { faces: 'none' });
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('changed');
    expect(readdirSync(dir)).toEqual(['astronaut.webp']);
  });

  it('"Show the result" is the export: the preview and the written copy are the same pixels', async () => {
    const dir = copySamples(['IMG_20240503_140212.jpg']);
    const a = await analyze(path.join(dir, 'IMG_20240503_140212.jpg'));
    for (const style of ['blur', 'sticker'] as const) {
      const covers: Cover[] = [...a.regions, { shape: 'rect', x: 40, y: 800, width: 200, height: 120 }];
      const preview = await renderPreview(overIpc(a), covers, { style }, Math.max(a.width, a.height));
      const written = await render(overIpc(a), covers, { style, format: 'png' });
      expect(written.status).toBe('done');
      const [p, w] = await Promise.all([preview.data, written.output!].map((f) => sharp(f).removeAlpha().raw().toBuffer()));
      expect(p!.length).toBe(w!.length);
      // The preview is a JPEG of the very pixels the PNG holds: only its compression differs.
      let diff = 0;
      for (let i = 0; i < p!.length; i++) diff += Math.abs(p![i]! - w![i]!);
      expect(diff / p!.length).toBeLessThan(2);
    }
  });

  it('previews the covered result without writing anything', async () => {
    const dir = copySamples(['astronaut.webp']);
    const a = await analyze(path.join(dir, 'astronaut.webp'));
    const p = await renderPreview(a, a.regions, {}, 200);
    expect([p.width, p.height]).toEqual([200, 200]);
    expect(readdirSync(dir)).toEqual(['astronaut.webp']);
  });
});
