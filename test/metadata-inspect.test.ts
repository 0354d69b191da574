// inspectBytes on the generated fixtures, with exiftool as the independent oracle for what each file holds.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lacks } from './helpers/oracles.js';
import { inspectBytes, type Inspection } from '../src/inspect/index.js';
import { uprightRegions } from '../src/inspect/regions.js';
import type { ImageFormat } from '../src/types.js';
import { describeFinding, words, type Finding, type FindingKind } from '../src/contract/index.js';

const dir = path.join(import.meta.dirname, 'fixtures/metadata');
const facts = JSON.parse(readFileSync(path.join(dir, 'facts.json'), 'utf8'));
const bytes = (name: string) => readFileSync(path.join(dir, name));
const inspect = (name: string, format: ImageFormat) => inspectBytes(bytes(name), format);
const kinds = (r: Inspection) => new Set(r.findings.map((f) => f.kind));
const en = words('en', 'en-GB');
/** The findings of these kinds as an English reader sees them: the sentence and its detail (where, size). */
const texts = (r: Inspection, ...of: FindingKind[]) =>
  r.findings
    .filter((f) => of.includes(f.kind))
    .map((f) => Object.values(describeFinding(f, en)).join(' '))
    .join('\n');
const one = <K extends FindingKind>(r: Inspection, kind: K) => r.findings.find((f): f is Extract<Finding, { kind: K }> => f.kind === kind);

/** exiftool's numeric view of a file: the oracle. */
function exiftool(name: string): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-n', '-a', '-G1', '-ee', path.join(dir, name)]).toString();
  return JSON.parse(out)[0];
}

describe.skipIf(lacks(import.meta.filename, 'exiftool'))('inspect: what a JPEG gives away', () => {
  it('reports GPS, dates, device, serials, owner, thumbnail, people, faces, IPTC, comment, ICC and trailer', async () => {
    const r = await inspect('full.jpg', 'jpeg');
    const oracle = exiftool('full.jpg');
    const loc = one(r, 'location')!;
    expect(loc.lat).toBeCloseTo(oracle['Composite:GPSLatitude'] as number, 4);
    expect(loc.lon).toBeCloseTo(oracle['Composite:GPSLongitude'] as number, 4);
    expect(texts(r, 'location')).toContain('48.8566 N, 2.3522 E');
    // One line per moment: the date the camera wrote as taken, digitized and modified, found in EXIF and XMP.
    const dates = r.findings.filter((f): f is Extract<Finding, { kind: 'date' }> => f.kind === 'date');
    expect(dates.filter((d) => d.role === 'taken').map((d) => d.raw)).toContain(facts.taken);
    expect(new Set(dates.map((d) => d.iso?.slice(0, 16))).size).toBe(dates.length);
    expect(texts(r, 'date')).toContain('Taken on 1 May 2024 at 10:20');
    expect(texts(r, 'device')).toContain(`${facts.make} ${facts.model}`);
    for (const s of [facts.serial, facts.lensSerial, facts.uniqueId]) expect(texts(r, 'serial')).toContain(s);
    expect(texts(r, 'owner')).toContain(facts.artist);
    expect(texts(r, 'people')).toContain(facts.person);
    expect(texts(r, 'comment')).toContain(facts.comment);
    expect(one(r, 'place')?.names).toContain('Paris');
    expect(oracle['IFD1:ThumbnailImage']).toBeDefined();
    expect(kinds(r)).toContain('thumbnail');
    expect(kinds(r)).toContain('color-profile');
    expect(kinds(r)).toContain('face-regions');
    expect(one(r, 'trailer')?.bytes).toBe(360);
    expect(texts(r, 'trailer')).toMatch(/360 bytes/);
    expect([r.width, r.height]).toEqual([oracle['File:ImageWidth'], oracle['File:ImageHeight']]);
  });

  it('puts sensitive findings first', async () => {
    const r = await inspect('full.jpg', 'jpeg');
    const firstPlain = r.findings.findIndex((f) => !f.sensitive);
    expect(firstPlain).toBeGreaterThan(0);
    expect(r.findings.slice(firstPlain).every((f) => !f.sensitive)).toBe(true);
  });

  it('maps a face region stored without rotation to the same pixels', async () => {
    const r = await inspect('full.jpg', 'jpeg');
    const f = facts.fullFace;
    expect(r.faceRegions).toHaveLength(1);
    const [box] = r.faceRegions;
    expect(Math.abs(box.x - f.x) + Math.abs(box.y - f.y) + Math.abs(box.width - f.w) + Math.abs(box.height - f.h)).toBeLessThanOrEqual(2);
  });

  it('finds a motion-photo video appended after EOI and the GCamera XMP that announces it', async () => {
    const r = await inspect('motion.jpg', 'jpeg');
    const oracle = exiftool('motion.jpg');
    expect(oracle['XMP-GCamera:MicroVideo']).toBe(1);
    // The video the XMP announces and the one after the picture's end are one fact, found in two places.
    const videos = r.findings.filter((f) => f.kind === 'motion-video');
    expect(videos).toHaveLength(1);
    expect(videos[0]!.where).toEqual(expect.arrayContaining(['XMP', 'JPEG']));
    expect(kinds(r)).toContain('trailer');
  });

  it('says when a GPS block is present but empty', async () => {
    const r = await inspect('empty-gps.jpg', 'jpeg');
    expect(exiftool('empty-gps.jpg')['GPS:GPSVersionID']).toBeDefined();
    expect(kinds(r)).toContain('location-empty');
    expect(texts(r, 'location-empty')).toMatch(/GPS block without coordinates/);
  });
});

