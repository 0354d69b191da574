// The share-safely command end to end, as a user runs it, with exiftool as the independent judge.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { lacks } from './helpers/oracles.js';
import { copySamples, runCli, writeFarGroup } from './helpers/cli.js';
import { leakedTags } from './helpers/exiftool.js';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const hashes = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, sha(path.join(dir, f))]),
  );
const all = [
  'IMG_20240503_140212.jpg',
  'portrait-sideways.jpg',
  'cameraman.png',
  'astronaut.webp',
  'PXL_20240101_083012.MP.jpg',
  'IMG_0042.heic',
];

describe.skipIf(lacks(import.meta.filename, 'exiftool'))('share-safely PATH… on the sample photos', () => {
  let dir: string;
  let before: Record<string, string>;
  let run: ReturnType<typeof runCli>;
  let report: { summary: Record<string, number>; files: any[] };

  beforeAll(async () => {
    dir = copySamples(all);
    await writeFarGroup(path.join(dir, 'far-away.jpg')); // very small faces: check it
    before = hashes(dir);
    run = runCli(['--json', '--seed', '7', dir]);
    report = JSON.parse(run.stdout);
  });

  it('writes NAME.safe.EXT beside each original, HEIC as JPEG, and exits 0', () => {
    expect(run.code, run.stderr).toBe(0);
    const names = readdirSync(dir).sort();
    for (const n of [
      'IMG_20240503_140212.safe.jpg',
      'portrait-sideways.safe.jpg',
      'cameraman.safe.png',
      'astronaut.safe.webp',
      'PXL_20240101_083012.MP.safe.jpg',
      'IMG_0042.safe.jpg',
    ]) {
      expect(names).toContain(n);
    }
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(report.summary).toMatchObject({ photos: 7, failed: 0, skipped: 0 });
    expect(report.summary.safe + report.summary.toCheck).toBe(7);
    expect(run.stderr).toMatch(/^7 photos: .*— \d+ faces covered, GPS removed from 5$/m);
  });

  it('leaves every original byte-identical', () => {
    const after = hashes(dir);
    for (const [name, hash] of Object.entries(before)) expect(after[name], name).toBe(hash);
  });

  it('leaves nothing but structural tags in any copy (exiftool, -ee, all groups)', () => {
    for (const f of report.files) expect(leakedTags(f.output), f.output).toEqual([]);
  });

  it('drops the motion-photo video and anything after the end of the image', () => {
    const out = readFileSync(report.files.find((f) => f.input.endsWith('.MP.jpg')).output);
    expect(out.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(out.includes(Buffer.from('ftypmp42'))).toBe(false);
  });

  it('writes upright pixels without an orientation tag', async () => {
    const f = report.files.find((r) => r.input.endsWith('portrait-sideways.jpg'));
    const meta = await sharp(f.output).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([384, 512, undefined]);
    expect([f.width, f.height]).toEqual([384, 512]);
  });

  it('reports, per file, one head-shaped cover per face covered, and what was removed', () => {
    const group = report.files.find((r) => r.input.endsWith('IMG_20240503_140212.jpg'));
    expect(group.regions.length).toBeGreaterThanOrEqual(4);
    expect(group.facesCovered).toBe(group.regions.length);
    for (const r of group.regions) {
      expect(Object.keys(r).sort()).toEqual(['height', 'shape', 'width', 'x', 'y']);
      expect(r.shape).toBe('ellipse');
      // Each cover lies (at least partly) in the picture.
      expect(r.x < 1600 && r.y < 1067 && r.x + r.width > 0 && r.y + r.height > 0).toBe(true);
    }
    const kinds = new Set(group.removed.map((f: { kind: string }) => f.kind));
    for (const k of ['location', 'date', 'device', 'serial', 'owner', 'people', 'thumbnail', 'face-regions']) expect(kinds, k).toContain(k);
  });

  it('changes the reported covers of a lossless picture, and outside them only their soft edge', async () => {
    const f = report.files.find((r) => r.input.endsWith('cameraman.png'));
    expect(f.regions.length).toBeGreaterThanOrEqual(1);
    const a = await sharp(f.input).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const b = await sharp(f.output).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    expect([b.info.width, b.info.height]).toEqual([a.info.width, a.info.height]);
    type C = { x: number; y: number; width: number; height: number };
    // Inside an ellipse: the cover itself. Within a tenth of its size around it: the blur's soft edge.
    const inEllipse = (r: C, x: number, y: number, grow = 0) =>
      ((x + 0.5 - r.x - r.width / 2) / (r.width / 2 + grow)) ** 2 + ((y + 0.5 - r.y - r.height / 2) / (r.height / 2 + grow)) ** 2 <= 1;
    const edge = (r: C) => Math.ceil(0.1 * Math.min(r.width, r.height)) + 2;
    const inside = (x: number, y: number) => f.regions.some((r: C) => inEllipse(r, x, y));
    const nearby = (x: number, y: number) => f.regions.some((r: C) => inEllipse(r, x, y, edge(r)));
    let changedOutside = 0;
    let changedInside = 0;
    for (let y = 0; y < a.info.height; y++) {
      for (let x = 0; x < a.info.width; x++) {
        const i = (y * a.info.width + x) * a.info.channels;
        const j = (y * b.info.width + x) * b.info.channels;
        const differs = a.data[i] !== b.data[j] || a.data[i + 1] !== b.data[j + 1] || a.data[i + 2] !== b.data[j + 2];
        if (inside(x, y)) changedInside += differs ? 1 : 0;
        else if (!nearby(x, y)) changedOutside += differs ? 1 : 0;
      }
    }
    const area = f.regions.reduce((n: number, r: C) => n + (Math.PI / 4) * r.width * r.height, 0);
    expect(changedOutside).toBe(0);
    expect(changedInside).toBeGreaterThan(area * 0.5);
  });

  it('says a photo with neither a face nor a person (a brick wall) is safe, with nothing to check', () => {
    const f = report.files.find((r) => r.input.endsWith('.MP.jpg'));
    expect(f.warnings.map((w: { code: string }) => w.code)).toEqual(['nobody']);
    expect(f.outcome).toBe('safe');
    expect(f.check).toEqual([]);
  });

  it('verify says the copies are safe (exit 0) and the originals are not (exit 1, with what remains: details and faces)', () => {
    const outs = report.files.map((f) => f.output);
    const copies = runCli(['verify', ...outs]);
    expect(copies.code, copies.stdout).toBe(0);
    const heads = copies.stdout.split('\n').filter((l) => !l.startsWith('    '));
    expect(heads.filter(Boolean).every((l) => /^[✓!] .*: safe to share — no hidden details, no face found by the detector$/.test(l))).toBe(
      true,
    );
    // A copy that was "check it" when it was made says so again: finding no face proves no more than that.
    expect(copies.stdout).toMatch(/^! .*far-away\.safe\.jpg: safe to share.*\n {4}! when this copy was made: very small faces/m);
    const originals = runCli(['verify', path.join(dir, 'IMG_20240503_140212.jpg')]);
    expect(originals.code).toBe(1);
    expect(originals.stdout).toMatch(/not safe to share/);
    expect(originals.stdout).toMatch(/\d+ faces? found by the detector/);
    // What is left is named as inspect names it, not by tag or box.
    expect(originals.stdout).toMatch(/still in the file:\n {4}• Location: /);
    expect(originals.stdout).not.toMatch(/remains|allowlist/);
  });

  it('never overwrites: a second run with --again writes NAME.safe-2.EXT and leaves the first copy alone', () => {
    const first = path.join(dir, 'astronaut.safe.webp');
    const firstHash = sha(first);
    const again = runCli(['-q', '--again', path.join(dir, 'astronaut.webp')]);
    expect(again.code).toBe(0);
    expect(existsSync(path.join(dir, 'astronaut.safe-2.webp'))).toBe(true);
    expect(sha(first)).toBe(firstHash);
  });
});

describe.skipIf(lacks(import.meta.filename, 'exiftool'))('batch options', () => {
  it('--out mirrors subfolders with -r, --rename gives neutral names, running again finishes a batch', () => {
    const src = copySamples(['astronaut.webp']);
    mkdirSync(path.join(src, 'Summer 2024'));
    cpSync(path.join(src, 'astronaut.webp'), path.join(src, 'Summer 2024', 'PXL_20240101_083012.webp'));
    const out = path.join(src, 'safe');
    const r1 = runCli(['-r', '--out', out, '--faces', 'none', src]);
    expect(r1.code, r1.stderr).toBe(0);
    expect(existsSync(path.join(out, 'astronaut.safe.webp'))).toBe(true);
    expect(existsSync(path.join(out, 'Summer 2024', 'PXL_20240101_083012.safe.webp'))).toBe(true);
    // The output folder sits inside the input folder: a second run must not process its own copies.
    const r2 = runCli(['-r', '--out', out, '--json', '--faces', 'none', src]);
    expect(JSON.parse(r2.stdout).summary).toMatchObject({ photos: 2, skipped: 2, safe: 0, toCheck: 0 });
    const renamed = path.join(src, 'renamed');
    const r3 = runCli([
      '-r',
      '--rename',
      '--out',
      renamed,
      '--faces',
      'none',
      path.join(src, 'Summer 2024'),
      path.join(src, 'astronaut.webp'),
    ]);
    expect(r3.code).toBe(0);
    expect(readdirSync(renamed).sort()).toEqual(['photo-001.webp', 'photo-002.webp']);
  });

  it('--faces none strips metadata but covers nothing; --format png converts', () => {
    const src = copySamples(['cameraman.png', 'portrait-sideways.jpg']);
    const r = runCli(['--faces', 'none', '--format', 'png', '--json', src]);
    const files = JSON.parse(r.stdout).files;
    expect(files.map((f: { regions: unknown[] }) => f.regions)).toEqual([[], []]);
    expect(files.map((f: { output: string }) => path.extname(f.output))).toEqual(['.png', '.png']);
    for (const f of files) expect(leakedTags(f.output)).toEqual([]);
  });

  it('gives copies fresh file times, and --max-size downscales to the longest side asked', async () => {
    const src = copySamples(['IMG_20240503_140212.jpg']);
    const input = path.join(src, 'IMG_20240503_140212.jpg');
    utimesSync(input, new Date('2001-02-03T04:05:06Z'), new Date('2001-02-03T04:05:06Z'));
    const r = runCli(['--json', '--faces', 'none', '--max-size', '800', input]);
    const f = JSON.parse(r.stdout).files[0];
    expect(Date.now() - statSync(f.output).mtimeMs).toBeLessThan(10 * 60_000);
    expect([f.width, f.height]).toEqual([800, 534]);
    expect((await sharp(f.output).metadata()).width).toBe(800);
    expect(f.warnings.map((w: { code: string }) => w.code)).toContain('downscaled');
  });

  it('reads TIFF, AVIF and animated GIF (first frame, with a warning)', async () => {
    const src = copySamples([]);
    const base = sharp(path.join(copySamples(['astronaut.webp']), 'astronaut.webp'));
    await base.clone().tiff().toFile(path.join(src, 'scan.tif'));
    await base.clone().avif({ quality: 60 }).toFile(path.join(src, 'phone.avif'));
    const frame = await base.clone().resize(64, 64).raw().toBuffer();
    await sharp(Buffer.concat([frame, Buffer.from(frame).reverse()]), {
      raw: { width: 64, height: 128, channels: 3, pageHeight: 64 } as never,
    })
      .gif({ loop: 0, delay: [100, 100] })
      .toFile(path.join(src, 'wave.gif'));
    const r = runCli(['--json', '--faces', 'none', src]);
    expect(r.code, r.stderr).toBe(0);
    const byExt = Object.fromEntries(JSON.parse(r.stdout).files.map((f: any) => [path.extname(f.input), f]));
    expect(byExt['.tif'].format).toBe('tiff');
    expect(byExt['.avif'].format).toBe('avif');
    expect(byExt['.gif'].warnings.map((w: { code: string }) => w.code)).toContain('animated');
    expect((await sharp(byExt['.gif'].output).metadata()).pages ?? 1).toBe(1);
    for (const f of Object.values(byExt) as any[]) expect(leakedTags(f.output), f.output).toEqual([]);
  });
});

describe('bad input', () => {
  it('a folder whose photos are all in subfolders: every command says so, and verify does not call nothing clean', () => {
    const dir = copySamples([]);
    mkdirSync(path.join(dir, 'summer'));
    cpSync(path.join(copySamples(['astronaut.webp']), 'astronaut.webp'), path.join(dir, 'summer', 'astronaut.webp'));
    for (const args of [
      ['--faces', 'none', dir],
      ['inspect', dir],
      ['verify', dir],
    ]) {
      const r = runCli(args);
      expect(r.stderr, args[0]).toMatch(/1 subfolder not entered; add -r/);
      expect(r.stderr, args[0]).toMatch(/no photos found/);
      expect(r.code, args[0]).toBe(args[0] === 'verify' ? 1 : 0);
    }
    expect(readdirSync(path.join(dir, 'summer'))).toEqual(['astronaut.webp']);
    const deep = runCli(['verify', '-r', dir]);
    expect(deep.code).toBe(1); // the original still carries its metadata
    expect(deep.stdout).toMatch(/astronaut\.webp: not safe to share/);
  });

  it('gives a one-line reason per file, goes on with the batch, exits 1, leaves no half file', () => {
    const dir = copySamples(['astronaut.webp']);
    writeFileSync(path.join(dir, 'empty.jpg'), '');
    writeFileSync(path.join(dir, 'notes.jpg'), 'shopping list: milk, eggs');
    const good = readFileSync(path.join(dir, 'astronaut.webp'));
    writeFileSync(path.join(dir, 'cut.webp'), good.subarray(0, good.length / 2));
    // A 60000×60000 PNG: a few hundred bytes that would decode to 10 GB.
    execFileSync('python3', [
      '-c',
      `
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open('${path.join(dir, 'bomb.png')}', 'wb').write(b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 60000, 60000, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(b'\\0' * 65536)) + chunk(b'IEND', b''))
`,
    ]);
    const before = hashes(dir);
    const r = runCli(['--faces', 'none', dir, path.join(dir, 'missing.jpg')]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.find((l) => l.includes('empty.jpg'))).toMatch(/empty \(0 bytes\)/);
    expect(lines.find((l) => l.includes('notes.jpg'))).toMatch(/not an image/);
    expect(lines.find((l) => l.includes('cut.webp'))).toMatch(/cut short|damaged/);
    expect(lines.find((l) => l.includes('bomb.png'))).toMatch(/60000×60000.*limit/);
    expect(lines.find((l) => l.includes('missing.jpg'))).toMatch(/no such file/);
    expect(r.stdout).toMatch(/astronaut\.safe\.webp/);
    const after = hashes(dir);
    for (const [name, hash] of Object.entries(before)) expect(after[name], name).toBe(hash);
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'astronaut.safe.webp'].sort());
  });

  it('reports an output folder it cannot write to, per file', () => {
    const dir = copySamples(['astronaut.webp']);
    writeFileSync(path.join(dir, 'blocker'), 'a file where the output folder should be');
    const r = runCli(['--faces', 'none', '--out', path.join(dir, 'blocker', 'out'), dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/astronaut\.webp: cannot (write|create)/);
    if (process.getuid?.() !== 0) {
      const ro = path.join(dir, 'readonly');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      expect(runCli(['--faces', 'none', '--out', ro, path.join(dir, 'astronaut.webp')]).stderr).toMatch(/permission denied/);
    }
  });

  it('treats usage mistakes as exit 2 with a hint', () => {
    for (const args of [[], ['--faces', 'maybe', 'x.jpg'], ['--bogus', 'x.jpg'], ['--quality', '7', 'x.jpg']]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--help/);
    }
  });

  it('--help lists the options with examples and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const s of [
      '--recursive',
      '--out',
      '--rename',
      '--faces',
      '--style',
      '--format',
      '--jobs',
      '--json',
      'Examples:',
      'inspect',
      'verify',
    ])
      expect(r.stdout).toContain(s);
  });
});

describe('inspect', () => {
  it('says in plain words what a photo gives away, and --json gives the same for scripts', () => {
    const dir = copySamples(['IMG_20240503_140212.jpg', 'PXL_20240101_083012.MP.jpg', 'cameraman.png']);
    const text = runCli(['inspect', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/48\.8566 N, 2\.3522 E/);
    expect(text.stdout).toMatch(/Kate and Tom/);
    expect(text.stdout).toMatch(/thumbnail/i);
    expect(text.stdout).toMatch(/hidden video/i);
    expect(text.stdout).toMatch(/son Leo/);
    const json = JSON.parse(runCli(['inspect', '--json', path.join(dir, 'IMG_20240503_140212.jpg')]).stdout).files;
    expect(json[0]).toMatchObject({ ok: true, format: 'jpeg', width: 1600, height: 1067 });
    expect(json[0].faceRegions).toHaveLength(2);
    expect(json[0].faces).toBeGreaterThanOrEqual(2);
  });
});
