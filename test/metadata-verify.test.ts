// verifyBytes: the allowlist re-read that decides whether an output may be kept, and how it judges files
// cleaned by other tools (exiftool -all=, mat2). exiftool is the independent oracle on what remains.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lacks } from './helpers/oracles.js';
import type { OutputFormat } from '../src/types.js';
import { verifyBytes, verifyFile } from '../src/verify/index.js';

const dir = path.join(import.meta.dirname, 'fixtures/metadata');
const fixture = (name: string) => readFileSync(path.join(dir, name));
const codes = async (b: Buffer) => new Set((await verifyBytes(b)).problems.map((p) => p.code));

/** Groups exiftool reports beyond the container's own structural description. */
function exiftoolExtras(file: string): string[] {
  const out = JSON.parse(execFileSync('exiftool', ['-j', '-a', '-G1', '-ee', file]).toString())[0];
  const structural = /^(SourceFile|ExifTool|System|File|Composite|JFIF|PNG|PNG-pHYs|RIFF|GIF|QuickTime|Meta)(:|$)/;
  // A TIFF's own directory describes its pixels; with JPEG compression exiftool calls the strip "PreviewImage".
  const tiffPixels =
    /^IFD0:(ImageWidth|ImageHeight|BitsPerSample|Compression|PhotometricInterpretation|StripOffsets|SamplesPerPixel|RowsPerStrip|StripByteCounts|XResolution|YResolution|PlanarConfiguration|ResolutionUnit|Predictor|SampleFormat|ExtraSamples|JPEGTables|ReferenceBlackWhite|YCbCrSubSampling|PreviewImageStart|PreviewImageLength|PreviewImage)$/;
  return Object.keys(out).filter((k) => {
    if (structural.test(k)) return false;
    if (k === 'IFD0:Orientation') return out[k] !== 'Horizontal (normal)';
    return !tiffPixels.test(k);
  });
}

/** Inserts a JPEG segment right after SOI. */
const withSegment = (jpeg: Buffer, marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
};

describe.skipIf(lacks(import.meta.filename, 'exiftool'))('verify: fresh sharp outputs are clean', () => {
  const formats: OutputFormat[] = ['jpeg', 'png', 'webp', 'tiff', 'avif', 'gif'];
  for (const format of formats) {
    it(`${format}: clean, with the expected format and size, and exiftool agrees`, async () => {
      const out = await sharp(fixture('orientation-6.jpg')).rotate().toFormat(format).toBuffer();
      const r = await verifyBytes(out, { format, width: 320, height: 240 });
      expect(r.problems).toEqual([]);
      expect(r).toMatchObject({ clean: true, format, width: 320, height: 240 });
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'verify-')), `out.${format}`);
      await sharp(out).toFile(file);
      expect(exiftoolExtras(file)).toEqual([]);
    });
  }

  it('reports a wrong size and a wrong format', async () => {
    const out = await sharp(fixture('full.jpg')).png().toBuffer();
    const r = await verifyBytes(out, { format: 'jpeg', width: 256, height: 200 });
    expect(r.clean).toBe(false);
    expect(r.problems.map((p) => p.code).sort()).toEqual(['wrong-format', 'wrong-size']);
  });
});

