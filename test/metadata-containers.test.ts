// The structure walkers must be total and bounded: hostile files (lying lengths, offset loops, deep
// nesting, truncation, random damage) end as reported issues — never an exception, a hang or a huge
// allocation. exiftool is the oracle for what a well-formed file contains.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lacks } from './helpers/oracles.js';
import { readHeifMeta, walkBmff } from '../src/containers/bmff.js';
import { walkGif } from '../src/containers/gif.js';
import { appIdentifier, walkJpeg } from '../src/containers/jpeg.js';
import { readPngText, walkPng } from '../src/containers/png.js';
import { walkWebp } from '../src/containers/riff.js';
import { walkTiff } from '../src/containers/tiff.js';
import { inspectBytes } from '../src/inspect/index.js';
import type { ImageFormat } from '../src/types.js';
import { verifyBytes } from '../src/verify/index.js';
import { mulberry32 } from '../src/util/random.js';

const dir = path.join(import.meta.dirname, 'fixtures/metadata');
const fixture = (name: string) => readFileSync(path.join(dir, name));

const walkers: Record<string, (b: Buffer) => { issues: string[] }> = {
  jpeg: walkJpeg,
  png: walkPng,
  webp: walkWebp,
  tiff: walkTiff,
  heic: walkBmff,
  gif: walkGif,
};
const fixtures: [string, ImageFormat][] = [
  ['full.jpg', 'jpeg'],
  ['text.png', 'png'],
  ['exif-xmp.webp', 'webp'],
  ['gps.tif', 'tiff'],
  ['gps.heic', 'heic'],
  ['comment.gif', 'gif'],
];

/** A small deterministic PRNG (the engine's mulberry32) so failures replay. */
const rng = mulberry32;

function mutate(b: Buffer, r: () => number): Buffer {
  const m = Buffer.from(b);
  const kind = Math.floor(r() * 4);
  const at = Math.floor(r() * m.length);
  if (kind === 0) for (let i = 0; i < 1 + r() * 8; i++) m[Math.floor(r() * m.length)] ^= 1 << Math.floor(r() * 8);
  else if (kind === 1)
    m.writeUInt32BE(Math.floor(r() * 0xffffffff), Math.min(at, m.length - 4)); // a lying length or offset
  else if (kind === 2) return m.subarray(0, at);
  else m.fill(0xff, at, Math.min(m.length, at + 1 + Math.floor(r() * 64)));
  return m;
}

describe.skipIf(lacks(import.meta.filename, 'exiftool'))('walkers agree with exiftool on well-formed files', () => {
  it('JPEG: the same segments, in the same order and sizes, as exiftool -v lists them', () => {
    for (const name of ['full.jpg', 'motion.jpg', 'orientation-6.jpg', 'empty-gps.jpg']) {
      const verbose = execFileSync('exiftool', ['-v1', path.join(dir, name)]).toString();
      const oracle = [...verbose.matchAll(/^JPEG (\w+)(?: \((\d+) bytes\))?/gm)].map((m) => `${m[1]}${m[2] ? `:${m[2]}` : ''}`);
      const s = walkJpeg(fixture(name));
      const ours = s.segments
        .filter((x) => x.name !== 'SOI' && x.name !== 'EOI' && !x.name.startsWith('RST'))
        .map((x) => (x.name === 'SOS' ? 'SOS' : `${x.name}:${x.dataLength}`));
      expect(ours.slice(0, oracle.length), name).toEqual(oracle);
      expect(s.issues, name).toEqual([]);
    }
    const full = walkJpeg(fixture('full.jpg'));
    const ids = full.segments
      .filter((x) => x.marker >= 0xe0 && x.marker <= 0xef)
      .map((x) => `${x.name}:${appIdentifier(fixture('full.jpg'), x)}`);
    expect(ids).toEqual(['APP1:Exif', 'APP13:Photoshop 3.0', 'APP1:http://ns.adobe.com/xap/1.0/', 'APP2:ICC_PROFILE']);
    expect(full.trailer).toBe(360);
  });

  it('PNG chunks, WebP chunks, HEIF items and GIF blocks', () => {
    expect(walkPng(fixture('text.png')).chunks.map((c) => c.type)).toEqual(
      expect.arrayContaining(['IHDR', 'tEXt', 'iTXt', 'eXIf', 'IDAT', 'IEND']),
    );
    const text = walkPng(fixture('text.png')).chunks.find((c) => c.type === 'tEXt')!;
    expect(readPngText(fixture('text.png'), text)?.keyword).toBe('parameters');
    expect(walkWebp(fixture('exif-xmp.webp')).chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'VP8 ', 'EXIF', 'XMP ']);
    const heic = fixture('gps.heic');
    const s = walkBmff(heic);
    const m = readHeifMeta(
      heic,
      s.boxes.find((x) => x.type === 'meta')!,
      s.issues,
    );
    expect(m.items.map((i) => i.type).sort()).toEqual(['Exif', 'hvc1']);
    expect(s.issues).toEqual([]);
    const gif = walkGif(fixture('comment.gif'));
    expect(gif.frames).toBe(1);
    expect(gif.blocks.map((x) => x.kind)).toEqual(expect.arrayContaining(['comment', 'application', 'image']));
  });
});

