// Crash safety through the real CLI: a batch killed with SIGKILL mid-write, a full disk and a read-only
// output folder. Originals stay byte-identical, no half file ever carries a final name, temp files are
// recognisable and cleaned by the next run, and running the command again finishes the batch without duplicates.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, runCli, samplesDir } from './helpers/cli.js';

const samples = ['IMG_20240503_140212.jpg', 'PXL_20240101_083012.MP.jpg', 'astronaut.webp', 'cameraman.png', 'portrait-sideways.jpg'];
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const tempName = /^\.share-safely-(\d+)-\d+-[0-9a-f]+\.tmp$/;
const isOutput = (n: string) => /\.safe(-\d+)?\.\w+$/.test(n);

/** 20 photos (four copies of five samples under their own names) in a fresh folder. */
function batchFolder(): { dir: string; originals: Map<string, string> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'crash-'));
  const originals = new Map<string, string>();
  for (let i = 1; i <= 4; i++) {
    for (const s of samples) {
      const name = `${i}-${s}`;
      cpSync(path.join(samplesDir, s), path.join(dir, name));
      originals.set(name, sha(path.join(dir, name)));
    }
  }
  return { dir, originals };
}

/**
 * Starts the CLI on `dir` and SIGKILLs it at the first moment a temp file is being written after at
 * least two copies are final, so the kill lands in the middle of a write.
 */
function killMidWrite(dir: string): Promise<{ pid: number; sawTemp: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, '--faces', 'none', '-j', '2', dir], { stdio: 'ignore' });
    let sawTemp = false;
    const poll = setInterval(() => {
      const names = readdirSync(dir);
      const finals = names.filter(isOutput).length;
      sawTemp = names.some((n) => tempName.test(n));
      // Past two thirds of the batch without catching a temp file, kill anyway: still mid-batch.
      if ((finals >= 2 && sawTemp) || finals >= 13) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 1);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal === 'SIGKILL') resolve({ pid: child.pid!, sawTemp });
      else reject(new Error(`the batch ended (code ${code}) before it could be killed`));
    });
  });
}

/** The copies here are made with --faces none (fast, and faces are not what is tested): their details alone are checked. */
function verifyClean(files: string[]) {
  const r = runCli(['verify', '--metadata-only', ...files]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
}

describe('killed mid-batch (SIGKILL)', () => {
  it('loses nothing, leaves no half file under a final name, and running again finishes the batch', async () => {
    const { dir, originals } = batchFolder();
    const { pid, sawTemp } = await killMidWrite(dir);
    const after = readdirSync(dir);
    for (const [name, hash] of originals) expect(sha(path.join(dir, name)), name).toBe(hash);
    const finals = after.filter(isOutput);
    const temps = after.filter((n) => n.startsWith('.'));
    console.log(
      `killed with ${finals.length} of 20 copies final and ${temps.length} temp file(s) left${sawTemp ? '' : ' (no write was caught in progress)'}`,
    );
    expect(finals.length).toBeGreaterThanOrEqual(2);
    expect(finals.length).toBeLessThan(20);
    // Every file under a final name is complete and clean; leftovers are recognisably ours and the dead run's.
    verifyClean(finals.map((n) => path.join(dir, n)));
    for (const t of temps) expect(tempName.exec(t)?.[1], t).toBe(String(pid));

    const rerun = runCli(['--json', '--faces', 'none', '-j', '2', dir]);
    expect(rerun.code, rerun.stderr).toBe(0);
    const statuses = (JSON.parse(rerun.stdout) as { files: { status: string }[] }).files.map((f) => f.status);
    expect(statuses.filter((s) => s === 'skipped')).toHaveLength(finals.length);
    expect(statuses.filter((s) => s === 'done')).toHaveLength(20 - finals.length);

    const end = readdirSync(dir);
    expect(end.filter((n) => n.startsWith('.'))).toEqual([]);
    const outputs = end.filter(isOutput);
    expect(outputs).toHaveLength(20);
    expect(outputs.filter((n) => /\.safe-\d+\./.test(n))).toEqual([]);
    for (const name of originals.keys())
      expect(
        outputs.filter((o) => o.startsWith(`${path.parse(name).name}.safe.`)),
        name,
      ).toHaveLength(1);
    verifyClean(outputs.map((n) => path.join(dir, n)));
    for (const [name, hash] of originals) expect(sha(path.join(dir, name)), name).toBe(hash);
  });
});

describe('a reader that stops early (share-safely -r Photos | head -1)', () => {
  it('finishes the batch without a crash when its output pipe closes after the first line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pipe-'));
    for (let i = 1; i <= 6; i++) cpSync(path.join(samplesDir, 'astronaut.webp'), path.join(dir, `${i}.webp`));
    const child = spawn(process.execPath, [cliPath, '--faces', 'none', '-j', '1', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
    expect(readdirSync(dir).filter(isOutput)).toHaveLength(6);
  });
});

