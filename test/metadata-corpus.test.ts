// inspect and verify over ../shared/corpus/metadata (real camera and phone files), checked against the
// corpus manifest (made with exiftool 12.57 and an independent structure walk). Skips when the corpus is absent.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lacks } from './helpers/oracles.js';
import { sniff } from '../src/formats.js';
import { inspectBytes, type Inspection } from '../src/inspect/index.js';
import { verifyBytes } from '../src/verify/index.js';

const root = path.resolve(import.meta.dirname, '../../shared/corpus/metadata');
const present = existsSync(path.join(root, 'manifest.json'));
if (!present) console.log(`metadata corpus not found at ${root}: corpus tests skipped`);

interface Entry {
  file: string;
  gps: boolean;
  gps_pos?: string;
  exif: boolean;
  xmp: string[];
  iptc: boolean;
  icc: boolean;
  comment: boolean;
  thumbnail: string[];
  face_regions: string[];
  trailer_bytes: number | null;
  bmff_boxes?: string[];
}

/** "39 deg 3' 4.84\" N" → 39.0513 (sign from the reference when there is one). */
function dms(s: string): number {
  const m = /(\d+) deg (\d+)' ([\d.]+)"\s*([NSEW])?/.exec(s)!;
  const v = +m[1] + +m[2] / 60 + +m[3] / 3600;
  return m[4] === 'S' || m[4] === 'W' ? -v : v;
}

describe.skipIf(!present)('metadata corpus', () => {
  const manifest: Entry[] = present ? JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) : [];
  const results = new Map<string, Inspection>();

  it('inspect and verify never throw on any of the files', async () => {
    expect(manifest.length).toBeGreaterThanOrEqual(150);
    for (const e of manifest) {
      const b = readFileSync(path.join(root, e.file));
      const s = sniff(b);
      const v = await verifyBytes(b);
      expect(
        v.problems.every((p) => p.code && p.message),
        e.file,
      ).toBe(true);
      if (s.kind !== 'image') {
        expect(v.clean, e.file).toBe(false);
        continue;
      }
      results.set(e.file, await inspectBytes(b, s.format));
    }
    expect(results.size).toBeGreaterThan(130);
  });

  it('reports the GPS position of every file whose manifest has coordinates', () => {
    const withGps = manifest.filter((e) => e.gps && results.has(e.file));
    expect(withGps.length).toBeGreaterThanOrEqual(18);
    for (const e of withGps) {
      const loc = results.get(e.file)!.findings.find((f) => f.kind === 'location');
      expect(loc, e.file).toBeDefined();
      if (e.gps_pos) {
        const [lat, lon] = e.gps_pos.split(', ').map(dms);
        expect(Math.abs(Math.abs(loc!.lat) - Math.abs(lat)), e.file).toBeLessThan(1e-3);
        expect(Math.abs(Math.abs(loc!.lon) - Math.abs(lon)), e.file).toBeLessThan(1e-3);
      }
    }
  });

  it('finds the face regions (MWG or Microsoft) the manifest lists', () => {
    const faces = manifest.filter((e) => e.face_regions.some((t) => /mwg-rs|XMP-MP:Region/.test(t)));
    expect(faces.length).toBeGreaterThanOrEqual(3);
    for (const e of faces) {
      const r = results.get(e.file)!;
      expect(r.faceRegions.length, e.file).toBeGreaterThan(0);
      expect(
        r.findings.some((f) => f.kind === 'face-regions'),
        e.file,
      ).toBe(true);
    }
    const plain = results.get('immich-test-assets/metadata/faces/portrait.jpg')!.faceRegions;
    const rotated = results.get('immich-test-assets/metadata/faces/portrait-orientation-6.jpg')!.faceRegions;
    expect(rotated).toEqual(plain);
  });

  it('reports thumbnails and previews wherever the manifest lists them', () => {
    // Tags that name an actual embedded image (not e.g. Canon:ThumbnailImageValidArea, a rectangle).
    const image =
      /^(IFD1:Thumbnail(Image|Offset)|Photoshop:PhotoshopThumbnail|JFXX:ThumbnailImage|MPImage\d:MPImage\d|PreviewIFD:PreviewImage|Olympus:(PreviewImage|ThumbnailImage)|IFD0:ThumbnailTIFF)$/;
    const thumbs = manifest.filter((e) => e.thumbnail.some((t) => image.test(t)) && results.has(e.file));
    expect(thumbs.length).toBeGreaterThan(40);
    for (const e of thumbs) {
      expect(
        results.get(e.file)!.findings.some((f) => f.kind === 'thumbnail' || f.kind === 'aux-image'),
        e.file,
      ).toBe(true);
    }
  });

  it('measures trailers exactly and finds the Samsung motion-photo video', () => {
    for (const e of manifest.filter((x) => (x.trailer_bytes ?? 0) > 0)) {
      const t = results.get(e.file)!.findings.find((f) => f.kind === 'trailer');
      expect(t?.bytes, e.file).toBe(e.trailer_bytes);
    }
    for (const e of manifest.filter((x) => x.bmff_boxes?.includes('mpvd'))) {
      expect(
        results.get(e.file)!.findings.some((f) => f.kind === 'motion-video'),
        e.file,
      ).toBe(true);
    }
  });

  it('verify refuses every file that carries EXIF, XMP, IPTC, ICC, a comment, a thumbnail or a trailer', async () => {
    // For a TIFF, "EXIF" in the manifest also means its own image directory; judge it by the rest.
    const carriers = manifest.filter(
      (e) =>
        results.has(e.file) &&
        ((e.exif && !/\.tiff?$/i.test(e.file)) ||
          e.xmp.length ||
          e.iptc ||
          e.icc ||
          e.comment ||
          e.thumbnail.length ||
          (e.trailer_bytes ?? 0) > 0),
    );
    expect(carriers.length).toBeGreaterThan(100);
    for (const e of carriers) expect((await verifyBytes(readFileSync(path.join(root, e.file)))).clean, e.file).toBe(false);
  });

  it.skipIf(lacks(import.meta.filename, 'exiftool'))(
    'exiftool -all= on HEIC: the empty Exif/XMP items it leaves are judged clean, the Samsung video it leaves is not',
    async () => {
      const work = mkdtempSync(path.join(tmpdir(), 'heic-strip-'));
      const strip = (file: string) => {
        const copy = path.join(work, path.basename(file));
        copyFileSync(path.join(root, file), copy);
        execFileSync('exiftool', ['-q', '-q', '-all=', '-overwrite_original', copy]);
        return readFileSync(copy);
      };
      expect((await verifyBytes(strip('exif-samples/heic/samplefilehub.heif'))).problems).toEqual([]);
      const samsung = await verifyBytes(strip('immich-test-assets/formats/motionphoto/samsung-one-ui-6.heic'));
      expect(samsung.problems.map((p) => p.message).join(' ')).toMatch(/"mpvd" box/);
    },
  );
});