describe('hostile structures end as issues', () => {
  it('TIFF: an IFD chain that loops, a sub-IFD pointing back, and a directory declaring 65535 entries', () => {
    const t = Buffer.alloc(64);
    t.write('II*\0', 0, 'latin1');
    t.writeUInt32LE(8, 4);
    t.writeUInt16LE(1, 8); // one entry: ExifIFD pointer back to IFD0
    t.writeUInt16LE(0x8769, 10);
    t.writeUInt16LE(4, 12);
    t.writeUInt32LE(1, 14);
    t.writeUInt32LE(8, 18);
    t.writeUInt32LE(8, 22); // next IFD = itself
    const s = walkTiff(t);
    expect(s.ifds).toHaveLength(1);
    expect(s.issues.join(' ')).toMatch(/loop/);
    t.writeUInt16LE(65535, 8);
    const big = walkTiff(t);
    expect(big.ifds[0].entries.length).toBeLessThanOrEqual(4);
    expect(big.issues.join(' ')).toMatch(/declares 65535 entries/);
  });

  it('ISO-BMFF: 5000 nested boxes, a box larger than the file, a box too small to be one', () => {
    const depth = 5000;
    const nested = Buffer.alloc(depth * 8);
    for (let i = 0; i < depth; i++) {
      nested.writeUInt32BE((depth - i) * 8, i * 8);
      nested.write('iprp', i * 8 + 4, 'latin1');
    }
    const s = walkBmff(nested);
    expect(s.issues.join(' ')).toMatch(/nested too deeply/);
    const lying = Buffer.from('\xff\xff\xff\xffftypheic\0\0\0\0', 'latin1');
    expect(walkBmff(lying).issues.join(' ')).toMatch(/runs past the end/);
    const tiny = Buffer.from('\0\0\0\x04ftypheic', 'latin1');
    expect(walkBmff(tiny).issues.join(' ')).toMatch(/impossible size/);
  });

  it('JPEG, PNG, WebP and GIF lengths that run past the end', () => {
    const j = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0x45, 0x78]);
    expect(walkJpeg(j).issues.join(' ')).toMatch(/runs past the end/);
    const p = Buffer.concat([fixture('text.png').subarray(0, 8), Buffer.from('\xff\xff\xff\xfftEXt', 'latin1')]);
    expect(walkPng(p).issues.join(' ')).toMatch(/runs past the end/);
    const w = Buffer.from(fixture('exif-xmp.webp'));
    w.writeUInt32LE(0x7fffffff, 16);
    expect(walkWebp(w).issues.join(' ')).toMatch(/runs past the end/);
    const g = Buffer.concat([fixture('comment.gif').subarray(0, 800)]);
    expect(walkGif(g).issues.length).toBeGreaterThan(0);
  });

  it('a PNG zTXt zip bomb is inflated only up to a cap', async () => {
    const { deflateSync } = await import('node:zlib');
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x41));
    const data = Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), bomb]);
    const chunk = Buffer.concat([Buffer.alloc(4), Buffer.from('zTXt'), data, Buffer.alloc(4)]);
    chunk.writeUInt32BE(data.length, 0);
    const png = fixture('text.png');
    const b = Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
    const s = walkPng(b);
    const z = s.chunks.find((c) => c.type === 'zTXt')!;
    expect(readPngText(b, z)?.text).toBeUndefined();
    const r = await inspectBytes(b, 'png');
    expect(r.findings.find((f) => f.kind === 'unreadable')?.where).toContain('PNG zTXt "Comment"');
  });
});

describe('random damage never throws or hangs', () => {
  it('walkers: 400 mutations per fixture', () => {
    const r = rng(2024);
    for (const [name, format] of fixtures) {
      const b = fixture(name);
      for (let i = 0; i < 400; i++) {
        const m = mutate(b, r);
        const s = walkers[format](m) as { issues: string[]; end?: number };
        expect(Array.isArray(s.issues)).toBe(true);
        if (s.end !== undefined) expect(s.end).toBeLessThanOrEqual(m.length);
      }
    }
  });

  it('inspect and verify: 40 mutations per fixture', async () => {
    const r = rng(7);
    for (const [name, format] of fixtures) {
      const b = fixture(name);
      for (let i = 0; i < 40; i++) {
        const m = mutate(b, r);
        const ins = await inspectBytes(m, format);
        expect(ins.format).toBe(format);
        const v = await verifyBytes(m);
        expect(v.clean).toBe(false);
      }
    }
  });
});

describe('found by fuzzing', () => {
  it('an EXIF entry declaring 2 billion rationals (exifr walks them all) does not stop the rest of the block being read', async () => {
    const b = Buffer.from(fixture('full.jpg'));
    const tiffAt = b.indexOf('Exif\0\0') + 6;
    const t = walkTiff(b.subarray(tiffAt));
    const xres = t.ifds.flatMap((i) => i.entries).find((e) => e.tag === 0x011a)!; // XResolution, one RATIONAL
    b.writeUInt32BE(0x7fffffff, tiffAt + xres.at + 4);
    const r = await inspectBytes(b, 'jpeg');
    expect(r.findings.find((f) => f.kind === 'location')).toMatchObject({ lat: 48.8566, lon: 2.3522 });
    expect(r.findings).toContainEqual(expect.objectContaining({ kind: 'serial', role: 'lens', value: 'LS98765' }));
    expect((await verifyBytes(b)).clean).toBe(false);
  });
});