describe('inspect: face regions in upright pixels', () => {
  it('maps MWG (stored grid) and Microsoft (upright) regions of an Orientation=6 file onto the face in the upright picture', async () => {
    const r = await inspect('orientation-6.jpg', 'jpeg');
    expect(r.orientation).toBe(6);
    expect([r.width, r.height]).toEqual([240, 320]);
    expect(r.faceRegions).toHaveLength(1);
    // Independent proof from the pixels: the fixture's "face" is solid green in the upright picture.
    const { data, info } = await sharp(bytes('orientation-6.jpg')).rotate().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([320, 240]);
    const greenness = (x0: number, y0: number, w: number, h: number) => {
      let green = 0;
      for (let y = y0; y < y0 + h; y++)
        for (let x = x0; x < x0 + w; x++) {
          const i = (y * info.width + x) * info.channels;
          if (data[i + 1] > 200 && data[i] < 80 && data[i + 2] < 80) green++;
        }
      return green / (w * h);
    };
    const b = r.faceRegions[0];
    expect(greenness(b.x + 2, b.y + 2, b.width - 4, b.height - 4)).toBeGreaterThan(0.95);
    expect(greenness(b.x + b.width + 2, b.y, 10, b.height)).toBeLessThan(0.05);
    expect(greenness(b.x, b.y + b.height + 2, b.width, 10)).toBeLessThan(0.05);
  });

  it('turns a stored-grid rectangle for all eight EXIF orientations exactly as libvips turns the pixels', async () => {
    const stored = { width: 60, height: 40 };
    const box = { x: 8, y: 4, w: 12, h: 20 };
    const green = await sharp({ create: { width: box.w, height: box.h, channels: 3, background: { r: 0, g: 255, b: 0 } } })
      .png()
      .toBuffer();
    const base = await sharp({ create: { width: stored.width, height: stored.height, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .composite([{ input: green, left: box.x, top: box.y }])
      .png()
      .toBuffer();
    for (let o = 1; o <= 8; o++) {
      const file = await sharp(base).withMetadata({ orientation: o }).png().toBuffer();
      const { data, info } = await sharp(file).rotate().raw().toBuffer({ resolveWithObject: true });
      let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
      for (let y = 0; y < info.height; y++)
        for (let x = 0; x < info.width; x++) {
          if (data[(y * info.width + x) * info.channels + 1] > 128)
            [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        }
      const region = {
        x: box.x / stored.width,
        y: box.y / stored.height,
        w: box.w / stored.width,
        h: box.h / stored.height,
        frame: 'stored' as const,
      };
      expect(uprightRegions([region], stored, o), `orientation ${o}`).toEqual([{ x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 }]);
    }
  });

  it('trusts AppliedToDimensions when a writer stored MWG regions upright', () => {
    const stored = { width: 200, height: 100 };
    const region = { x: 0.1, y: 0.1, w: 0.2, h: 0.2, frame: 'stored' as const };
    const asStored = uprightRegions([{ ...region, applied: { w: 200, h: 100 } }], stored, 6);
    const asUpright = uprightRegions([{ ...region, applied: { w: 100, h: 200 } }], stored, 6);
    expect(asStored).toEqual([{ x: 70, y: 20, width: 20, height: 40 }]);
    expect(asUpright).toEqual([{ x: 10, y: 20, width: 20, height: 40 }]);
  });
});

describe.skipIf(lacks(import.meta.filename, 'exiftool'))('inspect: other formats', () => {
  it('PNG: AI prompt in tEXt "parameters", EXIF in eXIf, XMP in iTXt', async () => {
    const r = await inspect('text.png', 'png');
    expect(exiftool('text.png')['PNG:Parameters']).toBe(facts.prompt);
    expect(texts(r, 'text')).toMatch(/AI prompt.*a family picnic/);
    expect(texts(r, 'location')).toContain('48.8566 N, 2.3522 E');
    expect(one(r, 'owner')?.names).toContain('Jane Example');
    expect(one(r, 'owner')?.where.some((w) => w.includes('XMP'))).toBe(true);
  });

  it('WebP: EXIF and XMP chunks', async () => {
    const r = await inspect('exif-xmp.webp', 'webp');
    expect(one(r, 'location')?.where).toContain('WebP EXIF chunk');
    expect(texts(r, 'people')).toContain(facts.person);
    expect([r.width, r.height]).toEqual([96, 64]);
  });

  it('TIFF: GPS and owner tags in the main directory', async () => {
    const r = await inspect('gps.tif', 'tiff');
    expect(texts(r, 'location')).toContain('48.8566 N, 2.3522 E');
    expect(texts(r, 'owner')).toContain(facts.artist);
  });

  it('GIF: comment extension and XMP application block', async () => {
    const r = await inspect('comment.gif', 'gif');
    expect(texts(r, 'comment')).toContain(facts.comment);
    expect(texts(r, 'owner')).toContain(facts.artist);
  });

  it('HEIC: EXIF item with GPS, primary size from ispe', async () => {
    const r = await inspect('gps.heic', 'heic');
    const oracle = exiftool('gps.heic');
    expect(texts(r, 'location')).toContain('48.8566 N, 2.3522 E');
    expect(texts(r, 'serial')).toContain(facts.serial);
    expect(`${r.width} ${r.height}`).toBe(oracle['QuickTime:ImageSpatialExtent']);
  });
});

describe('inspect never throws', () => {
  it('reports a corrupt EXIF block as a finding', async () => {
    const b = Buffer.from(bytes('full.jpg'));
    const at = b.indexOf('Exif\0\0') + 6;
    b.write('II*\0\xff\xff\xff\x7f', at, 'latin1'); // IFD0 offset far outside the block
    const r = await inspectBytes(b, 'jpeg');
    expect(kinds(r).has('unreadable') || kinds(r).has('structure')).toBe(true);
    expect(texts(r, 'location')).not.toContain('48.8566');
  });

  it('survives every truncation of every fixture', async () => {
    const cases: [string, ImageFormat][] = [
      ['full.jpg', 'jpeg'],
      ['text.png', 'png'],
      ['exif-xmp.webp', 'webp'],
      ['gps.tif', 'tiff'],
      ['comment.gif', 'gif'],
      ['gps.heic', 'heic'],
    ];
    for (const [name, format] of cases) {
      const b = bytes(name);
      for (let n = 0; n < b.length; n += Math.max(1, Math.floor(b.length / 150))) {
        const r = await inspectBytes(b.subarray(0, n), format);
        expect(r.format).toBe(format);
      }
    }
  });
});

describe('inspect: motion photos and auxiliary images described in other ways', () => {
  /** A JPEG with one extra APP1 XMP segment and optional bytes after EOI. */
  const withXmp = (xmp: string, trailer = Buffer.alloc(0)) => {
    const jpeg = bytes('empty-gps.jpg');
    const payload = Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0'), Buffer.from(xmp)]);
    const head = Buffer.from([0xff, 0xe1, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2), trailer]);
  };

  it('Google motion photo: GCamera:MotionPhoto and a Container directory with a MotionPhoto item', async () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:GCamera="http://ns.google.com/photos/1.0/camera/"
        xmlns:Container="http://ns.google.com/photos/1.0/container/" xmlns:Item="http://ns.google.com/photos/1.0/container/item/"
        GCamera:MotionPhoto="1" GCamera:MotionPhotoVersion="1">
      <Container:Directory><rdf:Seq>
        <rdf:li rdf:parseType="Resource"><Container:Item Item:Mime="image/jpeg" Item:Semantic="Primary"/></rdf:li>
        <rdf:li rdf:parseType="Resource"><Container:Item Item:Mime="video/mp4" Item:Semantic="MotionPhoto" Item:Length="2048"/></rdf:li>
        <rdf:li rdf:parseType="Resource"><Container:Item Item:Mime="image/jpeg" Item:Semantic="Depth" Item:Length="512"/></rdf:li>
      </rdf:Seq></Container:Directory></rdf:Description></rdf:RDF></x:xmpmeta>`;
    const r = await inspectBytes(withXmp(xmp), 'jpeg');
    expect(texts(r, 'motion-video')).toMatch(/motion photo/);
    expect(one(r, 'aux-image')?.what).toBe('depth');
  });

  it('Samsung JPEG trailer (SEFH/SEFT with MotionPhoto_Data)', async () => {
    const trailer = Buffer.concat([Buffer.from('MotionPhoto_Data'), bytes('motion.jpg').subarray(-2096), Buffer.from('SEFH\0\0\0\0SEFT')]);
    const r = await inspectBytes(withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>', trailer), 'jpeg');
    expect(one(r, 'unknown')?.names).toContain('Samsung');
    expect(texts(r, 'motion-video')).toMatch(/hidden video/);
    expect(one(r, 'trailer')?.bytes).toBe(trailer.length);
  });

  it('HEIF/AVIF auxiliary images: a transparency plane is named (and not counted as sensitive)', async () => {
    const png = await sharp(bytes('text.png')).ensureAlpha(0.5).png().toBuffer();
    const avif = await sharp(png).avif().toBuffer();
    const r = await inspectBytes(avif, 'avif');
    const aux = r.findings.filter((f) => f.kind === 'aux-image');
    expect(aux.map((f) => describeFinding(f, en).text).join()).toMatch(/transparency/);
    expect(aux.every((f) => !f.sensitive)).toBe(true);
    expect([r.width, r.height]).toEqual([96, 64]);
  });
});
