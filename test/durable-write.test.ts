// Small files (settings, the integration manifest) are replaced whole or not at all, with no temp file left.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileDurably } from '../src/util/durable-write.js';

describe('writeFileDurably', () => {
  it('replaces the content, makes the folder, applies the mode, and leaves nothing else', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'durable-')), 'new', 'folder');
    const file = path.join(dir, 'settings.json');
    await writeFileDurably(file, '{"a":1}\n');
    await writeFileDurably(file, '{"a":2}\n', 0o600);
    expect(readFileSync(file, 'utf8')).toBe('{"a":2}\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('keeps the old file and removes its temp file when the new one cannot take its name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'durable-'));
    const blocked = path.join(dir, 'taken');
    mkdirSync(path.join(blocked, 'child'), { recursive: true }); // a non-empty folder under the target name
    writeFileSync(path.join(dir, 'other.json'), 'old');
    await expect(writeFileDurably(blocked, 'new')).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['other.json', 'taken']);
    expect(readFileSync(path.join(dir, 'other.json'), 'utf8')).toBe('old');
  });
});
