import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafeError } from '../src/errors.js';
import { cleanStaleTemps, publish } from '../src/write.js';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'write-'));
const ok = async () => {};

describe('publishing a verified file', () => {
  it('writes under the first free name and never over an existing file', async () => {
    const dir = fresh();
    const first = path.join(dir, 'a.safe.jpg');
    writeFileSync(first, 'existing');
    writeFileSync(path.join(dir, 'a.safe-2.jpg'), 'existing too');
    const final = await publish(Buffer.from('new'), first, ok);
    expect(final).toBe(path.join(dir, 'a.safe-3.jpg'));
    expect(readFileSync(first, 'utf8')).toBe('existing');
    expect(readFileSync(final, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['a.safe-2.jpg', 'a.safe-3.jpg', 'a.safe.jpg']);
  });

  it('lets the check read the file as written, and leaves nothing when the check fails', async () => {
    const dir = fresh();
    let seen = '';
    await expect(
      publish(Buffer.from('leaky'), path.join(dir, 'b.safe.jpg'), async (p) => {
        seen = readFileSync(p, 'utf8');
        throw new SafeError('verify-failed', 'GPS still there');
      }),
    ).rejects.toMatchObject({ code: 'verify-failed' });
    expect(seen).toBe('leaky');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('creates missing output folders', async () => {
    const dir = fresh();
    const final = await publish(Buffer.from('x'), path.join(dir, 'deep/er/c.safe.png'), ok);
    expect(existsSync(final)).toBe(true);
  });

  it('reports a folder it cannot create with a reason, not a crash', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'file'), 'x');
    await expect(publish(Buffer.from('x'), path.join(dir, 'file/sub/c.safe.png'), ok)).rejects.toMatchObject({ code: 'output-unwritable' });
  });

  it('cleans temp files left by a dead process, not those of a live one', async () => {
    const dir = fresh();
    const dead = path.join(dir, '.share-safely-999999-0-abc.tmp');
    const live = path.join(dir, `.share-safely-${process.ppid}-0-def.tmp`);
    writeFileSync(dead, 'half');
    writeFileSync(live, 'busy');
    writeFileSync(path.join(dir, 'photo.jpg'), 'keep');
    expect(await cleanStaleTemps([dir])).toEqual([dead]);
    expect(readdirSync(dir).sort()).toEqual([path.basename(live), 'photo.jpg'].sort());
  });
});

describe('publishing after an interrupted run', () => {
  it("removes a dead process's temp files from the folder it writes into, for every door", async () => {
    const dir = fresh();
    const dead = path.join(dir, '.share-safely-999998-3-abc.tmp');
    writeFileSync(dead, 'half a photo');
    await publish(Buffer.from('x'), path.join(dir, 'a.safe.jpg'), ok);
    expect(readdirSync(dir)).toEqual(['a.safe.jpg']);
  });
});
