// Hostile paths through the real CLI: names with spaces, quotes, newlines, terminal escapes, non-ASCII and
// leading dashes; symlink loops and unreadable folders while recursing; one photo named several ways; an
// output folder inside the input folder.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli } from './helpers/cli.js';

const gif = path.join(repoRoot, 'test', 'fixtures', 'metadata', 'comment.gif');

interface FileReport {
  input: string;
  status: string;
  output: string | null;
  error: { code: string; message: string } | null;
}
const report = (stdout: string) => JSON.parse(stdout) as { files: FileReport[]; problems: { path: string; code: string }[] };

function folder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o777);
  return dir;
}

const hostileNames = [
  'with space.gif',
  'it\'s "quoted".gif',
  'new\nline.gif',
  'esc\x1b[2J\x1b[31mred.gif',
  'bidi\u202egpj.gif',
  'été 日本 😀.gif',
  '-rf.gif',
  '--help.gif',
];

describe('hostile file names', () => {
  it('processes each one (after --), writes NAME.safe.gif beside it, and the copies verify', () => {
    const dir = folder('names-');
    for (const n of hostileNames) cpSync(gif, path.join(dir, n));
    const r = runCli(['--json', '--faces', 'none', '--', ...hostileNames], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const files = report(r.stdout).files;
    expect(files.map((f) => path.basename(f.input))).toEqual(hostileNames);
    for (const f of files) expect(f.output, f.input).toBe(f.input.replace(/\.gif$/, '.safe.gif'));
    expect(readdirSync(dir).sort()).toEqual([...hostileNames, ...hostileNames.map((n) => n.replace(/\.gif$/, '.safe.gif'))].sort());
    // --faces none keeps the faces: the copies' details alone are checked.
    expect(runCli(['verify', '--metadata-only', '--', ...files.map((f) => f.output!)], { cwd: dir }).code).toBe(0);
  });

  it('shows names on the terminal with control characters escaped, one line per photo', () => {
    const dir = folder('names-');
    for (const n of hostileNames) cpSync(gif, path.join(dir, n));
    const r = runCli(['--faces', 'none', '.'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]/);
    // One line per photo (each marked "check it", its faces left as they are, with the reason indented under it), and the summary.
    const lines = r.stdout
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('    '));
    expect(lines).toHaveLength(hostileNames.length + 1);
    expect(lines.some((l) => l.includes('new\\nline.gif → new\\nline.safe.gif'))).toBe(true);
    expect(lines.some((l) => l.includes('esc\\x1b[2J\\x1b[31mred.gif'))).toBe(true);
    expect(lines.some((l) => l.includes('bidi\\u{202e}gpj.gif'))).toBe(true);
    expect(lines.some((l) => l.includes('été 日本 😀.gif → été 日本 😀.safe.gif'))).toBe(true);
  });

  it('takes a leading dash as an option without --, as a usage mistake that writes nothing', () => {
    const dir = folder('dash-');
    cpSync(gif, path.join(dir, '-rf.gif'));
    const r = runCli(['--faces', 'none', '-rf.gif'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['-rf.gif']);
    expect(runCli(['--faces', 'none', './-rf.gif'], { cwd: dir }).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['-rf.gif', '-rf.safe.gif']);
  });
});

describe('folders', () => {
  it('recurses through symlink loops once, reports an unreadable folder, and goes on with the rest', (ctx) => {
    const root = folder('tree-');
    for (const d of ['a', 'a/deep', 'b', 'locked']) {
      mkdirSync(path.join(root, d));
      chmodSync(path.join(root, d), 0o777);
    }
    cpSync(gif, path.join(root, 'a', 'one.gif'));
    cpSync(gif, path.join(root, 'a', 'deep', 'two.gif'));
    cpSync(gif, path.join(root, 'locked', 'hidden.gif'));
    symlinkSync(root, path.join(root, 'a', 'deep', 'up')); // a loop back to the top
    symlinkSync(path.join(root, 'b'), path.join(root, 'b', 'self')); // a folder inside itself
    symlinkSync(path.join(root, 'a'), path.join(root, 'b', 'again')); // the same folder twice
    chmodSync(path.join(root, 'locked'), 0o000);
    // Root reads every folder whatever its mode: run as an unprivileged user there.
    let command = [process.execPath, cliPath];
    if (process.getuid?.() === 0) {
      if (spawnSync('setpriv', ['--version']).status !== 0) {
        console.log('cannot be simulated here: running as root without setpriv to drop privileges; skipped');
        return ctx.skip();
      }
      command = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command];
    }
    const r = spawnSync(command[0], [...command.slice(1), '--json', '--faces', 'none', '-r', root], { encoding: 'utf8', timeout: 120_000 });
    chmodSync(path.join(root, 'locked'), 0o755);
    expect(r.status, r.stderr).toBe(1);
    const rep = report(r.stdout);
    expect(rep.files.map((f) => path.relative(root, f.input)).sort()).toEqual(['a/deep/two.gif', 'a/one.gif']);
    expect(rep.files.every((f) => f.status === 'done')).toBe(true);
    expect(rep.problems).toEqual([
      { path: path.join(root, 'locked'), code: 'unreadable', message: 'cannot read this folder (permission denied)' },
    ]);
    expect(readdirSync(path.join(root, 'locked'))).toEqual(['hidden.gif']);
  });

  it('processes one photo once however it is named: twice, another spelling, a symlink, a hard link', () => {
    const dir = folder('same-');
    cpSync(gif, path.join(dir, 'a.gif'));
    symlinkSync(path.join(dir, 'a.gif'), path.join(dir, 'link.gif'));
    linkSync(path.join(dir, 'a.gif'), path.join(dir, 'hard.gif'));
    const r = runCli(['--json', '--faces', 'none', 'a.gif', 'a.gif', './a.gif', path.join(dir, 'a.gif'), 'link.gif', 'hard.gif', '.'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(report(r.stdout).files).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['a.gif', 'a.safe.gif', 'hard.gif', 'link.gif']);
  });

  it('never takes its own copies as input: an output folder inside the input folder, or copies beside the photos', () => {
    const dir = folder('nested-');
    mkdirSync(path.join(dir, 'sub'));
    cpSync(gif, path.join(dir, 'one.gif'));
    cpSync(gif, path.join(dir, 'sub', 'two.gif'));
    const out = path.join(dir, 'safe');
    for (let run = 1; run <= 2; run++) {
      const r = runCli(['--json', '--faces', 'none', '--again', '-r', '--out', out, dir]);
      expect(r.code, r.stderr).toBe(0);
      expect(
        report(r.stdout)
          .files.map((f) => path.relative(dir, f.input))
          .sort(),
      ).toEqual(['one.gif', 'sub/two.gif']);
    }
    // A second run with --again never overwrites: it adds -2 copies of the same two photos, and nothing of safe/ itself.
    expect(readdirSync(out).sort()).toEqual(['one.safe-2.gif', 'one.safe.gif', 'sub']);
    expect(readdirSync(path.join(out, 'sub')).sort()).toEqual(['two.safe-2.gif', 'two.safe.gif']);

    const beside = folder('beside-');
    cpSync(gif, path.join(beside, 'one.gif'));
    for (let run = 1; run <= 2; run++) {
      const r = runCli(['--json', '--faces', 'none', '-r', beside]);
      expect(report(r.stdout).files.map((f) => [path.basename(f.input), f.status])).toEqual([['one.gif', run === 1 ? 'done' : 'skipped']]);
    }
    expect(readdirSync(beside).sort()).toEqual(['one.gif', 'one.safe.gif']);
  });
});
