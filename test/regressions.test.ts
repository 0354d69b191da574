// Files the fuzzer (npm run fuzz) found a failure with, run through the real CLI. Each one failed before
// its fix; test/fixtures/regressions/make.mjs says how they were made.
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, samplesDir } from './helpers/cli.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'regressions');

function copy(name: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'regression-'));
  cpSync(path.join(fixtures, name), path.join(dir, name));
  return { dir, file: path.join(dir, name) };
}

describe('found by fuzzing', () => {
  it('an XMP packet of 600,000 unclosed elements is reported unreadable at once instead of parsing for minutes', () => {
    const { dir, file } = copy('xmp-tangled.png');
    const inspected = runCli(['inspect', '--json', file], { timeout: 60_000 });
    const findings = (JSON.parse(inspected.stdout) as { files: { findings: { kind: string; where: string[]; names?: string[] }[] }[] })
      .files[0]!.findings;
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'unreadable', where: ['XMP (PNG iTXt)'] }));
    expect(findings.some((f) => f.names?.includes('Fuzz Regression'))).toBe(true);
    const made = runCli(['--faces', 'none', file], { timeout: 60_000 });
    expect(made.code, made.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['xmp-tangled.png', 'xmp-tangled.safe.png']);
    expect(runCli(['verify', path.join(dir, 'xmp-tangled.safe.png')]).code).toBe(0);
  });

  it('XMP text of long base64 runs is read in a moment (a name regex without a start anchor took minutes)', () => {
    const { dir, file } = copy('xmp-long-runs.png');
    const r = runCli(['--json', '--faces', 'none', '--timeout', '30', file], { timeout: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const f = (JSON.parse(r.stdout) as { files: { status: string; removed: { kind: string }[] }[] }).files[0];
    expect(f.status).toBe('done');
    expect(f.removed.map((x) => x.kind)).toContain('text');
    expect(readdirSync(dir).sort()).toEqual(['xmp-long-runs.png', 'xmp-long-runs.safe.png']);
  });

  it('an XMP prefix named __proto__ does not reach Object.prototype: the next photo in the same worker still has its faces covered', () => {
    const { dir, file } = copy('xmp-proto.jpg');
    const photo = path.join(dir, 'photo.jpg');
    cpSync(path.join(samplesDir, 'IMG_20240503_140212.jpg'), photo);
    const r = runCli(['--json', '-j', '1', file, photo]);
    expect(r.code, r.stderr).toBe(0);
    const files = (
      JSON.parse(r.stdout) as {
        files: { status: string; facesCovered: number; removed: { kind: string; names?: string[]; where: string[] }[] }[];
      }
    ).files;
    expect(files.map((f) => f.status)).toEqual(['done', 'done']);
    expect(files[0].removed).toContainEqual(expect.objectContaining({ kind: 'owner', names: ['Fuzz Regression'], where: ['XMP'] }));
    expect(files[1].facesCovered).toBeGreaterThan(0);
  });

  it('an AVIF declaring 2147483647×2147483647 is refused as a bomb, with no decoder noise on stderr', () => {
    const { dir, file } = copy('avif-giant-ispe.avif');
    const r = runCli(['--faces', 'none', file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/avif-giant-ispe\.avif: the image declares 2147483647×2147483647 .*above the 100 MP limit/);
    expect(readdirSync(dir)).toEqual(['avif-giant-ispe.avif']);
  });
});
