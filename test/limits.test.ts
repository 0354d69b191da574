// Limits, end to end through the CLI: decompression bombs in every format refused from the header with
// a reason and without a big allocation, the maximum file size, the maximum pixels and the per-file time
// limit as flags. (Refusal times and peak memory are figures: `npx tsx test/fuzz/bombs-report.ts`.)
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeBombs, runMeasured } from './helpers/bombs.js';
import { copySamples, runCli } from './helpers/cli.js';

interface FileReport {
  input: string;
  status: string;
  error: { code: string; message: string } | null;
}
const files = (stdout: string) => (JSON.parse(stdout) as { files: FileReport[] }).files;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('limits', () => {
  it('refuses a decompression bomb in each format from its header, with the declared size, decoding nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bombs-'));
    const bombs = await makeBombs(dir);
    const r = runMeasured(['--faces', 'none', '--json', dir]);
    expect(r.code).toBe(1);
    const byName = new Map(files(r.stdout).map((f) => [path.basename(f.input), f]));
    for (const b of bombs) {
      const f = byName.get(b.name);
      expect(f?.error?.code, b.name).toBe('too-many-pixels');
      expect(f?.error?.message, b.name).toContain(`declares ${b.width}×${b.height}`);
      expect(f?.error?.message, b.name).toMatch(/above the 100 MP limit .*nothing was decoded/);
    }
    expect(readdirSync(dir).sort()).toEqual(bombs.map((b) => b.name).sort());
    // The smallest bomb (WebP, 268 MP) would need 1 GB to decode; the CLI alone runs in about 100 MB.
    expect(r.peakMb).toBeGreaterThan(0);
    expect(r.peakMb).toBeLessThan(400);
  });

  it('--max-file-size refuses a bigger file before reading it; the 200 MB default refuses a 300 MB file', () => {
    const dir = copySamples(['IMG_20240503_140212.jpg']);
    const photo = path.join(dir, 'IMG_20240503_140212.jpg');
    const small = runCli(['--faces', 'none', '--max-file-size', '0.1', photo]);
    expect(small.code).toBe(1);
    expect(small.stderr).toMatch(/IMG_20240503_140212\.jpg: the file is 163 KB, above the 102 KB limit/);
    // A sparse file: 300 MB long, nothing on disk. Reading it would show in the peak memory.
    const huge = path.join(dir, 'huge.jpg');
    writeFileSync(huge, Buffer.from([0xff, 0xd8, 0xff]));
    truncateSync(huge, 300 * 1024 * 1024);
    const r = runMeasured(['--faces', 'none', huge]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/huge\.jpg: the file is 300\.0 MB, above the 200\.0 MB limit/);
    expect(r.peakMb).toBeLessThan(300);
    expect(readdirSync(dir).sort()).toEqual(['IMG_20240503_140212.jpg', 'huge.jpg']);
  });

  it('--max-pixels refuses a photo above a lower limit and takes it under a higher one', () => {
    const dir = copySamples(['cameraman.png']);
    const photo = path.join(dir, 'cameraman.png');
    const low = runCli(['--faces', 'none', '--max-pixels', '0.2', photo]);
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/cameraman\.png: the image declares 512×512 \(0\.26 MP\), above the 0\.2 MP limit/);
    expect(readdirSync(dir)).toEqual(['cameraman.png']);
    expect(runCli(['--faces', 'none', '--max-pixels', '0.3', photo]).code).toBe(0);
    expect(runCli(['--max-pixels', '0', photo]).code).toBe(2);
  });

  it('--timeout gives up on each photo past the limit, writes nothing, leaves the originals and no temp file', () => {
    const names = ['IMG_20240503_140212.jpg', 'astronaut.webp'];
    const dir = copySamples(names);
    const before = names.map((n) => sha(path.join(dir, n)));
    // 0.1 s is less than loading the face detector takes, so every photo runs out of time.
    const r = runCli(['--json', '--timeout', '0.1', '-j', '1', dir]);
    expect(r.code).toBe(1);
    for (const f of files(r.stdout)) {
      expect(f.error?.code, f.input).toBe('timeout');
      expect(f.error?.message).toBe('gave up after 0.1 s; nothing was written');
    }
    expect(readdirSync(dir).sort()).toEqual([...names].sort());
    expect(names.map((n) => sha(path.join(dir, n)))).toEqual(before);
    expect(runCli(['--timeout', '0.01', dir]).code).toBe(2);
  });
});