describe('verify: anything beyond the allowlist is a problem', () => {
  it('refuses every metadata fixture, naming what remains', async () => {
    const expected: Record<string, string[]> = {
      'full.jpg': ['metadata', 'comment', 'color-profile', 'trailer'],
      'motion.jpg': ['metadata', 'trailer'],
      'orientation-6.jpg': ['metadata'],
      'text.png': ['metadata'],
      'exif-xmp.webp': ['metadata'],
      'gps.tif': ['metadata', 'extra-image'],
      'comment.gif': ['comment', 'metadata'],
      'gps.heic': ['metadata'],
    };
    for (const [name, want] of Object.entries(expected)) {
      const r = await verifyBytes(fixture(name));
      expect(r.clean, name).toBe(false);
      for (const code of want)
        expect(
          r.problems.map((p) => p.code),
          name,
        ).toContain(code);
    }
  });

  it('JPEG: a trailer, a comment, an APP1, an ICC profile or a JFIF thumbnail each fail; a bare Adobe APP14 passes', async () => {
    const clean = await sharp(fixture('full.jpg')).jpeg().toBuffer();
    expect((await verifyBytes(clean)).clean).toBe(true);
    expect(await codes(Buffer.concat([clean, Buffer.from('x')]))).toContain('trailer');
    expect(await codes(withSegment(clean, 0xfe, Buffer.from('hello')))).toContain('comment');
    expect(await codes(withSegment(clean, 0xe1, Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0', 'latin1')))).toContain('metadata');
    expect(await codes(withSegment(clean, 0xe2, Buffer.from('ICC_PROFILE\0\x01\x01abc', 'latin1')))).toContain('color-profile');
    const jfifThumb = Buffer.concat([Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\x01\x01', 'latin1'), Buffer.alloc(3)]);
    expect(await codes(withSegment(clean.subarray(0), 0xe0, jfifThumb))).toContain('thumbnail');
    const adobe = Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1');
    expect((await verifyBytes(withSegment(clean, 0xee, adobe))).problems).toEqual([]);
    expect(await codes(withSegment(clean, 0xee, Buffer.concat([adobe, Buffer.from('more')])))).toContain('metadata');
  });

  it('PNG: a text chunk or data after IEND fails', async () => {
    const clean = await sharp(fixture('text.png')).png().toBuffer();
    expect((await verifyBytes(clean)).clean).toBe(true);
    const text = Buffer.from('\0\0\0\x0atEXtComment\0hi\0\0\0\0', 'latin1');
    const withText = Buffer.concat([clean.subarray(0, 33), text, clean.subarray(33)]);
    expect(await codes(withText)).toContain('metadata');
    expect(await codes(Buffer.concat([clean, Buffer.from('secret')]))).toContain('trailer');
  });

  it('WebP: an EXIF chunk fails even when the VP8X flags do not announce it', async () => {
    const clean = await sharp(fixture('exif-xmp.webp')).webp().toBuffer();
    expect((await verifyBytes(clean)).clean).toBe(true);
    const chunk = Buffer.concat([Buffer.from('EXIF\x04\0\0\0abcd', 'latin1')]);
    const b = Buffer.concat([clean, chunk]);
    b.writeUInt32LE(b.length - 8, 4);
    expect(await codes(b)).toContain('metadata');
  });

  it('a cut-short file fails with a structure problem, and so does something that is not an image', async () => {
    const clean = await sharp(fixture('full.jpg')).jpeg().toBuffer();
    expect(await codes(clean.subarray(0, clean.length - 100))).toContain('structure');
    expect(await codes(Buffer.from('not an image at all'))).toContain('not-an-image');
    const missing = await verifyFile(path.join(tmpdir(), 'does-not-exist.jpg'));
    expect(missing).toMatchObject({ clean: false, problems: [{ code: 'unreadable' }] });
  });
});

// How verify judges other tools' work. Rules (documented in src/verify/*.ts): JFIF APP0 and the bare
// 12-byte Adobe APP14 that `exiftool -all=` keeps are structural; an ICC profile is not; an Exif item left
// empty in a HEIC is not metadata. exiftool cannot delete IFD0 tags from a TIFF, so its TIFF output fails.
const strippers = mkdtempSync(path.join(tmpdir(), 'strippers-'));

describe.skipIf(lacks(import.meta.filename, 'exiftool'))('verify: files cleaned by exiftool -all=', () => {
  const exiftoolAll = (name: string) => {
    const copy = path.join(strippers, `et-${name}`);
    copyFileSync(path.join(dir, name), copy);
    execFileSync('exiftool', ['-q', '-q', '-all=', '-overwrite_original', copy]);
    return copy;
  };

  const verdicts: [string, boolean][] = [
    ['full.jpg', true],
    ['motion.jpg', true],
    ['orientation-6.jpg', true],
    ['text.png', true],
    ['exif-xmp.webp', true],
    ['gps.tif', false],
    ['comment.gif', true],
    ['gps.heic', true],
  ];
  for (const [name, clean] of verdicts) {
    it(`exiftool -all= on ${name} → ${clean ? 'clean' : 'not clean'}`, async () => {
      const r = await verifyFile(exiftoolAll(name));
      expect(r.clean, JSON.stringify(r.problems)).toBe(clean);
      if (!clean) expect(r.problems.some((p) => /Make|Artist/.test(p.message))).toBe(true);
    });
  }

  it('exiftool -all= keeps the Adobe APP14 of a CMYK JPEG, and that is clean', async () => {
    const cmyk = path.join(strippers, 'cmyk.jpg');
    await sharp(fixture('full.jpg')).toColourspace('cmyk').jpeg().toFile(cmyk);
    execFileSync('exiftool', ['-q', '-q', '-all=', '-overwrite_original', cmyk]);
    expect(readFileSync(cmyk).includes('Adobe')).toBe(true);
    expect((await verifyFile(cmyk)).problems).toEqual([]);
  });
});

describe.skipIf(lacks(import.meta.filename, 'mat2'))('verify: files cleaned by mat2', () => {
  const mat2 = (name: string) => {
    const copy = path.join(strippers, `m2-${name}`);
    copyFileSync(path.join(dir, name), copy);
    const run = spawnSync('mat2', [copy]);
    const cleaned = readdirSync(strippers).find((f) => f.startsWith(`m2-${path.parse(name).name}.cleaned`));
    return run.status === 0 && cleaned ? path.join(strippers, cleaned) : undefined;
  };

  for (const name of ['full.jpg', 'motion.jpg', 'text.png', 'gps.tif', 'comment.gif', 'gps.heic']) {
    it(`mat2 on ${name} → clean`, async () => {
      const out = mat2(name);
      expect(out, 'mat2 produced no output').toBeDefined();
      const r = await verifyFile(out!);
      expect(r.problems).toEqual([]);
    });
  }

  it('mat2 refuses WebP (mat2 0.13 does not support it), so there is nothing to judge', () => {
    expect(mat2('exif-xmp.webp')).toBeUndefined();
  });
});
