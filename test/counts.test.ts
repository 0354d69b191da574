// One photo, one count: inspect, the batch line and --json say the same number of faces, and the line
// a parent reads carries what they must act on, not the engine's technical notes (those stay in --json).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { warningReader, words } from '../src/contract/index.js';
import { repoRoot, runCli, type Run } from './helpers/cli.js';

const en = { LANG: 'en_US.UTF-8' };

describe('the faces of one photo, counted once', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-counts-'));
  let inspect: Run;
  let line: Run;
  let json: {
    files: { faces: number; facesCovered: number; coversAddedByRecheck: number; kept: unknown[]; warnings: { code: string }[] }[];
  };

  beforeAll(() => {
    // Seven faces, one of them 16 px wide (very small: check it).
    cpSync(path.join(repoRoot, 'test', 'fixtures', 'faces', 'group.jpg'), path.join(dir, 'group.jpg'));
    inspect = runCli(['inspect', 'group.jpg'], { cwd: dir, env: en });
    line = runCli(['--seed', '3', 'group.jpg'], { cwd: dir, env: en });
    json = JSON.parse(runCli(['--json', '--again', '--seed', '3', 'group.jpg'], { cwd: dir, env: en }).stdout);
  });

  it('inspect counts what the copy starts from: the `faces` of --json; the copy covers those, plus what the re-check adds', () => {
    const f = json.files[0];
    const said = /(\d+) faces found by the detector/.exec(inspect.stdout);
    expect(said, inspect.stdout).not.toBeNull();
    expect(Number(said![1])).toBe(f.faces);
    expect(f.facesCovered).toBe(f.faces - f.kept.length + f.coversAddedByRecheck);
    expect(line.stdout).toContain(`(${f.facesCovered} faces covered`);
    if (f.coversAddedByRecheck) expect(line.stdout).toContain(`${f.coversAddedByRecheck} of them found by a second look`);
  });

  it('the line a parent reads says what to do, and no technical note; --json has every warning', () => {
    const codes = json.files[0].warnings.map((w) => w.code);
    expect(codes).toContain('small-face');
    expect(line.stdout).toMatch(/^! group\.jpg → group\.safe\.jpg \(7 faces covered\)\n {4}! Very small faces were found/m);
    for (const c of Object.keys(warningReader) as (keyof typeof warningReader)[]) {
      if (warningReader[c] === 'details') expect(line.stdout).not.toContain(words('en').t(`warning.${c}`));
    }
    // A cover the re-check enlarged is the same kind of note.
    expect(warningReader['cover-grown']).toBe('details');
    expect(warningReader['low-confidence']).toBe('details');
  });
});