/** A tmpfs mounted for the test (root only); undefined, with the reason printed, where it cannot be. */
function mountTmpfs(options: string): string | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'mount-'));
  if (process.getuid?.() !== 0) {
    console.log(`cannot be simulated here: mounting a tmpfs (${options}) needs root; skipped`);
    return undefined;
  }
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`cannot be simulated here: mount -t tmpfs -o ${options} failed (${(r.stderr || r.error?.message || '').trim()}); skipped`);
    return undefined;
  }
  return dir;
}

function unmount(dir: string) {
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

describe('output folder trouble', () => {
  it('a full disk (64 KB tmpfs) is reported per file; nothing is lost or left; freeing space lets a re-run finish', (ctx) => {
    const out = mountTmpfs('size=64k');
    if (!out) return ctx.skip();
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'enospc-'));
      for (const s of ['cameraman.png', 'IMG_20240503_140212.jpg']) cpSync(path.join(samplesDir, s), path.join(dir, s));
      cpSync(path.join(samplesDir, '..', 'metadata', 'comment.gif'), path.join(dir, 'comment.gif'));
      const before = readdirSync(dir).map((n) => sha(path.join(dir, n)));
      const r = runCli(['--faces', 'none', '-j', '1', '--out', out, dir]);
      expect(r.code).toBe(1);
      // The PNG copy (about 250 KB) cannot fit; the small GIF fits.
      expect(r.stderr).toMatch(new RegExp(`cameraman\\.png: the disk holding ${out} is full; nothing was written`));
      expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
      expect(readdirSync(out)).toContain('comment.safe.gif');
      verifyClean(readdirSync(out).map((n) => path.join(out, n)));
      expect(readdirSync(dir).map((n) => sha(path.join(dir, n)))).toEqual(before);

      spawnSync('mount', ['-o', 'remount,size=4m', out]);
      const again = runCli(['--faces', 'none', '--skip-existing', '--out', out, dir]);
      expect(again.code, again.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['IMG_20240503_140212.safe.jpg', 'cameraman.safe.png', 'comment.safe.gif']);
    } finally {
      unmount(out);
    }
  });

  it('an output folder the user may not write to is reported per file (as root: run unprivileged with setpriv)', (ctx) => {
    let command = [process.execPath, cliPath];
    if (process.getuid?.() === 0) {
      if (spawnSync('setpriv', ['--version']).status !== 0) {
        console.log('cannot be simulated here: root writes anywhere and setpriv is missing to drop privileges; skipped');
        return ctx.skip();
      }
      command = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command];
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'eacces-'));
    cpSync(path.join(samplesDir, 'astronaut.webp'), path.join(dir, 'astronaut.webp'));
    const out = path.join(dir, 'locked');
    mkdirSync(out);
    chmodSync(out, 0o555);
    chmodSync(dir, 0o755);
    const r = spawnSync(command[0], [...command.slice(1), '--faces', 'none', '--out', out, path.join(dir, 'astronaut.webp')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`astronaut\\.webp: cannot write in ${out} \\(permission denied\\); nothing was written`));
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['astronaut.webp', 'locked']);
  });

  it('a read-only output folder is reported per file and nothing is written or lost', (ctx) => {
    const out = mountTmpfs('size=1m,ro');
    if (!out) return ctx.skip();
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'erofs-'));
      mkdirSync(path.join(dir, 'sub'));
      for (const s of ['astronaut.webp', 'portrait-sideways.jpg']) cpSync(path.join(samplesDir, s), path.join(dir, s));
      const before = readdirSync(dir);
      const r = runCli(['--faces', 'none', '--out', out, dir]);
      expect(r.code).toBe(1);
      for (const s of ['astronaut.webp', 'portrait-sideways.jpg']) {
        expect(r.stderr).toMatch(new RegExp(`${s.replace('.', '\\.')}: cannot write in ${out} \\(read-only\\); nothing was written`));
      }
      expect(readdirSync(out)).toEqual([]);
      expect(readdirSync(dir)).toEqual(before);
    } finally {
      unmount(out);
    }
  });
});
