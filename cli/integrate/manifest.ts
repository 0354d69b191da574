// The record of everything `integrate install` wrote, so `uninstall` removes exactly that and
// nothing of the user's. Kept in the config folder as integration.json.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { configDir, writeFileDurably } from '../../src/index.js';
import type { Launcher } from './launcher.js';
import type { Target } from './targets.js';

export interface FileEntry {
  kind: 'file';
  target: Target;
  path: string;
  /** Of the content we wrote: a file that no longer matches was edited by someone, and is left alone. */
  sha256: string;
}

export interface ThunarEntry {
  kind: 'thunar';
  target: 'thunar';
  path: string;
  ids: string[];
  commands: string[];
  /** uca.xml did not exist: it started as `seed`, and goes away when only that is left. */
  createdFrom?: { seedSha256: string };
}

export interface RegistryEntry {
  kind: 'registry';
  target: 'explorer';
  /** Verb keys below HKCU\Software\Classes. */
  keys: string[];
}

export type Entry = FileEntry | ThunarEntry | RegistryEntry;

export interface Manifest {
  version: 1;
  launcher: Launcher;
  entries: Entry[];
  /** Folders that did not exist before we wrote into them; removed again once empty. */
  createdDirs: string[];
}

export interface Host {
  platform: NodeJS.Platform;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Runs a system tool (reg.exe, pbs) and resolves with its exit code and output. */
  run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export function manifestPath(host: Host): string {
  return path.join(configDir(host.env, host.platform, host.home), 'integration.json');
}

export async function loadManifest(host: Host): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(manifestPath(host), 'utf8')) as Manifest;
    return m.version === 1 && Array.isArray(m.entries) ? { ...m, createdDirs: m.createdDirs ?? [] } : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the manifest, or removes it (and the folders it created) when nothing is installed any more. */
export async function saveManifest(host: Host, m: Manifest): Promise<void> {
  const file = manifestPath(host);
  if (!m.entries.length) {
    await rm(file, { force: true });
    m.createdDirs = await removeEmptyDirs(m.createdDirs);
    return;
  }
  // The folder first, so that a config folder made for the manifest is recorded in it too.
  await ensureDir(path.dirname(file), m.createdDirs);
  await writeAtomic(file, `${JSON.stringify(m, null, 2)}\n`, 0o644, m.createdDirs);
}

export async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** mkdir -p that remembers which folders it made. */
export async function ensureDir(dir: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; !(await exists(d)); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  await mkdir(dir, { recursive: true });
  for (const d of missing) if (!created.includes(d)) created.push(d);
}

export async function writeAtomic(file: string, content: string | Buffer, mode: number, created: string[]): Promise<void> {
  await ensureDir(path.dirname(file), created);
  await writeFileDurably(file, content, mode);
}

/** Removes the folders we created that are empty now, deepest first; returns those still there. */
export async function removeEmptyDirs(dirs: string[]): Promise<string[]> {
  const left: string[] = [];
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      await rmdir(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') left.push(d);
    }
  }
  return dirs.filter((d) => left.includes(d));
}
