// Clips through the real CLI (dist/, built by npm test): a copy with a line saying what was done,
// inspect and verify on clips, both languages, and Ctrl-C leaving no partial copy.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, runCli } from './helpers/cli.js';
import { background, encodeClip, faceCrop, paste } from './helpers/video.js';

const en = { LANG: 'en_US.UTF-8' };
const fr = { LANG: 'fr_FR.UTF-8' };
const size = { width: 320, height: 240 };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'video-cli-'));
  const bg = await background(size.width, size.height);
  const face = await faceCrop(1);
  const tags = ['-metadata', 'location=+48.8566+002.3522/', '-metadata', 'creation_time=2024-05-03T14:02:12Z'];
  await encodeClip(path.join(dir, 'clip.mov'), size, 10, async (i) => (await paste(bg, size, face, 60 + 5 * i, 30, 0.9)).frame, {
    audio: true,
    args: ['-f', 'mov', ...tags],
  });
});

describe('clips in the CLI', () => {
  it('share-safely clip.mov → clip.safe.mp4, saying what was removed; verify passes the copy and fails the original', () => {
    const r = runCli(['clip.mov'], { cwd: dir, env: en });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^✓ clip\.mov → clip\.safe\.mp4 \(10 frames; faces covered in \d+ frames; sound kept; removed: place, date, and other tags\)\n$/,
    );
    const v = runCli(['verify', 'clip.safe.mp4'], { cwd: dir, env: en });
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^✓ clip\.safe\.mp4: safe to share\b.*no hidden details/);
    const orig = runCli(['verify', '--metadata-only', 'clip.mov'], { cwd: dir, env: en });
    expect(orig.code).toBe(1);
    expect(orig.stdout).toBe('✗ clip.mov: not safe to share\n    Hidden details are still in the file.\n');
  });

  it('inspect names the place, the date, the sound and the faces; French and --mute too', () => {
    const i = runCli(['inspect', 'clip.mov'], { cwd: dir, env: en });
    expect(i.code).toBe(0);
    expect(i.stdout).toMatch(/^clip\.mov — video, 320×240, 1 s, 10 frames\/s/);
    expect(i.stdout).toMatch(/• Faces: up to 1 in one frame/);
    expect(i.stdout).toMatch(
      /• Place: 48\.8566, 2\.3522\n {2}• Recorded on 3 May 2024|• Place: 48\.8566, 2\.3522\n {2}• Recorded on May 3, 2024/,
    );
    const f = runCli(['--mute', 'clip.mov'], { cwd: dir, env: fr });
    expect(f.code).toBe(0);
    // French typography: narrow no-break spaces before ; and :.
    expect(f.stdout.replace(/[\u00a0\u202f]/g, ' ')).toMatch(
      /^✓ clip\.mov → clip\.safe-2\.mp4 \(10 images ; visages couverts dans \d+ images ; son retiré ; retiré : lieu, date et autres étiquettes\)\n$/,
    );
  });

  it('Ctrl-C during a clip: exit 130, no copy, no temp file', async () => {
    const own = mkdtempSync(path.join(dir, 'int-'));
    await encodeClip(path.join(own, 'long.mp4'), size, 80, async () => Buffer.alloc(size.width * size.height * 3, 90), { audio: true });
    const child = spawn(process.execPath, [cliPath, 'long.mp4'], { cwd: own, env: { ...process.env, ...en }, stdio: 'ignore' });
    const code = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    // Interrupt once the hidden copy is being written.
    for (let t = 0; t < 600 && !readdirSync(own).some((n) => n.startsWith('.share-safely-')); t++)
      await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(own).some((n) => n.startsWith('.share-safely-'))).toBe(true);
    child.kill('SIGINT');
    expect(await code).toBe(130);
    expect(readdirSync(own)).toEqual(['long.mp4']);
    expect(existsSync(path.join(own, 'long.safe.mp4'))).toBe(false);
  });
});
